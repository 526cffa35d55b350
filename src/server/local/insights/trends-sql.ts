/**
 * The SQL behind one trends series over one date range: a single grouped pass over `events`, with the
 * breakdown ranking and PostHog's "Other" bucket done in the same statement.
 */
import type { LocalDatabase } from '../db.js';
import { BREAKDOWN_NULL, BREAKDOWN_OTHER, trendsBreakdownValue, type BreakdownSpec } from './breakdown.js';
import type { QueryDateRange } from './dates.js';
import { FilterBuilder } from './filters.js';
import type { EventsNode } from './input.js';
import { bucketStart, intervalMicros, LocalClock, wallFromMicros } from './buckets.js';
import { SqlParams } from './sql.js';
import { DAY_MS, startOfInterval } from './time-zone.js';
import { seriesMath } from './trends-math.js';

export interface SeriesQuery {
  node: EventsNode;
  /** The math after WAU/MAU conversion. */
  math: string | null;
  range: QueryDateRange;
  /** One value for the whole range (BoldNumber and friends) instead of one per interval. */
  total: boolean;
  /** ActionsLineGraphCumulative: DAU counts each person once, at their first interval. */
  cumulative: boolean;
  breakdown?: BreakdownSpec;
  breakdownLimit: number;
  properties: unknown;
}

/** A time series row (`bucket` set) or a total row; `breakdown` is null without a breakdown. */
export interface SeriesRow {
  bucket: number | null;
  breakdown: string | null;
  value: number;
}

export async function querySeries(db: LocalDatabase, query: SeriesQuery): Promise<SeriesRow[]> {
  const { sql, params } = seriesSql(query);
  const rows = await db.all<{ b?: unknown; bv?: string; v: number | null }>(sql, params.values);
  return rows.map((row) => ({
    bucket: row.b === undefined ? null : wallFromMicros(row.b),
    breakdown: row.bv ?? null,
    value: row.v ?? 0,
  }));
}

export function seriesSql(query: SeriesQuery): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const filters = new FilterBuilder(params);
  const { node, range, total, breakdown } = query;
  const math = seriesMath(node, query.math, filters);
  const zone = range.zone;
  const bv = breakdown ? trendsBreakdownValue(breakdown, filters) : undefined;

  let from = range.eventsFrom();
  if (math.kind === 'active') {
    // WAU/MAU look back before the first point; a total looks back from date_to only.
    from = total
      ? startOfInterval(range.dateTo(), 'day') - (math.days - 1) * DAY_MS
      : range.dateFrom() - math.days * DAY_MS;
  }
  const clock = new LocalClock(zone, zone.toInstant(from), zone.toInstant(range.dateTo()));
  // Built only where used: every bound parameter must appear in the statement.
  const local = () => clock.micros('e.timestamp', params);
  // Totals have no buckets (an all-time total may span more days than a chart could show).
  const bucketOf = () => bucketStart(local(), range.interval, params, range.buckets());
  const where = [
    `e.timestamp >= ${params.instant(zone.toInstant(from))}`,
    // date_to is inclusive to the millisecond.
    `e.timestamp < ${params.instant(zone.toInstant(range.dateTo()) + 1)}`,
    ...(node.event === null ? [] : [`e.event = ${params.bind(node.event)}`]),
    filters.condition(query.properties, 'properties'),
    filters.condition(node.properties, `${node.attr}.properties`),
  ].join(' AND ');
  const source = `events e${filters.usesPersons ? ' LEFT JOIN persons p ON p.id = e.person_id' : ''} WHERE ${where}`;
  const bvSelect = bv ? `, ${bv} AS bv` : '';
  const bvGroup = bv ? ', bv' : '';

  let grouped: string;
  if (math.kind === 'active' && total) {
    grouped = `SELECT count(DISTINCT e.person_id) AS v${bvSelect} FROM ${source}${bv ? ' GROUP BY bv' : ''}`;
  } else if (math.kind === 'active') {
    if (range.interval === 'month') throw new Error('monthly active users by month are daily active users');
    const step = range.interval === 'hour' ? 'hour' : 'day';
    const buckets = range.buckets();
    const first = params.bigint(BigInt(buckets[0]!) * 1000n);
    const last = params.bigint(BigInt(buckets.at(-1)!) * 1000n);
    grouped = `WITH pairs AS (
        SELECT DISTINCT e.person_id AS actor, ${bucketStart(local(), step, params)} AS d${bvSelect} FROM ${source}
      )
      SELECT b.b AS b, count(DISTINCT pairs.actor) AS v${bv ? ', pairs.bv AS bv' : ''}
      FROM range(${first}, ${last} + 1, ${params.bigint(intervalMicros(range.interval))}) AS b(b)
      JOIN pairs ON pairs.d <= b.b AND pairs.d > b.b - ${params.bigint(BigInt(math.days) * BigInt(DAY_MS) * 1000n)}
      GROUP BY b.b${bv ? ', pairs.bv' : ''}`;
  } else if (total) {
    grouped = `SELECT ${math.sql} AS v${bvSelect} FROM ${source}${bv ? ' GROUP BY bv' : ''}`;
  } else if (query.cumulative && math.uniqueActors) {
    grouped = `SELECT b, count(*) AS v${bvGroup} FROM (
        SELECT e.person_id, min(${bucketOf()}) AS b${bvSelect} FROM ${source} GROUP BY e.person_id${bvGroup}
      ) GROUP BY b${bvGroup}`;
  } else {
    grouped = `SELECT ${bucketOf()} AS b, ${math.sql} AS v${bvSelect} FROM ${source} GROUP BY b${bvGroup}`;
  }
  if (!bv) return { sql: grouped, params };
  return { sql: total ? totalOther(grouped, query, params) : seriesOther(grouped, query, params), params };
}

/**
 * Time series: values ranked by their total (real values, then the null bucket), the top
 * `breakdownLimit` kept and the rest summed into Other, interval by interval.
 */
function seriesOther(grouped: string, query: SeriesQuery, params: SqlParams): string {
  return `WITH grouped AS (${grouped}),
    ranked AS (
      SELECT bv, row_number() OVER (
        ORDER BY CASE WHEN bv = '${BREAKDOWN_OTHER}' THEN 2 WHEN bv = '${BREAKDOWN_NULL}' THEN 1 ELSE 0 END, sum(v) DESC, bv
      ) AS rank
      FROM grouped GROUP BY bv
    )
    SELECT g.b AS b, CASE WHEN r.rank <= ${params.bind(query.breakdownLimit)} THEN g.bv ELSE '${BREAKDOWN_OTHER}' END AS bv, sum(g.v) AS v
    FROM grouped g JOIN ranked r ON r.bv = g.bv
    GROUP BY 1, 2`;
}

/** Totals: the top `breakdownLimit` values by total, the rest summed into Other. */
function totalOther(grouped: string, query: SeriesQuery, params: SqlParams): string {
  return `WITH grouped AS (${grouped}),
    ranked AS (SELECT bv, v, row_number() OVER (ORDER BY v DESC, bv) AS rank FROM grouped)
    SELECT CASE WHEN rank <= ${params.bind(query.breakdownLimit)} THEN bv ELSE '${BREAKDOWN_OTHER}' END AS bv, sum(v) AS v
    FROM ranked GROUP BY 1`;
}
