/**
 * StickinessQuery (posthog/hogql_queries/insights/stickiness/stickiness_query_runner.py): how many
 * people did the event in exactly 1, 2, ... N of the range's intervals.
 */
import type { LocalDatabase } from '../db.js';
import type { RunContext } from './context.js';
import { PreviousPeriodDateRange, QueryDateRange } from './dates.js';
import { FilterBuilder } from './filters.js';
import {
  booleanAt,
  intervalOf,
  numberAt,
  objectAt,
  oneOf,
  readSeries,
  refuseSet,
  seriesLabel,
  stringAt,
  unsupported,
  type EventsNode,
  type Json,
} from './input.js';
import { bucketStart, LocalClock } from './buckets.js';
import { SqlParams } from './sql.js';

export async function runStickiness(db: LocalDatabase, query: Json, ctx: RunContext): Promise<unknown> {
  refuseSet(query, ['aggregation_group_type_index'], '');
  const intervalCount = numberAt(query, 'intervalCount', 'intervalCount');
  if (intervalCount !== undefined && intervalCount !== 1) unsupported('intervalCount', intervalCount);
  const stickinessFilter = objectAt(query, 'stickinessFilter', 'stickinessFilter');
  refuseSet(stickinessFilter, ['stickinessCriteria'], 'stickinessFilter.');
  const cumulative =
    oneOf(
      stringAt(stickinessFilter, 'computedAs', 'stickinessFilter.computedAs'),
      ['non_cumulative', 'cumulative'] as const,
      'stickinessFilter.computedAs',
    ) === 'cumulative';
  const compareFilter = objectAt(query, 'compareFilter', 'compareFilter');
  refuseSet(compareFilter, ['compare_to'], 'compareFilter.');
  const compare = booleanAt(compareFilter, 'compare', 'compareFilter.compare');
  const series = readSeries(query);
  series.forEach((node) => {
    if (node.math !== null && node.math !== 'total' && node.math !== 'dau')
      unsupported(`${node.attr}.math`, node.math);
  });
  const interval = intervalOf(query);
  const dateRange = objectAt(query, 'dateRange', 'dateRange');
  const exact = dateRange.explicitDate === true;
  const current = new QueryDateRange(dateRange, interval, ctx.dates, exact);
  const previous = new PreviousPeriodDateRange(dateRange, interval, ctx.dates, exact);

  const results: Array<Record<string, unknown>> = [];
  for (const [order, node] of series.entries()) {
    // Compare puts each series' previous period right after its current one.
    for (const range of compare ? [current, previous] : [current]) {
      const counts = await intervalsPerPerson(db, node, range, query.properties);
      const intervals = range.buckets().length;
      const days = Array.from({ length: intervals }, (_, i) => i + 1);
      const exactCounts = days.map((day) => counts.get(day) ?? 0);
      const data = cumulative
        ? exactCounts.map((_, i) => exactCounts.slice(i).reduce((a, b) => a + b, 0))
        : exactCounts;
      const unit = range.interval;
      const label = seriesLabel(node);
      results.push({
        count: exactCounts.reduce((a, b) => a + b, 0),
        data,
        days,
        label,
        labels: days.map((day) => `${day} ${unit}${day === 1 ? '' : 's'}${cumulative ? ' or more' : ''}`),
        action: { order, type: 'events', name: label, id: node.event, custom_name: node.customName },
        ...(compare ? { compare: true, compare_label: range === current ? 'current' : 'previous' } : {}),
      });
    }
  }
  return results;
}

/** Number of people by how many distinct intervals they did the event in. */
async function intervalsPerPerson(
  db: LocalDatabase,
  node: EventsNode,
  range: QueryDateRange,
  properties: unknown,
): Promise<Map<number, number>> {
  const params = new SqlParams();
  const filters = new FilterBuilder(params);
  const zone = range.zone;
  const clock = new LocalClock(zone, zone.toInstant(range.eventsFrom()), zone.toInstant(range.dateTo()));
  const bucket = bucketStart(clock.micros('e.timestamp', params), range.interval, params, range.buckets());
  const where = [
    `e.timestamp >= ${params.instant(zone.toInstant(range.eventsFrom()))}`,
    `e.timestamp < ${params.instant(zone.toInstant(range.dateTo()) + 1)}`,
    ...(node.event === null ? [] : [`e.event = ${params.bind(node.event)}`]),
    filters.condition(properties, 'properties'),
    filters.condition(node.properties, `${node.attr}.properties`),
  ];
  const join = filters.usesPersons ? ' LEFT JOIN persons p ON p.id = e.person_id' : '';
  const sql = `SELECT intervals, count(*) AS people FROM (
      SELECT e.person_id, count(DISTINCT ${bucket}) AS intervals
      FROM events e${join} WHERE ${where.join(' AND ')} GROUP BY e.person_id
    ) GROUP BY intervals`;
  const rows = await db.all<{ intervals: number; people: number }>(sql, params.values);
  return new Map(rows.map((row) => [row.intervals, row.people]));
}
