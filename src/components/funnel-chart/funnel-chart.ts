import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SeriesChartController, seriesChartStyles } from '../../controllers/series-chart-controller.js';
import { PhPointClickEvent } from '../../events/point-click.js';
import { formatDuration, formatNumber, formatValue, toCsv } from '../../format/index.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import {
  binLabel,
  histogramModel,
  histogramSummary,
  percentText,
  trendsLabels,
  trendsModel,
  trendsSummary,
} from './funnel-charts.js';
import { buildFunnelView, isEmptyFunnel } from './funnel-data.js';
import { renderSteps } from './funnel-steps.js';
import { styles } from './funnel-chart.styles.js';
import type { PropertyValues } from 'lit';
import type { SeriesChartModel } from '../../controllers/series-chart.js';
import type { FunnelVizType } from '../../data/types.js';
import type { CsvCell } from '../../format/index.js';
import type { TrendsLabels } from './funnel-charts.js';
import type { FunnelHistogramView, FunnelSeriesView, FunnelTrendsView, FunnelView } from './funnel-data.js';

/**
 * @summary Draws a PostHog funnel: conversion steps as bars, a time-to-convert histogram, or
 * conversion over time.
 *
 * Takes the proxy's run response for a `FunnelsQuery` through `.result` and fetches nothing.
 * Steps are HTML bars in an ordered list, each with its count, conversion from the first and from
 * the previous step, drop-off, and median and average time to convert; a breakdown funnel groups
 * one bar per breakdown value under each step, with a legend and a table. `time_to_convert` is a
 * histogram of conversions per duration bin with the average, and `trends` a line of conversion
 * rates; both are canvases labelled with their data, with a hidden table, a keyboard-reachable
 * tooltip and an HTML legend. A zero first step gives dashes, never NaN.
 *
 * @tag ph-funnel-chart
 *
 * @csspart base - The wrapper; paints `--ph-color-surface`.
 * @csspart steps - The ordered list of steps.
 * @csspart step - One step: name, bar track, numbers.
 * @csspart step-name - A step's name.
 * @csspart bar - A bar button (one per breakdown value in a step); fires `ph-point-click`.
 * @csspart metrics - A step's numbers (funnels without breakdown).
 * @csspart legend - The breakdown legend; `legend-item` for each toggle button.
 * @csspart legend-item - A legend toggle button.
 * @csspart table - The data table (visible for breakdown steps, hidden under charts).
 * @csspart chart - The focusable region around a canvas (histogram, trends).
 * @csspart canvas - The canvas.
 * @csspart tooltip - The chart tooltip.
 * @csspart average - The histogram's average time to convert.
 * @csspart empty - The message shown when there is nothing to draw.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the histogram and trends charts, and of the empty state.
 * @cssprop [--ph-funnel-track-height=200px] - Height of the step bars in columns (the 100% mark).
 * @cssprop --ph-color-series-1 - Bars without breakdown; `--ph-color-series-2` to `-8` colour further breakdown values.
 * @cssprop --ph-color-text - Text.
 * @cssprop --ph-color-text-muted - Metric names and axis labels.
 * @cssprop --ph-color-grid - Grid lines, table rules, empty bar tracks.
 * @cssprop --ph-color-surface - Background.
 * @cssprop --ph-font-family - Font of the element and the canvas text.
 * @cssprop [--ph-radius=6px] - Corner radius.
 * @cssprop [--ph-legend-max-height=5.5rem] - The legend scrolls past this height.
 *
 * @fires {PhPointClickEvent} ph-point-click - A step's bar, a histogram bin or a trends point was activated by pointer or keyboard.
 */
export class PhFunnelChart extends PhViewElement {
  static override styles = [hostStyles, ...seriesChartStyles, styles];

  /** `steps`, `time_to_convert` or `trends`; unset follows `result.display`. The result's shape wins when they disagree. */
  @property() display: FunnelVizType | undefined;

  /** `vertical` columns or `horizontal` rows for steps; unset shows columns, and rows when narrow. */
  @property({ reflect: true }) layout: 'vertical' | 'horizontal' | undefined;

  /** Breakdown values toggled off in the legend, by position in the result. */
  @state() private _hidden: ReadonlySet<number> = new Set();

  private _view: FunnelView | undefined;
  private _labels: TrendsLabels | undefined;
  private _model: SeriesChartModel | undefined;

