/** Reference RetentionQuery: cohorts and returns per person, counted with sets. */
import {
  BREAKDOWN_OTHER,
  DEFAULT_BREAKDOWN_LIMIT,
  readBreakdown,
} from '../../../../src/server/local/insights/breakdown.js';
import type { DateContext } from '../../../../src/server/local/insights/dates.js';
import type { Json } from '../../../../src/server/local/insights/input.js';
import { retentionRange } from '../../../../src/server/local/insights/retention-range.js';
import { isoWithOffset, type Interval } from '../../../../src/server/local/insights/time-zone.js';
import { bucketOf, byteCompare, matches, property, type RefDataset, type RefEvent } from './dataset.js';
import { groupBy } from './trends.js';

const PERIODS: Record<string, Interval> = { Hour: 'hour', Day: 'day', Week: 'week', Month: 'month' };

export function referenceRetention(data: RefDataset, query: Json, dates: DateContext): unknown {
  const filter = (query.retentionFilter ?? {}) as Json;
  const periodName = (filter.period as string) ?? 'Day';
  const interval = PERIODS[periodName]!;
  const lookahead = (filter.totalIntervals as number) ?? 7;
  const firstTime = filter.retentionType === 'retention_first_time';
  const cumulative = filter.cumulative === true;
  const start = entity(filter.targetEntity);
  const back = entity(filter.returningEntity);
  const breakdown = readBreakdown(query);
  const range = retentionRange((query.dateRange ?? {}) as Json, interval, lookahead, dates);
  const zone = dates.zone;
  const from = zone.toInstant(range.from);
  const to = zone.toInstant(range.to);
  const index = (e: RefEvent) =>
    e.t >= from && e.t < to ? range.dates.indexOf(bucketOf(zone, e.t, interval)) : -1;
  const isStart = (e: RefEvent) => is(data, e, start);
  const isReturn = (e: RefEvent) => is(data, e, back);
  const events = data.events.filter(
    (e) =>
      matches(data, e, query.properties) &&
      (isStart(e) || isReturn(e)) &&
      (firstTime || (e.t >= from && e.t < to)),
  );
  const bv = (e: RefEvent) =>
    breakdown ? (property(data, e, breakdown.property, breakdown.type) ?? '') : '';
  // (breakdown value) -> "cohort,k" -> people
  const cells = new Map<string, Map<string, Set<string>>>();
  for (const group of groupBy(events, (e) => `${e.person}\u0000${bv(e)}`).values()) {
    const value = bv(group[0]!);
    const starts = group.filter(isStart);
    let cohorts: number[];
    if (firstTime) {
      const first = starts.reduce<RefEvent | undefined>(
        (a, e) => (a === undefined || e.t < a.t ? e : a),
        undefined,
      );
      cohorts = first && index(first) >= 0 ? [index(first)] : [];
    } else {
      cohorts = [...new Set(starts.map(index).filter((i) => i >= 0))];
    }
    const returns = new Set(
      group
        .filter(isReturn)
        .map(index)
        .filter((i) => i >= 0),
    );
    for (const s of cohorts) {
      const ks = [0, ...[...returns].map((r) => r - s).filter((k) => k >= 1 && k <= lookahead - 1)];
      const counted = cumulative ? Array.from({ length: Math.max(...ks) + 1 }, (_, k) => k) : ks;
      for (const k of counted) {
        if (!cells.has(value)) cells.set(value, new Map());
        const byCell = cells.get(value)!;
        if (!byCell.has(`${s},${k}`)) byCell.set(`${s},${k}`, new Set());
        byCell.get(`${s},${k}`)!.add(group[0]!.person);
      }
    }
  }
  const count = (values: string[], s: number, k: number) =>
    values.reduce((total, value) => total + (cells.get(value)?.get(`${s},${k}`)?.size ?? 0), 0);
  const table = (values: string[], breakdownValue: string | null) =>
    range.dates.map((date, s) => ({
      values: Array.from({ length: Math.min(lookahead, range.dates.length - s) }, (_, k) => ({
        count: count(values, s, k),
        label: `${periodName} ${k}`,
      })),
      label: `${periodName} ${s}`,
      date: isoWithOffset(date, zone),
      breakdown_value: breakdownValue,
    }));
  if (!breakdown) return table([''], null);
  const sizes = [...cells.keys()].map((value) => ({
    value,
    size: range.dates.reduce((t, _, s) => t + count([value], s, 0), 0),
  }));
  sizes.sort((a, b) => b.size - a.size || byteCompare(a.value, b.value));
  const limit = breakdown.limit ?? DEFAULT_BREAKDOWN_LIMIT;
  const rows = sizes.slice(0, limit).flatMap(({ value }) => table([value], value));
  const rest = sizes.slice(limit).map(({ value }) => value);
  return rest.length > 0 ? [...rows, ...table(rest, BREAKDOWN_OTHER)] : rows;
}

interface Entity {
  event: string | null;
  properties: unknown;
}

function entity(value: unknown): Entity {
  if (!value) return { event: '$pageview', properties: undefined };
  const e = value as Json;
  return { event: (e.id as string | null) ?? null, properties: e.properties };
}

function is(data: RefDataset, e: RefEvent, target: Entity): boolean {
  return (target.event === null || e.event === target.event) && matches(data, e, target.properties);
}
