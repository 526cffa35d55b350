/** Reference StickinessQuery: distinct intervals per person, then a histogram. */
import {
  PreviousPeriodDateRange,
  QueryDateRange,
  type DateContext,
} from '../../../../src/server/local/insights/dates.js';
import {
  intervalOf,
  readSeries,
  seriesLabel,
  type Json,
} from '../../../../src/server/local/insights/input.js';
import { bucketOf, selectEvents, type RefDataset } from './dataset.js';
import { groupBy } from './trends.js';

export function referenceStickiness(data: RefDataset, query: Json, dates: DateContext): unknown {
  const cumulative = ((query.stickinessFilter ?? {}) as Json).computedAs === 'cumulative';
  const compare = ((query.compareFilter ?? {}) as Json).compare === true;
  const interval = intervalOf(query);
  const dateRange = (query.dateRange ?? {}) as Json;
  const exact = dateRange.explicitDate === true;
  const current = new QueryDateRange(dateRange, interval, dates, exact);
  const previous = new PreviousPeriodDateRange(dateRange, interval, dates, exact);
  return readSeries(query).flatMap((node, order) =>
    (compare ? [current, previous] : [current]).map((range) => {
      const events = selectEvents(data, {
        from: dates.zone.toInstant(range.eventsFrom()),
        to: dates.zone.toInstant(range.dateTo()),
        event: node.event,
        filters: [query.properties, node.properties],
      });
      const perPerson = [...groupBy(events, (e) => e.person).values()].map(
        (personEvents) => new Set(personEvents.map((e) => bucketOf(dates.zone, e.t, range.interval))).size,
      );
      const days = range.buckets().map((_, i) => i + 1);
      const exactCounts = days.map((day) => perPerson.filter((n) => n === day).length);
      const values = cumulative
        ? exactCounts.map((_, i) => exactCounts.slice(i).reduce((a, b) => a + b, 0))
        : exactCounts;
      const label = seriesLabel(node);
      return {
        count: exactCounts.reduce((a, b) => a + b, 0),
        data: values,
        days,
        label,
        labels: days.map(
          (day) => `${day} ${range.interval}${day === 1 ? '' : 's'}${cumulative ? ' or more' : ''}`,
        ),
        action: { order, type: 'events', name: label, id: node.event, custom_name: node.customName },
        ...(compare ? { compare: true, compare_label: range === current ? 'current' : 'previous' } : {}),
      };
    }),
  );
}
