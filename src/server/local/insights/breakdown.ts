/**
 * Breakdowns shared by trends, funnels and retention: reading `breakdownFilter`, the SQL value of the
 * breakdown property, and PostHog's placeholder values for "no value" and "everything else".
 */
import { isObject, numberAt, oneOf, refuseSet, stringAt, unsupported, type Json } from './input.js';
import type { FilterBuilder } from './filters.js';

/** PostHog's internal stand-ins (posthog/hogql_queries/insights/trends/breakdown.py). */
export const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
export const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';

/** PostHog's default `breakdown_limit` for queries (posthog/hogql/constants.py BREAKDOWN_VALUES_LIMIT). */
export const DEFAULT_BREAKDOWN_LIMIT = 25;

export interface BreakdownSpec {
  property: string;
  type: 'event' | 'person';
  limit: number | undefined;
  normalizeUrl: boolean;
  hideOther: boolean;
}

const REFUSED = ['breakdowns', 'breakdown_histogram_bin_count', 'breakdown_group_type_index'];

/** The single property breakdown of `breakdownFilter`, or undefined when there is none. */
export function readBreakdown(query: Json): BreakdownSpec | undefined {
  const filter = query.breakdownFilter;
  if (!isObject(filter)) return undefined;
  refuseSet(filter, REFUSED, 'breakdownFilter.');
  const breakdown = filter.breakdown;
  if (breakdown === undefined || breakdown === null) return undefined;
  if (typeof breakdown !== 'string' || breakdown === '') unsupported('breakdownFilter.breakdown', breakdown);
  const type =
    oneOf(
      stringAt(filter, 'breakdown_type', 'breakdownFilter.breakdown_type'),
      ['event', 'person'] as const,
      'breakdownFilter.breakdown_type',
    ) ?? 'event';
  const limit = numberAt(filter, 'breakdown_limit', 'breakdownFilter.breakdown_limit');
  return {
    property: breakdown,
    type,
    limit: limit && limit > 0 ? Math.floor(limit) : undefined,
    normalizeUrl: filter.breakdown_normalize_url === true,
    hideOther: filter.breakdown_hide_other_aggregation === true,
  };
}

/** The raw property text (NULL when unset), URL-normalised when asked. */
export function breakdownProperty(spec: BreakdownSpec, filters: FilterBuilder): string {
  const column = filters.column(spec.property, spec.type);
  if (!spec.normalizeUrl) return column;
  return `CASE WHEN rtrim(${column}, '/?#') = '' THEN '/' ELSE rtrim(${column}, '/?#') END`;
}

/** Trends: empty and missing values share the null bucket (`ifNull(nullIf(toString(x), ''), nil)`). */
export function trendsBreakdownValue(spec: BreakdownSpec, filters: FilterBuilder): string {
  return `coalesce(nullif(${breakdownProperty(spec, filters)}, ''), '${BREAKDOWN_NULL}')`;
}

/** Sort rank of a trends breakdown value: real values first, then the null bucket, then Other. */
export function breakdownRank(value: string): number {
  return value === BREAKDOWN_OTHER ? 2 : value === BREAKDOWN_NULL ? 1 : 0;
}

/** Byte order as ClickHouse and DuckDB sort strings (not locale order). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What an endpoint's `/run` makes of the stand-ins before answering (products/endpoints/backend/
 * logic/strategies.py `clean_breakdown_sentinels`, run on insight results whose rows are objects):
 * the null bucket and empty values become null, "other" becomes `Other`, and labels made only of
 * stand-ins read `null` / `Other`.
 */
export function cleanBreakdownSentinels(results: unknown): void {
  if (!Array.isArray(results) || !isObject(results[0])) return;
  for (const row of results as Json[]) {
    if ('breakdown_value' in row) row.breakdown_value = cleanValue(row.breakdown_value);
    if (typeof row.label === 'string') row.label = cleanLabel(row.label);
  }
}

function cleanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value === BREAKDOWN_NULL || value === '') return null;
  return value === BREAKDOWN_OTHER ? 'Other' : value;
}

function cleanLabel(label: string): string {
  if (!label.includes(BREAKDOWN_NULL) && !label.includes(BREAKDOWN_OTHER)) return label;
  return label
    .split('::')
    .map((part) => (part === BREAKDOWN_NULL ? 'null' : part === BREAKDOWN_OTHER ? 'Other' : part))
    .join('::');
}
