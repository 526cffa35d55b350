/**
 * LifecycleQuery (posthog/hogql_queries/insights/lifecycle/lifecycle_query_runner.py). For each
 * interval a person is active in, they are `new` (first activity, in the interval they were created),
 * `returning` (also active the interval before) or `resurrecting` (not); after each run of activity
 * they count once as `dormant`, negatively, in the interval that follows.
 */
import type { LocalDatabase } from '../db.js';
import type { RunContext } from './context.js';
import { QueryDateRange } from './dates.js';
import { FilterBuilder } from './filters.js';
import { intervalOf, objectAt, readSeries, refuseSet, seriesLabel, type Json } from './input.js';
import { formatDay, formatLabel } from './labels.js';
import { bucketStart, intervalMicros, LocalClock, monthStarts, wallFromMicros } from './buckets.js';
import { eventProperty, SqlParams } from './sql.js';
import { addIntervals } from './time-zone.js';

const STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;

export async function runLifecycle(db: LocalDatabase, query: Json, ctx: RunContext): Promise<unknown> {
  refuseSet(query, ['aggregation_group_type_index'], '');
  const series = readSeries(query);
  const interval = intervalOf(query);
  const dateRange = objectAt(query, 'dateRange', 'dateRange');
  const range = new QueryDateRange(dateRange, interval, ctx.dates, dateRange.explicitDate === true);
  const exact = dateRange.explicitDate === true;
  const zone = ctx.dates.zone;
  const buckets = range.buckets();
  const first = exact ? range.dateFrom() : buckets[0]!;
  const last = exact ? range.dateTo() : buckets.at(-1)!;

  const params = new SqlParams();
  const filters = new FilterBuilder(params);
  const spanFrom = addIntervals(first, interval, -1);
  const spanTo = addIntervals(last, interval, 1);
  const clock = new LocalClock(zone, zone.toInstant(spanFrom), zone.toInstant(spanTo));
  const months = monthStarts(spanFrom, spanTo);
  const period = bucketStart(clock.micros('e.timestamp', params), interval, params, months);
  const where = [
    // Events that should not make a person profile do not count (PostHog's `$process_person_profile`).
    // Looking for the key in the text first spares parsing the JSON of nearly every event.
    `NOT (contains(e.properties::VARCHAR, '"$process_person_profile"') AND coalesce(${eventProperty('$process_person_profile')}, '') = 'false')`,
    `e.timestamp >= ${params.instant(zone.toInstant(spanFrom))}`,
    `e.timestamp < ${params.instant(zone.toInstant(spanTo))}`,
    filters.condition(query.properties, 'properties'),
    ...series.flatMap((node) => [
      ...(node.event === null ? [] : [`e.event = ${params.bind(node.event)}`]),
      filters.condition(node.properties, `${node.attr}.properties`),
    ]),
  ];
  const join = filters.usesPersons ? ' LEFT JOIN persons p ON p.id = e.person_id' : '';
  const shift = (column: string, count: 1 | -1) =>
    interval === 'month'
      ? `epoch_us(make_timestamp(${column}) ${count > 0 ? '+' : '-'} INTERVAL 1 MONTH)`
      : `(${column} + ${count} * ${params.bigint(intervalMicros(interval))})`;
  const createdPeriod = bucketStart(clock.micros('people.created_at', params), interval, params, months);
  const micros = (wall: number) => params.bigint(BigInt(wall) * 1000n);
  const sql = `WITH periods AS (
      SELECT DISTINCT e.person_id AS actor, ${period} AS period FROM events e${join} WHERE ${where.join(' AND ')}
    ),
    ordered AS (
      SELECT periods.actor, periods.period, ${createdPeriod} AS created,
        lag(periods.period) OVER w AS previous, lead(periods.period) OVER w AS following, row_number() OVER w AS position
      FROM periods LEFT JOIN persons people ON people.id = periods.actor
      WINDOW w AS (PARTITION BY periods.actor ORDER BY periods.period)
    ),
    statuses AS (
      SELECT period, CASE
          WHEN position = 1 AND created = period THEN 'new'
          WHEN position > 1 AND previous = ${shift('period', -1)} THEN 'returning'
          ELSE 'resurrecting' END AS status
      FROM ordered
      UNION ALL
      SELECT ${shift('period', 1)}, 'dormant' FROM ordered WHERE following IS NULL OR following <> ${shift('period', 1)}
    )
    SELECT period, status, count(*) AS n FROM statuses
    WHERE period >= ${micros(first)} AND period <= ${micros(last)}
    GROUP BY period, status`;
  const rows = await db.all<{ period: unknown; status: string; n: number }>(sql, params.values);
  const counts = new Map(rows.map((row) => [`${row.status}@${wallFromMicros(row.period)}`, row.n]));
  const node = series[0]!;
  const name = seriesLabel(node);
  return STATUSES.map((status) => {
    const data = buckets.map((bucket) => {
      const n = counts.get(`${status}@${bucket}`) ?? 0;
      return status === 'dormant' ? 0 - n : n;
    });
    return {
      action: {
        id: node.event,
        name,
        type: 'events',
        order: 0,
        math: 'total',
        ...(node.customName === null ? {} : { custom_name: node.customName }),
      },
      data,
      count: data.reduce((a, b) => a + b, 0),
      labels: buckets.map((bucket) => formatLabel(bucket, range)),
      days: buckets.map((bucket) => formatDay(bucket, range)),
      label: `${name} - ${status}`,
      status,
    };
  });
}
