/**
 * Pure derivation of what `<ph-trends-chart>` shows from a run response: the display family,
 * series names, values (running totals when cumulative), totals, previous periods, x labels and
 * the accessible caption and summary. No DOM, no chart.js.
 */
import { formatValue, isFiniteNumber, isRecord } from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import { countryName, dateLabels, stickinessLabels } from './trends-labels.js';
import { currentPartners, previousFlags, seriesName } from './trends-series.js';
import type { SeriesChartKind } from '../../controllers/series-chart.js';
import type { DisplayFormat, RunResponse, TrendsDisplay, TrendsSeries } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';
import type { AxisLabels } from './trends-labels.js';

/** How a display is drawn: a chart.js chart, ranked HTML bars, an SVG pie or a visible table. */
export type TrendsFamily = 'chart' | 'values' | 'pie' | 'table';

/** Per display: how it is drawn, the chart kind (for the chart family) and its name's string. */
const DISPLAYS: Record<TrendsDisplay, readonly [TrendsFamily, SeriesChartKind, keyof PhStrings]> = {
  ActionsLineGraph: ['chart', 'line', 'lineChart'],
  ActionsLineGraphCumulative: ['chart', 'line', 'cumulativeLineChart'],
  ActionsAreaGraph: ['chart', 'area', 'areaChart'],
  ActionsBar: ['chart', 'stacked-bar', 'stackedBarChart'],
  ActionsStackedBar: ['chart', 'stacked-bar', 'stackedBarChart'],
  ActionsUnstackedBar: ['chart', 'bar', 'barChart'],
  ActionsBarValue: ['values', 'line', 'totalsChart'],
  BoldNumber: ['values', 'line', 'totalsChart'],
  WorldMap: ['values', 'line', 'countryChart'],
  ActionsPie: ['pie', 'line', 'pieChart'],
  ActionsTable: ['table', 'line', 'seriesTable'],
};

/** Longest accessible summary; past it, series are counted instead of listed. */
const SUMMARY_MAX = 400;

export interface TrendsSeriesView {
  /** Position in `result.results`: keys custom names, hidden series, legend toggles and clicks. */
  readonly index: number;
  readonly name: string;
  /** One value per x position; null is a gap. */
  readonly values: ReadonlyArray<number | null>;
  /** `aggregated_value`, else the sum of the points, else null. */
  readonly total: number | null;
  /** Palette position (a previous period takes its current series'), or a colour token name. */
  readonly color: number | string;
  readonly previous: boolean;
  /** Toggled off in the legend: left out of everything but the legend. */
  readonly hidden: boolean;
}

export interface TrendsView {
  readonly display: TrendsDisplay;
  readonly family: TrendsFamily;
  readonly kind: SeriesChartKind;
  /** Results without points (only `aggregated_value`): totals, not dates. */
  readonly totalsOnly: boolean;
  /** The x-axis keys as PostHog sent them (ISO dates, stickiness counts), for CSV. */
  readonly days: ReadonlyArray<string>;
  readonly labels: AxisLabels;
  readonly series: readonly TrendsSeriesView[];
  /** The series not toggled off. */
  readonly shown: readonly TrendsSeriesView[];
  readonly locale: string | undefined;
  /** A value as the endpoint's format says (compact for axis ticks). */
  value(raw: number | null, compact?: boolean): string;
  /** "Line chart, 3 series, Mar 8 – 15, 2022": the table caption. */
  readonly caption: string;
  /** The caption plus each series' latest value or total: the chart's accessible label. */
  readonly summary: string;
}

export interface TrendsViewOptions {
  display?: string | null | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
  /** Result positions toggled off in the legend. */
  hidden?: ReadonlySet<number>;
  text: PhStrings;
  /** Replaces the chart name in the caption (e.g. "Lifecycle chart"). */
  title?: string | undefined;
  /** Reorders, renames or recolours the series before captions are made (lifecycle statuses). */
  arrange?: (series: TrendsSeriesView[], results: readonly TrendsSeries[]) => TrendsSeriesView[];
}

export function trendsDisplay(display: string | null | undefined): TrendsDisplay {
  return display && display in DISPLAYS ? (display as TrendsDisplay) : 'ActionsLineGraph';
}

const finiteOrNull = (value: unknown): number | null => (isFiniteNumber(value) ? value : null);
const hasPoints = (series: TrendsSeries) => Array.isArray(series.data) && series.data.length > 0;

function runningTotal(values: ReadonlyArray<number | null>): Array<number | null> {
  let total = 0;
  return values.map((value) => (value === null ? null : (total += value)));
}

function lastValue(values: ReadonlyArray<number | null>): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return null;
}

