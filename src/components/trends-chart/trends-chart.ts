import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { renderLegend } from '../../controllers/chart-legend.js';
import { ChartTooltipController } from '../../controllers/chart-tooltip.js';
import { SeriesChartController, seriesChartStyles } from '../../controllers/series-chart-controller.js';
import { PhPointClickEvent } from '../../events/point-click.js';
import { numberFormat } from '../../format/formatter-cache.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { rankByTotal, renderBarValues } from './trends-bar-value.js';
import { seriesCssColor } from '../../controllers/series-chart.js';
import { trendsChartModel } from './trends-config.js';
import { buildTrendsView } from './trends-data.js';
import { pieSlices, renderPie, sliceCentre } from './trends-pie.js';
import { renderDataTable, renderSeriesTable, trendsCsv } from './trends-table.js';
import { styles } from './trends-chart.styles.js';
import type { PropertyValues } from 'lit';
import type { SeriesChartModel } from '../../controllers/series-chart.js';
import type { TrendsDisplay, TrendsSeries } from '../../data/types.js';
import type { TrendsSeriesView, TrendsView } from './trends-data.js';
import type { PieSlice } from './trends-pie.js';
import type { TableSort } from './trends-table.js';

/**
 * @summary Draws PostHog trends, stickiness and their breakdowns in every trends display, with
 * an HTML legend and tooltip, keyboard navigation and a table of the numbers.
 *
 * Takes the proxy's run response for a `TrendsQuery` or `StickinessQuery` through `.result` and
 * fetches nothing. Displays: ActionsLineGraph, ActionsLineGraphCumulative (running totals),
 * ActionsAreaGraph (stacked and filled), ActionsBar and ActionsStackedBar (stacked bars),
 * ActionsUnstackedBar, ActionsBarValue (ranked horizontal bars of each series' total),
 * ActionsPie (SVG donut, total in the middle), ActionsTable (sortable series-by-date table
 * with totals) and WorldMap, drawn as ranked bars with country names because a map would not
 * fit the size budget. A series per breakdown value (PostHog's buckets read "Other" and "None");
 * past eight series the palette repeats with dashes and the legend scrolls. Previous periods
 * (compare) are dashed, in their current series' colour. Stickiness x labels read "1 day",
 * "2 days"... Series over 1,000 points draw on a linear axis with decimation. Honours the saved
 * `format`: custom names, hidden series, prefix, postfix, decimals, percent and duration axes.
 *
 * Keyboard: Tab to the chart, Left/Right/Home/End move across points, Up/Down across series,
 * Enter or Space fires `ph-point-click`, Escape hides the tooltip. Legend buttons show and hide
 * series; hidden series leave the chart, tooltip, tables, label and CSV.
 *
 * @tag ph-trends-chart
 *
 * @csspart base - The wrapper around everything; paints `--ph-color-surface`.
 * @csspart empty - The "No data for this period" message.
 * @csspart chart - The focusable region holding the canvas (or the pie) and the tooltip.
 * @csspart canvas - The chart.js canvas (`role="img"`, labelled with the data).
 * @csspart tooltip - The HTML tooltip.
 * @csspart legend - The legend's scrolling list of toggle buttons.
 * @csspart legend-item - One legend button (`aria-pressed` says whether the series is shown).
 * @csspart bars - ActionsBarValue and WorldMap: the ranked list.
 * @csspart bar - One ranked bar's button.
 * @csspart pie - ActionsPie: the SVG.
 * @csspart table - The data table (visually hidden, except for ActionsTable).
 * @csspart table-scroll - ActionsTable: the scrolling box around the table.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the chart; the width follows the container.
 * @cssprop [--ph-legend-max-height=5.5rem] - Height past which the legend scrolls.
 * @cssprop --ph-color-series-1 - Colour of the first series; `-2` to `-8` follow, then the palette repeats (dashed lines).
 * @cssprop --ph-color-text - Legend, tooltip and table text.
 * @cssprop --ph-color-text-muted - Axis labels.
 * @cssprop --ph-color-grid - Grid lines, axis border, tooltip border.
 * @cssprop --ph-color-surface - Background of the chart and its tooltip.
 * @cssprop --ph-font-family - Font of the element and the canvas text.
 * @cssprop [--ph-radius=6px] - Corner radius.
 *
 * @fires {PhPointClickEvent} ph-point-click - A point, bar, slice or table cell was activated by pointer or keyboard: `series` (name), `seriesIndex` (position in `result.results`), `label` (axis label; the series name for totals), `index` (position on the axis; rank for totals, -1 for a table's total column), `value`.
 */
export class PhTrendsChart extends PhViewElement<TrendsSeries[]> {
  static override styles = [hostStyles, ...seriesChartStyles, styles];

  /** The display type; unset follows `result.display`, then ActionsLineGraph. */
  @property() display: TrendsDisplay | undefined;

  @state() private _hidden: ReadonlySet<number> = new Set();
  @state() private _sort: TableSort | undefined;

  private _view: TrendsView | undefined;
  private _model: SeriesChartModel | undefined;
  private _pie: { slices: PieSlice[]; total: number } | undefined;

  private readonly _series = new SeriesChartController(this, { model: () => this._model });

