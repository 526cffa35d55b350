/** Reference TrendsQuery: loops over the in-memory events. */
import {
  BREAKDOWN_NULL,
  BREAKDOWN_OTHER,
  breakdownRank,
  DEFAULT_BREAKDOWN_LIMIT,
  readBreakdown,
  type BreakdownSpec,
} from '../../../../src/server/local/insights/breakdown.js';
import {
  PreviousPeriodDateRange,
  QueryDateRange,
  type DateContext,
} from '../../../../src/server/local/insights/dates.js';
import {
  intervalOf,
  readSeries,
  seriesLabel,
  type EventsNode,
  type Json,
} from '../../../../src/server/local/insights/input.js';
import { formatDay, formatLabel } from '../../../../src/server/local/insights/labels.js';
import { DAY_MS, startOfInterval } from '../../../../src/server/local/insights/time-zone.js';
import { effectiveMath, TOTAL_VALUE_DISPLAYS } from '../../../../src/server/local/insights/trends-math.js';
import {
  bucketOf,
  byteCompare,
  numeric,
  property,
  selectEvents,
  text,
  type RefDataset,
  type RefEvent,
} from './dataset.js';

type Row = Record<string, unknown>;

export function referenceTrends(data: RefDataset, query: Json, dates: DateContext): Row[] {
  const trendsFilter = (query.trendsFilter ?? {}) as Json;
  const display = (trendsFilter.display as string) ?? 'ActionsLineGraph';
  const compare = ((query.compareFilter ?? {}) as Json).compare === true;
  const series = readSeries(query);
  const interval = intervalOf(query);
  const total = TOTAL_VALUE_DISPLAYS.includes(display);
  const breakdown = readBreakdown(query);
  const dateRange = (query.dateRange ?? {}) as Json;
  const rangeInterval = total ? 'day' : interval;
  const exact = display === 'BoldNumber';
  const ranges = [new QueryDateRange(dateRange, rangeInterval, dates, exact)];
  if (compare) ranges.push(new PreviousPeriodDateRange(dateRange, interval, dates, exact));
  const limit = display === 'WorldMap' ? 250 : (breakdown?.limit ?? DEFAULT_BREAKDOWN_LIMIT);
  const out: Row[] = [];
  ranges.forEach((range, period) => {
    series.forEach((node, order) => {
      const math = effectiveMath(node, interval);
      const groups = aggregate(
        data,
        query,
        node,
        math,
        range,
        total,
        display === 'ActionsLineGraphCumulative',
        breakdown,
      );
      const objects = breakdown
        ? withBreakdown(groups, limit, total)
        : [[null, groups.get(null) ?? new Map()] as const];
      const built = objects.map(([value, values]) => {
        const object = build(node, order, math, range, total, display, values, !breakdown);
        if (value !== null) {
          object.label = series.length > 1 ? `${object.label} - ${value}` : value;
          object.breakdown_value = value;
        }
        return object;
      });
      if (breakdown) {
        const size = (o: Row) =>
          total ? (o.aggregated_value as number) : (o.data as number[]).reduce((a, b) => a + b, 0);
        built.sort(
          (a, b) =>
            breakdownRank(a.breakdown_value as string) - breakdownRank(b.breakdown_value as string) ||
            size(b) - size(a) ||
            byteCompare(a.breakdown_value as string, b.breakdown_value as string),
        );
      }
      for (const object of built) {
        if (compare)
          Object.assign(object, { compare: true, compare_label: period === 0 ? 'current' : 'previous' });
        if (!(breakdown?.hideOther && object.breakdown_value === BREAKDOWN_OTHER)) out.push(object);
      }
    });
  });
  return out;
}

/** breakdown value (null without breakdown) -> bucket (null for totals) -> value */
type Groups = Map<string | null, Map<number | null, number>>;

function aggregate(
  data: RefDataset,
  query: Json,
  node: EventsNode,
  math: string | null,
  range: QueryDateRange,
  total: boolean,
  cumulative: boolean,
  breakdown: BreakdownSpec | undefined,
): Groups {
  const zone = range.zone;
  const active = math === 'weekly_active' ? 7 : math === 'monthly_active' ? 30 : 0;
  let from = range.eventsFrom();
  if (active)
    from = total
      ? startOfInterval(range.dateTo(), 'day') - (active - 1) * DAY_MS
      : range.dateFrom() - active * DAY_MS;
  const events = selectEvents(data, {
    from: zone.toInstant(from),
    to: zone.toInstant(range.dateTo()),
    event: node.event,
    filters: [query.properties, node.properties],
  });
  const bv = (e: RefEvent) => (breakdown ? breakdownValue(data, e, breakdown) : null);
  const bucket = (e: RefEvent) => (total ? null : bucketOf(zone, e.t, range.interval));
  const groups: Groups = new Map();
  const put = (value: string | null, key: number | null, n: number) => {
    if (!groups.has(value)) groups.set(value, new Map());
    groups.get(value)!.set(key, n);
  };
  if (active && !total) {
    const step = range.interval === 'hour' ? 'hour' : 'day';
    const byValue = groupBy(events, (e) => bv(e));
    for (const [value, valueEvents] of byValue) {
      for (const b of range.buckets()) {
        const people = new Set(
          valueEvents
            .filter((e) => {
              const d = bucketOf(zone, e.t, step);
              return d <= b && d > b - active * DAY_MS;
            })
            .map((e) => e.person),
        );
        if (people.size > 0) put(value, b, people.size);
      }
    }
    return groups;
  }
  if (cumulative && math === 'dau' && !total) {
    const first = new Map<string, { value: string | null; b: number }>();
    for (const e of events) {
      const key = `${e.person}\u0000${bv(e)}`;
      const b = bucket(e)!;
      if (!first.has(key) || first.get(key)!.b > b) first.set(key, { value: bv(e), b });
    }
    for (const { value, b } of first.values()) put(value, b, (groups.get(value)?.get(b) ?? 0) + 1);
    return groups;
  }
  for (const group of groupBy(events, (e) => `${bv(e)}\u0000${bucket(e)}`).values()) {
    put(bv(group[0]!), bucket(group[0]!), measure(data, group, active ? 'dau' : math, node));
  }
  return groups;
}

