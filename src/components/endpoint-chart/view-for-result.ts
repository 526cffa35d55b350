import type { QueryKind, RunResponse, TrendsSeries } from '../../data/types.js';

/** Which view draws a result. Step 2 adds funnels, retention, numbers, bars and tables. */
export type ResultView =
  | { view: 'empty' }
  | { view: 'trends'; result: RunResponse<TrendsSeries[]>; display: string | undefined }
  | { view: 'unsupported'; kind: QueryKind; display: string | undefined };

/** Query kinds whose results are trends series (lifecycle and stickiness share the shape). */
const SERIES_KINDS: ReadonlySet<QueryKind> = new Set(['TrendsQuery', 'LifecycleQuery', 'StickinessQuery']);

/** Displays `<ph-trends-chart>` draws; no display at all means PostHog's default line graph. */
const LINE_DISPLAYS: ReadonlySet<string> = new Set([
  'ActionsLineGraph',
  'ActionsLineGraphCumulative',
  'ActionsAreaGraph',
]);

/** A series with no points; a number display's series (`data: []` plus `aggregated_value`) is not. */
function isEmptySeries(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const { data, aggregated_value } = item as { data?: unknown; aggregated_value?: unknown };
  return Array.isArray(data) && data.length === 0 && typeof aggregated_value !== 'number';
}

/**
 * True when there is nothing to draw: no rows, or only series (or funnel breakdowns) that are
 * themselves empty.
 */
export function isEmptyResult(results: unknown): boolean {
  if (results === null || results === undefined) return true;
  if (!Array.isArray(results)) return false;
  return results.every((item: unknown) => (Array.isArray(item) ? item.length === 0 : isEmptySeries(item)));
}

/** Picks the view for `result`; `displayOverride` (the element's `display`) wins over the endpoint's. */
export function viewForResult(result: RunResponse, displayOverride?: string): ResultView {
  if (isEmptyResult(result.results)) return { view: 'empty' };
  const display = displayOverride || result.display || undefined;
  if (SERIES_KINDS.has(result.kind) && (display === undefined || LINE_DISPLAYS.has(display))) {
    return { view: 'trends', result: result as RunResponse<TrendsSeries[]>, display };
  }
  return { view: 'unsupported', kind: result.kind, display };
}