function total(series: TrendsSeries): number | null {
  if (isFiniteNumber(series.aggregated_value)) return series.aggregated_value;
  const points = series.data.filter(isFiniteNumber);
  return points.length > 0 ? points.reduce((sum, value) => sum + value, 0) : null;
}

/** Builds the view, or undefined when there is no result to show. */
export function buildTrendsView(
  result: RunResponse<TrendsSeries[]> | undefined,
  options: TrendsViewOptions,
): TrendsView | undefined {
  if (!result) return undefined;
  const { text, locale } = options;
  const format: DisplayFormat | undefined = result.format;
  // Series only, as the proxy keeps them: a null or a stray value in the list is dropped once, here.
  const results = Array.isArray(result.results) ? (result.results.filter(isRecord) as TrendsSeries[]) : [];
  const saved = new Set(format?.hidden ?? []);
  const previous = previousFlags(results);
  const partners = currentPartners(results, previous);
  const kept = results
    .map((series, index) => ({ series, index }))
    .filter(({ series, index }) => !saved.has(index) && Array.isArray(series?.data));
  const totalsOnly = kept.length > 0 && !kept.some(({ series }) => hasPoints(series));
  let display = trendsDisplay(options.display || result.display);
  // A totals-only result cannot be a line: draw its totals.
  if (totalsOnly && DISPLAYS[display][0] === 'chart') display = 'ActionsBarValue';
  // The x-axis follows the longest current series; a previous period is drawn against it.
  const axis = kept
    .filter(({ index }) => !previous[index])
    .reduce<TrendsSeries | undefined>((longest, { series }) => {
      const length = Array.isArray(series.days) ? series.days.length : 0;
      return length > (longest?.days?.length ?? 0) ? series : longest;
    }, undefined);
  // Without `days` (a hand-made result, say) the points are numbered instead of dropped.
  const longest = Math.max(0, ...kept.map(({ series }) => series.data.length));
  const days: string[] =
    Array.isArray(axis?.days) && axis.days.length > 0
      ? axis.days
      : Array.from({ length: longest }, (_, i) => String(i + 1));
  const length = totalsOnly ? 0 : days.length;
  const labels =
    result.kind === 'StickinessQuery'
      ? stickinessLabels(days, axis?.labels ?? [], locale, text)
      : dateLabels(days, { locale, timeZone: options.timeZone, sourceTimeZone: result.timezone });
  const cumulative = display === 'ActionsLineGraphCumulative';
  const built = kept.map(({ series: raw, index }): TrendsSeriesView => {
    const values = Array.from({ length }, (_, i) => finiteOrNull(raw.data[i]));
    const name = seriesName(results, index, partners[index]!, previous[index]!, format, text);
    const country = display === 'WorldMap' && !format?.customNames?.[index];
    return {
      index,
      name: (country && countryName(raw.breakdown_value, locale)) || name,
      values: cumulative ? runningTotal(values) : values,
      total: total(raw),
      color: partners[index]!,
      previous: previous[index]!,
      hidden: options.hidden?.has(index) ?? false,
    };
  });
  const series = options.arrange ? options.arrange(built, results) : built;
  const shown = series.filter((s) => !s.hidden);
  const value = (raw: number | null, compact = false) => formatValue(raw, { locale, format, compact });
  const [family, kind, nameKey] = DISPLAYS[display];
  const caption = [
    options.title ?? text[nameKey],
    fill(text.seriesCount, { count: String(shown.length) }),
    labels.range,
  ]
    .filter(Boolean)
    .join(', ');
  const latest = family === 'chart' || (family === 'table' && !totalsOnly);
  return {
    display,
    family,
    kind,
    totalsOnly,
    days,
    labels,
    series,
    shown,
    locale,
    value,
    caption,
    summary: summarize(caption, shown, latest, value, text),
  };
}

function summarize(
  caption: string,
  series: readonly TrendsSeriesView[],
  latest: boolean,
  value: (raw: number | null) => string,
  text: PhStrings,
): string {
  if (series.length === 0) return `${caption}. ${text.empty}.`;
  let summary = `${caption}. ${latest ? text.latestValues : text.totalValues}: `;
  let listed = 0;
  for (const { name, values, total } of series) {
    const shown = latest ? lastValue(values) : total;
    const part = `${listed > 0 ? '; ' : ''}${name}: ${value(shown)}`;
    if (summary.length + part.length > SUMMARY_MAX - 20 && listed > 0) break;
    summary += part;
    listed += 1;
  }
  const rest = series.length - listed;
  const full = rest > 0 ? `${summary}; ${fill(text.andMore, { count: String(rest) })}.` : `${summary}.`;
  // One very long series name can still overflow: screen readers read the whole label at once.
  return full.length > SUMMARY_MAX ? `${full.slice(0, SUMMARY_MAX - 1)}\u2026` : full;
}
