import type { RunResponse } from '../../data/types.js';

/** The views `<ph-endpoint-chart>` can pick, by the folder (and tag, after `ph-`) that draws them. */
export type ViewName = 'trends' | 'big-number' | 'lifecycle' | 'funnel' | 'retention' | 'data-table';

/** A result some view draws: which one, with which `display`. */
export interface DrawnView {
  view: ViewName;
  result: RunResponse;
  /** The `display` attribute for views that take one (trends display, funnel viz type). */
  display: string | undefined;
  /** The element's `display` when it made no sense for this result and was ignored. */
  ignoredDisplay?: string | undefined;
}

/** Which view draws a result, or why none does. */
export type ResultView = { view: 'empty' } | DrawnView | { view: 'unsupported'; kind: string };

/** How the loading placeholder is shaped, before (or between) results. */
export type SkeletonShape = 'line' | 'bars' | 'number' | 'table' | 'chart';

/** Trends displays `<ph-trends-chart>` draws (BoldNumber goes to `<ph-big-number>`). */
const TRENDS_DISPLAYS: ReadonlySet<string> = new Set([
  'ActionsLineGraph',
  'ActionsLineGraphCumulative',
  'ActionsAreaGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  'ActionsBarValue',
  'ActionsPie',
  'ActionsTable',
]);

/** Stickiness counts users per number of active days: a distribution, so no totals, pies or numbers. */
const STICKINESS_DISPLAYS: ReadonlySet<string> = new Set([
  'ActionsLineGraph',
  'ActionsAreaGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  'ActionsTable',
]);

/** Displays that are already what the view draws, so asking for them changes nothing. */
const LIFECYCLE_NATIVE: ReadonlySet<string> = new Set(['ActionsBar', 'ActionsStackedBar']);

/** A series with no points; a number display's series (`data: []` plus `aggregated_value`) is not. */
function isEmptySeries(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const { data, aggregated_value } = item as { data?: unknown; aggregated_value?: unknown };
  return Array.isArray(data) && data.length === 0 && typeof aggregated_value !== 'number';
}

/**
 * True when there is nothing to draw: no rows, only series (or funnel breakdowns) that are
 * themselves empty, or a time-to-convert histogram without bins.
 */
export function isEmptyResult(results: unknown): boolean {
  if (results === null || results === undefined) return true;
  if (!Array.isArray(results)) {
    // A time-to-convert result without bins has nothing to draw, like one with none.
    const bins = (results as { bins?: unknown }).bins;
    return typeof results === 'object' && (!Array.isArray(bins) || bins.length === 0);
  }
  return results.every((item: unknown) => (Array.isArray(item) ? item.length === 0 : isEmptySeries(item)));
}

/**
 * The funnel visualisation the data is shaped for. The run answer carries the endpoint's
 * `funnelVizType`, but the shape is what a view can draw, so it wins over any label.
 */
function funnelShape(results: unknown): 'steps' | 'time_to_convert' | 'trends' {
  if (!Array.isArray(results)) return 'time_to_convert';
  const first: unknown = results[0];
  const isSeries =
    typeof first === 'object' && first !== null && Array.isArray((first as { days?: unknown }).days);
  return isSeries ? 'trends' : 'steps';
}

function drawn(
  view: ViewName,
  result: RunResponse,
  display: string | undefined,
  ignored?: string,
): DrawnView {
  return ignored ? { view, result, display, ignoredDisplay: ignored } : { view, result, display };
}

function pickTrends(result: RunResponse, override: string | undefined): DrawnView {
  // PostHog has no world map here: a map is a ranking of countries, which ranked bars show too.
  const stored = result.display === 'WorldMap' ? 'ActionsBarValue' : result.display;
  const usable = (display: string | undefined) =>
    display !== undefined && (TRENDS_DISPLAYS.has(display) || display === 'BoldNumber');
  const ignored = override && !usable(override) ? override : undefined;
  const display = usable(override) ? override : usable(stored) ? stored : 'ActionsLineGraph';
  return display === 'BoldNumber'
    ? drawn('big-number', result, undefined, ignored)
    : drawn('trends', result, display, ignored);
}

