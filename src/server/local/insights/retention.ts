/**
 * RetentionQuery (posthog/hogql_queries/insights/retention/): cohorts by the interval of a target
 * event, counted again in each later interval with a returning event. `retention_first_time` puts a
 * person in the cohort of their first-ever target event only; `retention_recurring` in every interval
 * with a target event.
 */
import type { LocalDatabase } from '../db.js';
import {
  breakdownProperty,
  compareText,
  DEFAULT_BREAKDOWN_LIMIT,
  BREAKDOWN_OTHER,
  readBreakdown,
} from './breakdown.js';
import type { RunContext } from './context.js';
import { FilterBuilder } from './filters.js';
import {
  booleanAt,
  invalid,
  isObject,
  numberAt,
  objectAt,
  oneOf,
  refuseSet,
  stringAt,
  unsupported,
  type Json,
} from './input.js';
import { retentionRange } from './retention-range.js';
import { bucketIndex, LocalClock } from './buckets.js';
import { SqlParams } from './sql.js';
import { isoWithOffset } from './time-zone.js';

const PERIODS = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' } as const;
/** posthog/hogql_queries/insights/retention/retention_query_runner.py DEFAULT_TOTAL_INTERVALS */
const DEFAULT_TOTAL_INTERVALS = 7;
const MAX_INTERVALS = 1000;

interface Entity {
  event: string | null;
  properties: unknown;
  attr: string;
}

export async function runRetention(db: LocalDatabase, query: Json, ctx: RunContext): Promise<unknown> {
  refuseSet(query, ['aggregation_group_type_index'], '');
  const filter = objectAt(query, 'retentionFilter', 'retentionFilter');
  refuseSet(
    filter,
    ['retentionCustomBrackets', 'aggregationType', 'aggregationProperty'],
    'retentionFilter.',
  );
  if ((numberAt(filter, 'minimumOccurrences', 'retentionFilter.minimumOccurrences') ?? 1) > 1) {
    unsupported('retentionFilter.minimumOccurrences', filter.minimumOccurrences);
  }
  if (
    filter.timeWindowMode !== undefined &&
    filter.timeWindowMode !== null &&
    filter.timeWindowMode !== 'strict_calendar_dates'
  ) {
    unsupported('retentionFilter.timeWindowMode', filter.timeWindowMode);
  }
  const type =
    oneOf(
      stringAt(filter, 'retentionType', 'retentionFilter.retentionType'),
      ['retention_first_time', 'retention_recurring'] as const,
      'retentionFilter.retentionType',
    ) ?? 'retention_recurring';
  const periodName =
    oneOf(
      stringAt(filter, 'period', 'retentionFilter.period'),
      Object.keys(PERIODS) as Array<keyof typeof PERIODS>,
      'retentionFilter.period',
    ) ?? 'Day';
  const interval = PERIODS[periodName];
  const lookahead =
    numberAt(filter, 'totalIntervals', 'retentionFilter.totalIntervals') ?? DEFAULT_TOTAL_INTERVALS;
  if (!Number.isInteger(lookahead) || lookahead < 1 || lookahead > MAX_INTERVALS) {
    invalid('retentionFilter.totalIntervals', `must be a whole number from 1 to ${MAX_INTERVALS}`);
  }
  const cumulative = booleanAt(filter, 'cumulative', 'retentionFilter.cumulative');
  const start = readEntity(filter.targetEntity, 'retentionFilter.targetEntity');
  const returning = readEntity(filter.returningEntity, 'retentionFilter.returningEntity');
  const breakdown = readBreakdown(query);
  const range = retentionRange(objectAt(query, 'dateRange', 'dateRange'), interval, lookahead, ctx.dates);

  const params = new SqlParams();
  const filters = new FilterBuilder(params);
  const zone = ctx.dates.zone;
  const from = params.instant(zone.toInstant(range.from));
  const to = params.instant(zone.toInstant(range.to));
  const inRange = (column: string) => `${column} >= ${from} AND ${column} < ${to}`;
  const clock = new LocalClock(zone, zone.toInstant(range.from), zone.toInstant(range.to));
  const index = (column: string) =>
    bucketIndex(clock.micros(column, params), interval, range.from, params, range.dates);
  const isStart = entityCondition(start, filters, params);
  const isReturn = entityCondition(returning, filters, params);
  const global = filters.condition(query.properties, 'properties');
  const bv = breakdown
    ? `, coalesce(${breakdownProperty({ ...breakdown, normalizeUrl: false }, filters)}, '') AS bv`
    : '';
  const join = filters.usesPersons ? ' LEFT JOIN persons p ON p.id = e.person_id' : '';
  const events = (condition: string) =>
    `SELECT e.person_id AS actor, e.timestamp AS ts${bv} FROM events e${join} WHERE ${condition} AND ${global}`;
  const keys = bv ? 'actor, bv' : 'actor';
  // First-time retention looks for the first target event over all time, not only in the range.
  const cohorts =
    type === 'retention_recurring'
      ? `SELECT DISTINCT ${keys}, ${index('ts')} AS s FROM (${events(`${isStart} AND ${inRange('e.timestamp')}`)})`
      : `SELECT ${keys}, ${index('first')} AS s FROM (
           SELECT ${keys}, min(ts) AS first FROM (${events(isStart)}) GROUP BY ${keys}
         ) WHERE ${inRange('first')}`;
  const sameKeys = bv ? 'r.actor = c.actor AND r.bv = c.bv' : 'r.actor = c.actor';
  const pairs = `SELECT ${keys}, s, 0 AS k FROM cohorts
      UNION ALL SELECT c.actor${bv ? ', c.bv' : ''}, c.s, r.r - c.s AS k
      FROM cohorts c JOIN returns r ON ${sameKeys} AND r.r - c.s BETWEEN 1 AND ${params.bind(lookahead - 1)}`;
  const counted = cumulative
    ? `SELECT ${keys}, s, unnest(generate_series(0, top)) AS k FROM (SELECT ${keys}, s, max(k) AS top FROM pairs GROUP BY ${keys}, s)`
    : 'SELECT * FROM pairs';
  const sql = `WITH cohorts AS (${cohorts}),
    returns AS (SELECT DISTINCT ${keys}, ${index('ts')} AS r FROM (${events(`${isReturn} AND ${inRange('e.timestamp')}`)})),
    pairs AS (${pairs})
    SELECT s, k, ${bv ? 'bv' : "'' AS bv"}, count(*) AS count FROM (${counted}) GROUP BY ALL`;
  const rows = await db.all<{ s: number; k: number; bv: string; count: number }>(sql, params.values);
  const limit = breakdown?.limit ?? DEFAULT_BREAKDOWN_LIMIT;
  const label = (i: number) => `${periodName} ${i}`;
  const table = (cells: typeof rows, breakdownValue: string | null) =>
    Array.from({ length: range.intervals }, (_, s) => ({
      // A triangle, as PostHog sends it: a cohort has no cells for periods that have not begun.
      values: Array.from({ length: Math.min(lookahead, range.intervals - s) }, (_, k) => ({
        count: cells
          .filter((cell) => cell.s === s && cell.k === k)
          .reduce((total, cell) => total + cell.count, 0),
        label: label(k),
      })),
      label: label(s),
      date: isoWithOffset(range.dates[s]!, zone),
      breakdown_value: breakdownValue,
    }));
  if (!breakdown) return table(rows, null);
  return byBreakdown(rows, limit).flatMap(([value, cells]) => table(cells, value));
}

