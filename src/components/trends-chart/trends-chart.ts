import { html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ChartController } from '../../controllers/chart-controller.js';
import { formatValue } from '../../format/index.js';
import { hostStyles } from '../../styles/host.styles.js';
import { trendsChartConfig } from './trends-config.js';
import { buildTrendsView, TRENDS_TEXT } from './trends-data.js';
import { styles } from './trends-chart.styles.js';
import type { PropertyValues } from 'lit';
import type { RunResponse, TrendsDisplay, TrendsSeries } from '../../data/types.js';
import type { TrendsView } from './trends-data.js';

/**
 * @summary Draws PostHog trends series as a line or area chart, with an accessible data table.
 *
 * Takes the proxy's run response for a `TrendsQuery` through `.result` and fetches nothing
 * itself; `<ph-endpoint-chart>` renders it for trends endpoints. One line per series, named
 * by its breakdown value or event, honouring the endpoint's saved `format` (custom names,
 * hidden series, prefix, postfix, decimals, percentage and duration axes). Null points are
 * gaps. The canvas is an image labelled with what it shows, the date range and each series'
 * latest value; a visually hidden table carries every number for screen readers.
 *
 * @tag ph-trends-chart
 *
 * @csspart base - The wrapper around the chart and the table; paints `--ph-color-surface`.
 * @csspart chart - The positioned box the canvas fills; its height is `--ph-chart-height`.
 * @csspart table - The visually hidden data table with the chart's numbers.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the chart; the width follows the container.
 * @cssprop --ph-color-series-1 - Colour of the first series; `--ph-color-series-2` to `-8` follow, then the palette repeats dashed.
 * @cssprop --ph-color-text - Legend, tooltip and table text.
 * @cssprop --ph-color-text-muted - Axis labels.
 * @cssprop --ph-color-grid - Grid lines and axis border.
 * @cssprop --ph-color-surface - Background of the chart and its tooltips.
 * @cssprop --ph-font-family - Font of the element and the canvas text.
 * @cssprop [--ph-radius=6px] - Corner radius of the base part.
 */
export class PhTrendsChart extends LitElement {
  static override styles = [hostStyles, styles];

  /** The proxy's run response for a trends query; rows are series. */
  @property({ attribute: false }) result: RunResponse<TrendsSeries[]> | undefined;

  /** ActionsLineGraph (the default), ActionsLineGraphCumulative (running totals) or ActionsAreaGraph (filled); unset follows `result.display`. */
  @property() display: TrendsDisplay | undefined;

  /** BCP 47 locale for numbers and dates; the browser's when unset. */
  @property() locale: string | undefined;

  /** IANA time zone for hourly data; the response's `timezone` when unset. Dates never shift. */
  @property() timezone: string | undefined;

  /** Forces the light or dark theme; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  @query('canvas') private readonly _canvas!: HTMLCanvasElement | null;

  private _view: TrendsView | undefined;

  // A `ph-point-click` event (step 2) belongs in the config's `onClick`, mapping chart.js's
  // element index back to `_view.series[i].index` and the point's day.
  private readonly _chart = new ChartController<'line', Array<number | null>>(this, {
    canvas: () => this._canvas,
    config: (theme) =>
      this._view && this._view.series.length > 0 ? trendsChartConfig(this._view, theme) : undefined,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') || changed.has('display') || changed.has('locale') || changed.has('timezone')) {
      this._view = buildTrendsView(this.result, {
        display: this.display,
        locale: this.locale,
        timeZone: this.timezone,
      });
    }
  }

  /** Resolves once the chart, loaded lazily on first use, reflects this update. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this._chart.ready;
    return complete;
  }

  protected override render() {
    const view = this._view;
    if (!view) return html`<div part="base" class="base"></div>`;
    if (view.series.length === 0) {
      return html`<div part="base" class="base"><p class="empty">${TRENDS_TEXT.empty}</p></div>`;
    }
    return html`
      <div part="base" class="base">
        <div part="chart" class="chart">
          <canvas role="img" aria-label=${view.summary}></canvas>
        </div>
        ${this._renderTable(view)}
      </div>
    `;
  }

  private _renderTable(view: TrendsView) {
    const value = (raw: number | null) => formatValue(raw, { locale: view.locale, format: view.format });
    return html`
      <table part="table" class="visually-hidden">
        <caption>
          ${view.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${TRENDS_TEXT.date}</th>
            ${view.series.map((series) => html`<th scope="col">${series.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${view.fullLabels.map(
            (label, i) => html`
              <tr>
                <th scope="row">${label}</th>
                ${view.series.map((series) => html`<td>${value(series.values[i] ?? null)}</td>`)}
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-trends-chart': PhTrendsChart;
  }
}