function measure(data: RefDataset, events: RefEvent[], math: string | null, node: EventsNode): number {
  if (math === null || math === 'total') return events.length;
  if (math === 'dau') return new Set(events.map((e) => e.person)).size;
  if (math === 'unique_session')
    return new Set(events.map((e) => text(e.properties, '$session_id') ?? '')).size;
  const values = events
    .map((e) => numeric(property(data, e, node.mathProperty!, node.mathPropertyType)))
    .filter((v): v is number => v !== null);
  if (values.length === 0) return 0;
  const quantiles: Record<string, number> = { median: 0.5, p75: 0.75, p90: 0.9, p95: 0.95, p99: 0.99 };
  if (math in quantiles) return quantile(values, quantiles[math]!);
  if (math === 'sum') return values.reduce((a, b) => a + b, 0);
  if (math === 'avg') return values.reduce((a, b) => a + b, 0) / values.length;
  return math === 'min' ? Math.min(...values) : Math.max(...values);
}

/** Linear interpolation between closest ranks, as DuckDB's `quantile_cont`. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

function breakdownValue(data: RefDataset, e: RefEvent, spec: BreakdownSpec): string {
  let raw = property(data, e, spec.property, spec.type);
  if (spec.normalizeUrl && raw !== null) {
    const trimmed = raw.replace(/[/?#]+$/, '');
    raw = trimmed === '' ? '/' : trimmed;
  }
  return raw === null || raw === '' ? BREAKDOWN_NULL : raw;
}

/** Top values by size; the others summed into Other (per bucket for series). */
function withBreakdown(
  groups: Groups,
  limit: number,
  total: boolean,
): Array<readonly [string, Map<number | null, number>]> {
  const sizes = [...groups.entries()].map(([value, values]) => ({
    value: value!,
    size: [...values.values()].reduce((a, b) => a + b, 0),
  }));
  sizes.sort((a, b) =>
    total
      ? b.size - a.size || byteCompare(a.value, b.value)
      : breakdownRank(a.value) - breakdownRank(b.value) || b.size - a.size || byteCompare(a.value, b.value),
  );
  const kept = sizes.slice(0, limit).map(({ value }) => [value, groups.get(value)!] as const);
  const rest = sizes.slice(limit);
  if (rest.length === 0) return kept;
  const other = new Map<number | null, number>();
  for (const { value } of rest) {
    for (const [b, n] of groups.get(value)!) other.set(b, (other.get(b) ?? 0) + n);
  }
  return [...kept, [BREAKDOWN_OTHER, other] as const];
}

function build(
  node: EventsNode,
  order: number,
  math: string | null,
  range: QueryDateRange,
  total: boolean,
  display: string,
  values: Map<number | null, number>,
  fill: boolean,
): Row {
  const action = {
    id: node.event,
    type: 'events',
    order,
    name: seriesLabel(node),
    custom_name: node.customName,
    math,
    math_property: node.mathProperty,
    math_hogql: null,
    math_group_type_index: null,
    properties: {},
  };
  if (total) {
    const value = [...values.values()].reduce((a, b) => a + b, 0);
    return {
      data: [],
      labels: [],
      days: [],
      count: 0,
      aggregated_value: value,
      label: seriesLabel(node),
      action,
      order,
    };
  }
  const buckets = range.buckets();
  let data = buckets.map((b) => values.get(b) ?? 0);
  const cumulative = display === 'ActionsLineGraphCumulative';
  if (cumulative) {
    const filled: number[] = [];
    let running = 0;
    for (const [i, v] of data.entries()) {
      running += v;
      filled.push(fill && i > 0 && !(running > 0) ? filled[i - 1]! : running);
    }
    data = filled;
  }
  return {
    data,
    labels: buckets.map((b) => formatLabel(b, range)),
    days: buckets.map((b) => formatDay(b, range)),
    count: cumulative ? (data.at(-1) ?? 0) : data.reduce((a, b) => a + b, 0),
    label: seriesLabel(node),
    action,
    order,
  };
}

export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}