  private readonly _chart = new SeriesChartController(this, { model: () => this._model });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') || changed.has('display') || changed.has('strings')) {
      this._view = buildFunnelView(this.result, this.display, this.text);
    }
    const view = this._view;
    this._labels =
      view?.kind === 'trends'
        ? trendsLabels(view, {
            locale: this.locale,
            timeZone: this.timezone,
            sourceTimeZone: this.result?.timezone,
          })
        : undefined;
    this._model =
      !view || isEmptyFunnel(view)
        ? undefined
        : view.kind === 'time_to_convert'
          ? histogramModel(view, this.text, this.locale)
          : view.kind === 'trends' && this._labels
            ? trendsModel(view, this._labels, this._hidden, this.locale)
            : undefined;
  }

  /** Resolves once the chart, loaded lazily on first use, reflects this update. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this._chart.ready;
    return complete;
  }

  /**
   * Steps: `[breakdown,]step,count,conversion from first,from previous,drop-off,median,average`
   * (ratios 0..1, seconds), a row per step per shown breakdown value. Histogram: `from,to,converted,share`
   * (seconds). Trends: `date` and a percent column per shown series.
   */
  toCSV(): string {
    if (this.drawFailed) return '';
    const view = buildFunnelView(this.result, this.display, this.text);
    if (!view || isEmptyFunnel(view)) return '';
    if (view.kind === 'time_to_convert') {
      return toCsv(
        ['from', 'to', 'converted', 'share'],
        view.bins.map((bin) => [bin.from, bin.to, bin.count, bin.share]),
      );
    }
    if (view.kind === 'trends') {
      const shown = view.series.filter((series) => !this._hidden.has(series.key));
      return toCsv(
        ['date', ...shown.map((series) => series.name)],
        view.days.map((day, i) => [day, ...shown.map((series) => series.values[i] ?? null)]),
      );
    }
    const header = [
      'step',
      'count',
      'conversion from first',
      'from previous',
      'drop-off',
      'median',
      'average',
    ];
    const rows = view.series
      .filter((series) => !this._hidden.has(series.key))
      .flatMap((series) =>
        series.steps.map((step): CsvCell[] => [
          ...(view.breakdown ? [series.name] : []),
          step.name,
          step.count,
          step.fromFirst,
          step.fromPrevious,
          step.dropOff,
          step.median,
          step.average,
        ]),
      );
    return toCsv(view.breakdown ? ['breakdown', ...header] : header, rows);
  }

  protected override render() {
    const view = this._view;
    if (!view) return html`<div part="base" class="base"></div>`;
    if (isEmptyFunnel(view)) return this.renderEmpty();
    if (view.kind === 'time_to_convert') return this._renderHistogram(view);
    if (view.kind === 'trends') return this._renderTrends(view);
    return html`<div part="base" class="base steps-view">
      ${renderSteps({
        view,
        hidden: this._hidden,
        text: this.text,
        locale: this.locale,
        activate: (series, index) => this._activateStep(series, index, view.breakdown),
        toggle: this._toggle,
      })}
    </div>`;
  }

  private _renderHistogram(view: FunnelHistogramView) {
    const { text, locale } = this;
    const share = (ratio: number | null) =>
      formatValue(ratio, { locale, format: { axis: 'percentage_scaled' } });
    return html`<div part="base" class="base">
      ${this._chart.render({ label: histogramSummary(view, text, locale), hint: text.chartKeys })}
      <p part="average" class="average">${text.averageTime}: ${formatDuration(view.average, { locale })}</p>
      <table part="table" class="visually-hidden">
        <caption>
          ${text.timeToConvert}
        </caption>
        <thead>
          <tr>
            <th scope="col">${text.timeToConvert}</th>
            <th scope="col">${text.converted}</th>
            <th scope="col">${text.share}</th>
          </tr>
        </thead>
        <tbody>
          ${view.bins.map(
            (bin) =>
              html`<tr>
                <th scope="row">${binLabel(bin, locale)}</th>
                <td>${formatNumber(bin.count, { locale })}</td>
                <td>${share(bin.share)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _renderTrends(view: FunnelTrendsView) {
    const { text, locale } = this;
    const labels = this._labels!;
    const shown = view.series.filter((series) => !this._hidden.has(series.key));
    const legend = view.series.length > 1 ? { label: text.legend, onToggle: this._toggle } : undefined;
    return html`<div part="base" class="base">
      ${this._chart.render({
        label: trendsSummary(view, labels, this._hidden, text, locale),
        hint: text.chartKeys,
        legend,
      })}
      <table part="table" class="visually-hidden">
        <caption>
          ${text.conversionRate}, ${labels.range}
        </caption>
        <thead>
          <tr>
            <th scope="col">${text.date}</th>
            ${shown.map((series) => html`<th scope="col">${series.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${labels.full.map(
            (label, i) =>
              html`<tr>
                <th scope="row">${label}</th>
                ${shown.map((series) => html`<td>${percentText(series.values[i] ?? null, locale)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private readonly _toggle = (key: number): void => {
    const hidden = new Set(this._hidden);
    if (!hidden.delete(key)) hidden.add(key);
    this._hidden = hidden;
  };

  private _activateStep(series: FunnelSeriesView, index: number, breakdown: boolean): void {
    const step = series.steps[index];
    if (!step) return;
    this.dispatchEvent(
      new PhPointClickEvent({
        series: breakdown ? series.name : step.name,
        seriesIndex: series.key,
        label: step.name,
        index,
        value: step.count,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-funnel-chart': PhFunnelChart;
  }
}