function pickStickiness(result: RunResponse, override: string | undefined): DrawnView {
  const usable = (display: string | undefined) => display !== undefined && STICKINESS_DISPLAYS.has(display);
  const ignored = override && !usable(override) ? override : undefined;
  const display = usable(override) ? override : usable(result.display) ? result.display : 'ActionsLineGraph';
  return drawn('trends', result, display, ignored);
}

function pickLifecycle(result: RunResponse, override: string | undefined): DrawnView {
  if (override === 'ActionsTable') return drawn('trends', result, 'ActionsTable');
  const ignored = override && !LIFECYCLE_NATIVE.has(override) ? override : undefined;
  return drawn('lifecycle', result, undefined, ignored);
}

function pickFunnel(result: RunResponse, override: string | undefined): DrawnView {
  const shape = funnelShape(result.results);
  const ignored = override && override !== shape ? override : undefined;
  return drawn('funnel', result, shape, ignored);
}

/** Tables are what these views are; a table display is no override, anything else is nonsense. */
function pickTable(view: ViewName, result: RunResponse, override: string | undefined): DrawnView {
  const ignored = override && override !== 'ActionsTable' ? override : undefined;
  return drawn(view, result, undefined, ignored);
}

/**
 * Picks the view for `result`. `override` (the element's `display`) wins over the endpoint's
 * display where the data can be drawn that way: a trend as a table or bars, a number as a line.
 * Where it cannot (a funnel as a pie) it is ignored and reported in `ignoredDisplay`.
 */
export function viewForResult(result: RunResponse, override?: string): ResultView {
  const display = override || undefined;
  // An SQL page past the first is a page of the table even when it is empty: its pager stays.
  const laterPage = result.kind === 'HogQLQuery' && (result.offset ?? 0) > 0;
  if (!laterPage && isEmptyResult(result.results)) return { view: 'empty' };
  switch (result.kind) {
    case 'TrendsQuery':
      return pickTrends(result, display);
    case 'StickinessQuery':
      return pickStickiness(result, display);
    case 'LifecycleQuery':
      return pickLifecycle(result, display);
    case 'FunnelsQuery':
      return pickFunnel(result, display);
    case 'RetentionQuery':
      return pickTable('retention', result, display);
    case 'HogQLQuery':
      return pickTable('data-table', result, display);
    default:
      return { view: 'unsupported', kind: String((result as { kind?: unknown }).kind ?? 'unknown') };
  }
}

const LINE_DISPLAYS: ReadonlySet<string> = new Set([
  'ActionsLineGraph',
  'ActionsLineGraphCumulative',
  'ActionsAreaGraph',
  'trends',
]);
const BAR_DISPLAYS: ReadonlySet<string> = new Set([
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  'ActionsBarValue',
  'steps',
  'time_to_convert',
]);
const VIEW_SHAPES: Partial<Record<ViewName, SkeletonShape>> = {
  'big-number': 'number',
  lifecycle: 'bars',
  retention: 'table',
  'data-table': 'table',
};

function displayShape(display: string | undefined): SkeletonShape | undefined {
  if (display === undefined) return undefined;
  if (display === 'BoldNumber') return 'number';
  if (display === 'ActionsTable') return 'table';
  if (LINE_DISPLAYS.has(display)) return 'line';
  return BAR_DISPLAYS.has(display) ? 'bars' : undefined;
}

/**
 * The placeholder for what is probably coming: shaped by the `display` attribute, else by the
 * view that drew the last answer, else a plain chart-sized block.
 */
export function skeletonShape(display: string | undefined, last: DrawnView | undefined): SkeletonShape {
  const fromAttribute = displayShape(display);
  if (fromAttribute) return fromAttribute;
  if (!last) return 'chart';
  return VIEW_SHAPES[last.view] ?? displayShape(last.display) ?? 'chart';
}
