/** Reference LifecycleQuery: each person's active intervals, walked in order. */
import { QueryDateRange, type DateContext } from '../../../../src/server/local/insights/dates.js';
import {
  intervalOf,
  readSeries,
  seriesLabel,
  type Json,
} from '../../../../src/server/local/insights/input.js';
import { formatDay, formatLabel } from '../../../../src/server/local/insights/labels.js';
import { addIntervals } from '../../../../src/server/local/insights/time-zone.js';
import { bucketOf, matches, text, type RefDataset } from './dataset.js';
import { groupBy } from './trends.js';

const STATUSES = ['new', 'returning', 'resurrecting', 'dormant'];

export function referenceLifecycle(data: RefDataset, query: Json, dates: DateContext): unknown {
  const series = readSeries(query);
  const interval = intervalOf(query);
  const dateRange = (query.dateRange ?? {}) as Json;
  const exact = dateRange.explicitDate === true;
  const range = new QueryDateRange(dateRange, interval, dates, exact);
  const zone = dates.zone;
  const buckets = range.buckets();
  const first = exact ? range.dateFrom() : buckets[0]!;
  const last = exact ? range.dateTo() : buckets.at(-1)!;
  const from = zone.toInstant(addIntervals(first, interval, -1));
  const to = zone.toInstant(addIntervals(last, interval, 1));
  const events = data.events.filter(
    (e) =>
      e.t >= from &&
      e.t < to &&
      text(e.properties, '$process_person_profile') !== 'false' &&
      matches(data, e, query.properties) &&
      series.every(
        (node) => (node.event === null || e.event === node.event) && matches(data, e, node.properties),
      ),
  );
  const counts = new Map<string, number>();
  const add = (status: string, period: number) => {
    if (period < first || period > last) return;
    counts.set(`${status}@${period}`, (counts.get(`${status}@${period}`) ?? 0) + 1);
  };
  for (const [person, personEvents] of groupBy(events, (e) => e.person)) {
    const periods = [...new Set(personEvents.map((e) => bucketOf(zone, e.t, interval)))].sort(
      (a, b) => a - b,
    );
    const createdAt = data.persons.get(person)?.created_at;
    const created = createdAt ? bucketOf(zone, createdAt.getTime(), interval) : undefined;
    periods.forEach((period, i) => {
      if (i === 0) add(created === period ? 'new' : 'resurrecting', period);
      else add(addIntervals(period, interval, -1) === periods[i - 1] ? 'returning' : 'resurrecting', period);
      const next = addIntervals(period, interval, 1);
      if (periods[i + 1] !== next) add('dormant', next);
    });
  }
  const node = series[0]!;
  const name = seriesLabel(node);
  return STATUSES.map((status) => {
    const data = buckets.map((b) =>
      status === 'dormant' ? 0 - (counts.get(`${status}@${b}`) ?? 0) : (counts.get(`${status}@${b}`) ?? 0),
    );
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
      labels: buckets.map((b) => formatLabel(b, range)),
      days: buckets.map((b) => formatDay(b, range)),
      label: `${name} - ${status}`,
      status,
    };
  });
}