  private readonly _pieTip = new ChartTooltipController(this, {
    length: () => this._pie?.slices.length ?? 0,
    content: (i) => {
      const slice = this._pie?.slices[i];
      if (!slice || !this._view) return undefined;
      const share = numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
        slice.fraction,
      );
      const { series } = slice;
      const row = {
        key: series.index,
        name: share,
        color: seriesCssColor(series.color),
        value: this._view.value(slice.value),
      };
      return { title: series.name, rows: [row] };
    },
    anchor: (i) => {
      const region = this.renderRoot.querySelector<HTMLElement>('.pie-region');
      const box = region?.querySelector('svg')?.getBoundingClientRect();
      const slice = this._pie?.slices[i];
      if (!region || !box || !slice) return undefined;
      const origin = region.getBoundingClientRect();
      const centre = sliceCentre(slice);
      return {
        x: box.left - origin.left + centre.x * box.width,
        y: box.top - origin.top + centre.y * box.height,
        width: origin.width,
      };
    },
    pointAt: (event) => {
      const slice = (event.target as Element | null)?.closest?.('[data-slice]');
      return slice ? { index: Number(slice.getAttribute('data-slice')) } : undefined;
    },
    activate: (i) => {
      const slice = this._pie?.slices[i];
      if (slice) this._pick(slice.series, slice.series.name, i, slice.value);
    },
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['result', 'display', 'locale', 'timezone', 'strings', '_hidden'] as const;
    if (!inputs.some((name) => changed.has(name as keyof PhTrendsChart))) return;
    const view = buildTrendsView(this.result, {
      display: this.display,
      locale: this.locale,
      timeZone: this.timezone,
      hidden: this._hidden,
      text: this.text,
    });
    this._view = view;
    this._model = view?.family === 'chart' ? trendsChartModel(view) : undefined;
    this._pie = view?.family === 'pie' ? pieSlices(view) : undefined;
  }

  /** Resolves once the chart, loaded lazily on first use, reflects this update. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this._series.ready;
    return complete;
  }

  /** A date (or stickiness period) column and one column per shown series; `series,value` rows for totals. */
  toCSV(): string {
    if (this.drawFailed) return '';
    const view = this._view;
    if (!view || view.series.length === 0) return '';
    const ranked = view.family === 'values' || view.family === 'pie';
    return trendsCsv(view, this.text, this._firstColumn(view), ranked ? rankByTotal(view.shown) : view.shown);
  }

  protected override render() {
    const view = this._view;
    if (!view) return html`<div part="base" class="base"></div>`;
    if (view.series.length === 0) return this.renderEmpty();
    return html`<div part="base" class="base">${this._renderView(view)}</div>`;
  }

  private _renderView(view: TrendsView) {
    const text = this.text;
    const legend = { label: text.legend, onToggle: this._toggle };
    switch (view.family) {
      case 'chart':
        return html`
          ${this._series.render({ label: view.summary, hint: text.chartKeys, legend: view.series.length > 1 ? legend : undefined })}
          ${renderDataTable(view, text, this._firstColumn(view))}
        `;
      case 'values':
        return html`
          ${renderBarValues(view, (series, position) => this._pick(series, series.name, position, series.total))}
          ${renderDataTable(view, text, text.seriesColumn)}
        `;
      case 'pie':
        return this._renderPie(view);
      case 'table':
        return renderSeriesTable(view, text, this._sort, this._sortBy, (series, index, label, value) =>
          this._pick(series, label, index, value),
        );
    }
  }

  private _renderPie(view: TrendsView) {
    const { slices, total } = this._pie ?? { slices: [], total: 0 };
    const tip = this._pieTip;
    const items = rankByTotal(view.series).map((series) => ({
      key: series.index,
      name: series.name,
      color: seriesCssColor(series.color),
      shape: 'box' as const,
      value: view.value(series.total),
      hidden: series.hidden,
    }));
    return html`
      <div class="pie-layout">
        <div
          part="chart"
          class="chart pie-region"
          role="group"
          tabindex="0"
          aria-label=${this.text.chartKeys}
          @keydown=${tip.onKeyDown}
          @pointermove=${tip.onPointerMove}
          @pointerleave=${tip.onPointerLeave}
          @focusout=${tip.onFocusOut}
          @click=${tip.onClick}
        >
          ${renderPie(view, slices, total, tip.active?.index)} ${tip.render()}
        </div>
        ${renderLegend(items, this._toggle, this.text.legend)}
      </div>
      ${renderDataTable(view, this.text, this.text.seriesColumn)}
    `;
  }

  private _firstColumn(view: TrendsView): string {
    return view.labels.interval === undefined ? this.text.stickinessPeriod : this.text.date;
  }

  private _pick(series: TrendsSeriesView, label: string, index: number, value: number | null): void {
    this.dispatchEvent(
      new PhPointClickEvent({ series: series.name, seriesIndex: series.index, label, index, value }),
    );
  }

  private readonly _toggle = (key: number): void => {
    const hidden = new Set(this._hidden);
    if (!hidden.delete(key)) hidden.add(key);
    this._hidden = hidden;
  };

  private readonly _sortBy = (column: number): void => {
    // Names sort A to Z first, numbers largest first; a second click reverses.
    const descending = this._sort?.column === column ? !this._sort.descending : column >= 0;
    this._sort = { column, descending };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-trends-chart': PhTrendsChart;
  }
}
