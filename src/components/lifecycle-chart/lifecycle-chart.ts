import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { SeriesChartController, seriesChartStyles } from '../../controllers/series-chart-controller.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { styles as trendsStyles } from '../trends-chart/trends-chart.styles.js';
import { trendsChartModel } from '../trends-chart/trends-config.js';
import { renderDataTable, trendsCsv } from '../trends-chart/trends-table.js';
import { buildLifecycleView, STATUS_TOKENS } from './lifecycle-data.js';
import { styles } from './lifecycle-chart.styles.js';
import type { PropertyValues } from 'lit';
import type { SeriesChartModel } from '../../controllers/series-chart.js';
import type { TrendsSeries } from '../../data/types.js';
import type { TrendsView } from '../trends-chart/trends-data.js';

/**
 * @summary Draws a PostHog lifecycle: new, returning and resurrecting users stacked above the
 * axis, dormant users below it, one bar per period.
 *
 * Takes the proxy's run response for a `LifecycleQuery` through `.result` (trends series with a
 * `status`, or a label ending in it) and fetches nothing. Statuses keep fixed colours from the
 * `--ph-color-lifecycle-*` tokens and their order (new, returning, resurrecting, dormant) in the
 * legend, the tooltip and the tables; dormant counts are drawn negative whatever their sign.
 * Keyboard and pointer work as on `<ph-trends-chart>`: Left/Right move across periods, Up/Down
 * across statuses, Enter fires `ph-point-click`; legend buttons hide and show a status.
 *
 * @tag ph-lifecycle-chart
 *
 * @csspart base - The wrapper; paints `--ph-color-surface`.
 * @csspart empty - The "No data for this period" message.
 * @csspart chart - The focusable region holding the canvas and the tooltip.
 * @csspart canvas - The chart.js canvas (`role="img"`, labelled with the data).
 * @csspart tooltip - The HTML tooltip.
 * @csspart legend - The legend of status toggle buttons.
 * @csspart legend-item - One status button (`aria-pressed` says whether it is shown).
 * @csspart table - The visually hidden table of the numbers.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the chart.
 * @cssprop [--ph-color-lifecycle-new=var(--ph-color-series-1)] - New users.
 * @cssprop [--ph-color-lifecycle-returning=var(--ph-color-series-3)] - Returning users.
 * @cssprop [--ph-color-lifecycle-resurrecting=var(--ph-color-series-4)] - Resurrecting users.
 * @cssprop [--ph-color-lifecycle-dormant=var(--ph-color-series-5)] - Dormant users.
 * @cssprop --ph-color-text - Legend, tooltip and table text.
 * @cssprop --ph-color-text-muted - Axis labels.
 * @cssprop --ph-color-grid - Grid lines.
 * @cssprop --ph-color-surface - Background.
 * @cssprop --ph-font-family - Font of the element and the canvas text.
 *
 * @fires {PhPointClickEvent} ph-point-click - A bar was activated by pointer or keyboard: `series` (status name), `seriesIndex` (position in `result.results`), `label` (period), `index`, `value` (negative for dormant).
 */
export class PhLifecycleChart extends PhViewElement<TrendsSeries[]> {
  static override styles = [hostStyles, ...seriesChartStyles, trendsStyles, styles];

  @state() private _hidden: ReadonlySet<number> = new Set();

  private _view: TrendsView | undefined;
  private _model: SeriesChartModel | undefined;

  private readonly _series = new SeriesChartController(this, {
    model: () => this._model,
    tokens: STATUS_TOKENS,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['result', 'locale', 'timezone', 'strings', '_hidden'] as const;
    if (!inputs.some((name) => changed.has(name as keyof PhLifecycleChart))) return;
    this._view = buildLifecycleView(this.result, {
      locale: this.locale,
      timeZone: this.timezone,
      hidden: this._hidden,
      text: this.text,
    });
    this._model = this._view ? trendsChartModel(this._view) : undefined;
  }

  /** Resolves once the chart, loaded lazily on first use, reflects this update. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this._series.ready;
    return complete;
  }

  /** A date column and one column per shown status, dormant negative. */
  toCSV(): string {
    if (this.drawFailed) return '';
    const view = this._view;
    return view && view.series.length > 0 ? trendsCsv(view, this.text, this.text.date) : '';
  }

  protected override render() {
    const view = this._view;
    const text = this.text;
    if (!view) return html`<div part="base" class="base"></div>`;
    if (view.series.length === 0) return this.renderEmpty();
    return html`<div part="base" class="base">
      ${this._series.render({
        label: view.summary,
        hint: text.chartKeys,
        legend: { label: text.legend, onToggle: this._toggle },
      })}
      ${renderDataTable(view, text, text.date)}
    </div>`;
  }

  private readonly _toggle = (key: number): void => {
    const hidden = new Set(this._hidden);
    if (!hidden.delete(key)) hidden.add(key);
    this._hidden = hidden;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-lifecycle-chart': PhLifecycleChart;
  }
}
