/**
 * Trends `math` (posthog/hogql_queries/insights/trends/aggregation_operations.py) and display types.
 */
import { invalid, unsupported, type EventsNode } from './input.js';
import type { FilterBuilder } from './filters.js';
import { eventProperty } from './sql.js';
import type { Interval } from './time-zone.js';

/** Displays that show one number per series (and per breakdown value) instead of a time series. */
export const TOTAL_VALUE_DISPLAYS = [
  'BoldNumber',
  'ActionsPie',
  'ActionsBarValue',
  'ActionsTable',
  'WorldMap',
];

export const DISPLAYS = [
  'ActionsLineGraph',
  'ActionsLineGraphCumulative',
  'ActionsAreaGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  ...TOTAL_VALUE_DISPLAYS,
] as const;

const QUANTILES: Record<string, number> = { median: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 };
const PROPERTY_FUNCTIONS = ['sum', 'avg', 'min', 'max'];

/** WAU and MAU: actors active in the `days` days up to and including each point. */
export interface ActiveUsersMath {
  kind: 'active';
  days: 7 | 30;
}

/** Everything else: one SQL aggregate over the matching events. */
export interface AggregateMath {
  kind: 'aggregate';
  /** Counts each actor once, at their first point, when the display is cumulative. */
  uniqueActors: boolean;
  sql: string;
}

export type SeriesMath = ActiveUsersMath | AggregateMath;

/**
 * PostHog turns WAU into DAU for week (or longer) intervals and MAU into DAU for month intervals
 * (`convert_active_user_math_based_on_interval`); the series' `action.math` then says `dau`.
 */
export function effectiveMath(node: EventsNode, interval: Interval): string | null {
  const longer = (than: Interval) =>
    ['hour', 'day', 'week', 'month'].indexOf(interval) >= ['hour', 'day', 'week', 'month'].indexOf(than);
  if (node.math === 'weekly_active' && longer('week')) return 'dau';
  if (node.math === 'monthly_active' && longer('month')) return 'dau';
  return node.math;
}

export function seriesMath(node: EventsNode, math: string | null, filters: FilterBuilder): SeriesMath {
  const attr = `${node.attr}.math`;
  switch (math) {
    case null:
    case 'total':
      return { kind: 'aggregate', uniqueActors: false, sql: 'count(*)' };
    case 'dau':
      return { kind: 'aggregate', uniqueActors: true, sql: 'count(DISTINCT e.person_id)' };
    case 'weekly_active':
      return { kind: 'active', days: 7 };
    case 'monthly_active':
      return { kind: 'active', days: 30 };
    case 'unique_session':
      // Events without a session share the empty session id, as in ClickHouse's `$session_id` column.
      return {
        kind: 'aggregate',
        uniqueActors: false,
        sql: `count(DISTINCT coalesce(${eventProperty('$session_id')}, ''))`,
      };
  }
  if (PROPERTY_FUNCTIONS.includes(math) || math in QUANTILES) {
    if (!node.mathProperty) invalid(`${node.attr}.math_property`, `math '${math}' needs a math_property`);
    const value = `TRY_CAST(${filters.column(node.mathProperty, node.mathPropertyType)} AS DOUBLE)`;
    const aggregate = math in QUANTILES ? `quantile_cont(${value}, ${QUANTILES[math]})` : `${math}(${value})`;
    // PostHog answers 0, not null, for a point without values.
    return { kind: 'aggregate', uniqueActors: false, sql: `coalesce(${aggregate}, 0)` };
  }
  return unsupported(attr, math);
}
