/**
 * Pure derivation of what `<ph-trends-chart>` shows from a run response: series names, values
 * (running totals when cumulative), x-axis labels and the accessible summary. No DOM, no
 * chart.js, so it is cheap to test and to reuse for other trends-shaped views.
 */
import type { BreakdownValue, DisplayFormat, RunResponse, TrendsSeries } from '../../data/types.js';
import {
  formatAxisLabels,
  formatDay,
  formatDayRange,
  formatValue,
  guessInterval,
} from '../../format/index.js';
import { isFiniteNumber } from '../../format/index.js';
import type { Interval } from '../../format/index.js';

/** The trends displays this view draws; other types fall back to a line until their views exist. */
export type TrendsLineDisplay = 'ActionsLineGraph' | 'ActionsLineGraphCumulative' | 'ActionsAreaGraph';

/** English UI text, in one place so a `strings` property can replace it (DESIGN.md section 5). */
export const TRENDS_TEXT = {
  kind: {
    ActionsLineGraph: 'Line chart',
    ActionsLineGraphCumulative: 'Cumulative line chart',
    ActionsAreaGraph: 'Area chart',
  } satisfies Record<TrendsLineDisplay, string>,
  seriesCount: (count: number) => (count === 1 ? '1 series' : `${count} series`),
  latest: 'Latest values',
  more: (count: number) => `and ${count} more`,
  date: 'Date',
  empty: 'No data',
  other: 'Other',
  none: 'None',
  previous: 'previous',
};

/** Longest accessible summary; past it, series are counted instead of listed. */
const SUMMARY_MAX = 400;

export interface TrendsSeriesView {
  /** Position in `result.results`: keys `format.customNames` and `format.hidden`, and picks the colour. */
  readonly index: number;
  readonly name: string;
  /** One value per x-axis point; null is a gap. */
  readonly values: ReadonlyArray<number | null>;
}

export interface TrendsView {
  readonly display: TrendsLineDisplay;
  readonly interval: Interval;
  readonly axisLabels: readonly string[];
  /** Longer labels for tooltips and the data table. */
  readonly fullLabels: readonly string[];
  readonly series: readonly TrendsSeriesView[];
  readonly format: DisplayFormat | undefined;
  readonly locale: string | undefined;
  /** "Line chart, 3 series, Mar 8 – 15, 2022": the table caption. */
  readonly caption: string;
  /** The caption plus each series' latest value: the canvas `aria-label`. */
  readonly summary: string;
}

export interface TrendsViewOptions {
  display?: string | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
}

export function lineDisplay(display: string | undefined): TrendsLineDisplay {
  return display === 'ActionsLineGraphCumulative' || display === 'ActionsAreaGraph'
    ? display
    : 'ActionsLineGraph';
}

// PostHog's placeholders for the "other values" bucket and a missing property.
const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';

function breakdownName(value: BreakdownValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((part) => breakdownName(part)).filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (value === BREAKDOWN_OTHER) return TRENDS_TEXT.other;
  if (value === BREAKDOWN_NULL) return TRENDS_TEXT.none;
  return String(value);
}

function actionName(series: TrendsSeries): string | undefined {
  return series.action?.custom_name || undefined;
}

/**
 * A series' display name: the saved custom name, else its breakdown value (prefixed with the
 * event when several events are broken down, or "Chrome" would appear twice), else the event's
 * custom name, else PostHog's label. A previous-period series says so.
 */
export function seriesName(
  series: TrendsSeries,
  index: number,
  results: readonly TrendsSeries[],
  format?: DisplayFormat,
): string {
  const custom = format?.customNames?.[String(index)];
  if (custom) return custom;
  const event = actionName(series) ?? series.action?.name ?? series.label;
  const breakdown = breakdownName(series.breakdown_value);
  const events = new Set(results.map((s) => s.action?.order ?? s.action?.name ?? s.label));
  let name = breakdown ? (events.size > 1 && event ? `${event} - ${breakdown}` : breakdown) : undefined;
  name ??= actionName(series) ?? (series.label || series.action?.name || `#${index + 1}`);
  return series.compare_label === 'previous' ? `${name} (${TRENDS_TEXT.previous})` : name;
}

function finiteOrNull(value: unknown): number | null {
  return isFiniteNumber(value) ? value : null;
}

function runningTotal(values: ReadonlyArray<number | null>): Array<number | null> {
  let total = 0;
  return values.map((value) => (value === null ? null : (total += value)));
}

/** Builds the view, or undefined when there is no result to show. */
export function buildTrendsView(
  result: RunResponse<TrendsSeries[]> | undefined,
  options: TrendsViewOptions = {},
): TrendsView | undefined {
  if (!result) return undefined;
  // `||`: a removed attribute leaves null, an empty one '', and both mean "not set".
  const display = lineDisplay(options.display || result.display);
  const format = result.format;
  const hidden = new Set(format?.hidden ?? []);
  const results = Array.isArray(result.results) ? result.results : [];
  const visible = results
    .map((series, index) => ({ series, index }))
    .filter(({ series, index }) => !hidden.has(index) && Array.isArray(series?.data));
  // The x-axis follows the longest series; shorter ones (a previous period, say) end in gaps.
  const days = visible.reduce<string[]>((longest, { series }) => {
    const own = Array.isArray(series.days) ? series.days : [];
    return own.length > longest.length ? own : longest;
  }, []);
  const interval = guessInterval(days);
  const dayOptions = { locale: options.locale, timeZone: options.timeZone, sourceTimeZone: result.timezone };
  const series = visible.map(({ series: raw, index }) => {
    const values = days.map((_, i) => finiteOrNull(raw.data[i]));
    return {
      index,
      name: seriesName(raw, index, results, format),
      values: display === 'ActionsLineGraphCumulative' ? runningTotal(values) : values,
    };
  });
  const range = days.length > 0 ? formatDayRange(days[0]!, days[days.length - 1]!, interval, dayOptions) : '';
  const caption = [TRENDS_TEXT.kind[display], TRENDS_TEXT.seriesCount(series.length), range]
    .filter(Boolean)
    .join(', ');
  return {
    display,
    interval,
    axisLabels: formatAxisLabels(days, interval, dayOptions),
    fullLabels: days.map((day) => formatDay(day, interval, { ...dayOptions, style: 'full' })),
    series,
    format,
    locale: options.locale,
    caption,
    summary: summarize(caption, series, { locale: options.locale, format }),
  };
}

function summarize(
  caption: string,
  series: readonly TrendsSeriesView[],
  valueOptions: { locale: string | undefined; format: DisplayFormat | undefined },
): string {
  if (series.length === 0) return `${caption}. ${TRENDS_TEXT.empty}.`;
  let text = `${caption}. ${TRENDS_TEXT.latest}: `;
  let listed = 0;
  for (const { name, values } of series) {
    const latest = [...values].reverse().find((value) => value !== null) ?? null;
    const part = `${listed > 0 ? '; ' : ''}${name}: ${formatValue(latest, valueOptions)}`;
    if (text.length + part.length > SUMMARY_MAX - 20 && listed > 0) break;
    text += part;
    listed += 1;
  }
  const rest = series.length - listed;
  const full = rest > 0 ? `${text}; ${TRENDS_TEXT.more(rest)}.` : `${text}.`;
  // One very long series name can still overflow: screen readers read the whole label at once.
  return full.length > SUMMARY_MAX ? `${full.slice(0, SUMMARY_MAX - 1)}\u2026` : full;
}