/** Breakdown values by cohort size (sum of interval 0), largest first; the tail merged into Other. */
function byBreakdown<T extends { k: number; bv: string; count: number }>(
  rows: T[],
  limit: number,
): Array<[string, T[]]> {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(row.bv, (sizes.get(row.bv) ?? 0) + (row.k === 0 ? row.count : 0));
  const ranked = [...sizes.entries()]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .map(([value]) => value);
  const kept = ranked.slice(0, limit);
  const groups: Array<[string, T[]]> = kept.map((value) => [value, rows.filter((row) => row.bv === value)]);
  if (ranked.length > limit) groups.push([BREAKDOWN_OTHER, rows.filter((row) => !kept.includes(row.bv))]);
  return groups;
}

function readEntity(value: unknown, attr: string): Entity {
  if (value === undefined || value === null) return { event: '$pageview', properties: undefined, attr };
  if (!isObject(value)) unsupported(attr, value);
  if (value.type !== undefined && value.type !== 'events') unsupported(`${attr}.type`, value.type);
  const id = value.id;
  if (id !== undefined && id !== null && typeof id !== 'string') unsupported(`${attr}.id`, id);
  return { event: id ?? null, properties: value.properties, attr };
}

function entityCondition(entity: Entity, filters: FilterBuilder, params: SqlParams): string {
  const event = entity.event === null ? 'TRUE' : `e.event = ${params.bind(entity.event)}`;
  return `(${event} AND ${filters.condition(entity.properties, `${entity.attr}.properties`)})`;
}
