/**
 * The chart.js sides of a funnel: the time-to-convert histogram (bars of conversions per duration
 * bin) and the conversion trends line (percent per day), as models for the shared
 * {@link SeriesChartController}, plus the labels and summaries their tables and canvases carry.
 */
import {
  formatAxisLabels,
  formatDay,
  formatDayRange,
  formatDuration,
  formatNumber,
  formatValue,
  guessInterval,
} from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import type { SeriesChartModel } from '../../controllers/series-chart.js';
import type { PhStrings } from '../../internal/strings.js';
import type { FunnelHistogramView, FunnelTrendsView, HistogramBin } from './funnel-data.js';

/** Longest accessible summary; screen readers read a label in one go. */
const SUMMARY_MAX = 400;

export interface ChartFormatOptions {
  locale: string | undefined;
  timeZone: string | undefined;
  /** The response's `timezone`: the zone naive date-times are written in. */
  sourceTimeZone: string | undefined;
}

/** A bin as a duration range ("4h – 8h"); a lone bin of unknown width shows its start. */
export function binLabel(bin: HistogramBin, locale: string | undefined): string {
  const from = formatDuration(bin.from, { locale });
  return bin.to === null ? from : `${from} \u2013 ${formatDuration(bin.to, { locale })}`;
}

export function histogramModel(
  view: FunnelHistogramView,
  text: PhStrings,
  locale: string | undefined,
): SeriesChartModel {
  return {
    kind: 'bar',
    length: view.bins.length,
    series: [{ key: 0, name: text.converted, values: view.bins.map((bin) => bin.count), color: 0 }],
    axisLabel: (i) => formatDuration(view.bins[i]?.from, { locale }),
    fullLabel: (i) => (view.bins[i] ? binLabel(view.bins[i], locale) : ''),
    value: (raw, compact) => formatNumber(raw, { locale, compact }),
    locale,
  };
}

export function histogramSummary(
  view: FunnelHistogramView,
  text: PhStrings,
  locale: string | undefined,
): string {
  const first = view.bins[0];
  const last = view.bins[view.bins.length - 1];
  return fill(text.timeToConvertSummary, {
    count: formatNumber(view.total, { locale }),
    from: formatDuration(first?.from, { locale }),
    to: formatDuration(last ? (last.to ?? last.from) : undefined, { locale }),
    average: formatDuration(view.average, { locale }),
  });
}

/** Conversion rates arrive in percent (45.5 means 45.5%). */
export function percentText(raw: number | null, locale: string | undefined, compact = false): string {
  return formatValue(raw, { locale, format: { axis: 'percentage' }, compact });
}

export interface TrendsLabels {
  readonly axis: readonly string[];
  readonly full: readonly string[];
  readonly range: string;
}

export function trendsLabels(view: FunnelTrendsView, options: ChartFormatOptions): TrendsLabels {
  const interval = guessInterval(view.days);
  const dayOptions = {
    locale: options.locale,
    timeZone: options.timeZone,
    sourceTimeZone: options.sourceTimeZone,
  };
  const first = view.days[0];
  const last = view.days[view.days.length - 1];
  return {
    axis: formatAxisLabels(view.days, interval, dayOptions),
    full: view.days.map((day) => formatDay(day, interval, { ...dayOptions, style: 'full' })),
    range: first !== undefined && last !== undefined ? formatDayRange(first, last, interval, dayOptions) : '',
  };
}

export function trendsModel(
  view: FunnelTrendsView,
  labels: TrendsLabels,
  hidden: ReadonlySet<number>,
  locale: string | undefined,
): SeriesChartModel {
  return {
    kind: 'line',
    length: view.days.length,
    series: view.series.map((series) => ({ ...series, color: series.key, hidden: hidden.has(series.key) })),
    axisLabel: (i) => labels.axis[i] ?? '',
    fullLabel: (i) => labels.full[i] ?? '',
    value: (raw, compact) => percentText(raw, locale, compact),
    locale,
  };
}

export function trendsSummary(
  view: FunnelTrendsView,
  labels: TrendsLabels,
  hidden: ReadonlySet<number>,
  text: PhStrings,
  locale: string | undefined,
): string {
  const latest = view.series
    .filter((series) => !hidden.has(series.key))
    .map((series) => {
      const value = [...series.values].reverse().find((v) => v !== null) ?? null;
      return `${series.name}: ${percentText(value, locale)}`;
    })
    .join('; ');
  const summary = fill(text.conversionTrendSummary, { range: labels.range, latest });
  return summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}\u2026` : summary;
}
