/**
 * Interval buckets in SQL as integer arithmetic. Converting each event's TIMESTAMPTZ to a local
 * TIMESTAMP costs DuckDB a calendar lookup per row (three times the cost of the whole DAU query);
 * instead the zone's offsets over the query's span are worked out here once, and each row's local
 * wall clock is `epoch_us(timestamp) + offset`, in microseconds. Hours, days and weeks are then
 * divisions; months, which have no fixed length, are looked up among the span's month starts.
 */
import type { SqlParams } from './sql.js';
import { addMonths, DAY_MS, HOUR_MS, startOfInterval, type Interval, type Zone } from './time-zone.js';

const US_PER_MS = 1000n;
const DAY_US = BigInt(DAY_MS) * US_PER_MS;
const HOUR_US = BigInt(HOUR_MS) * US_PER_MS;

/** A zone's offsets over a span of instants, and SQL for local wall-clock microseconds. */
export class LocalClock {
  /** Offset (ms) in force from each instant on; the first applies before the span too. */
  private readonly segments: Array<{ from: number; offset: number }> = [];

  constructor(
    readonly zone: Zone,
    /** The span (instants, ms) rows can fall in; it is widened by two days on each side. */
    from: number,
    to: number,
  ) {
    if (zone.isUtc) {
      this.segments.push({ from, offset: 0 });
      return;
    }
    const offset = (t: number) => zone.toWall(t) - t;
    let t = from - 2 * DAY_MS;
    this.segments.push({ from: t, offset: offset(t) });
    for (; t < to + 2 * DAY_MS; t += DAY_MS) {
      const next = Math.min(t + DAY_MS, to + 2 * DAY_MS);
      if (offset(next) === this.segments.at(-1)!.offset) continue;
      // Offsets change at most once a day: find the first millisecond of the new one.
      let [low, high] = [t, next];
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (offset(mid) === this.segments.at(-1)!.offset) low = mid;
        else high = mid;
      }
      this.segments.push({ from: high, offset: offset(high) });
    }
  }

  /** BIGINT local wall-clock microseconds of a TIMESTAMPTZ column. */
  micros(column: string, params: SqlParams): string {
    const epoch = `epoch_us(${column})`;
    const micros = (ms: number) => params.bigint(BigInt(ms) * US_PER_MS);
    if (this.segments.length === 1) {
      return this.segments[0]!.offset === 0 ? epoch : `(${epoch} + ${micros(this.segments[0]!.offset)})`;
    }
    const cases = this.segments
      .slice(1)
      .map(
        (segment, i) => `WHEN ${epoch} < ${micros(segment.from)} THEN ${micros(this.segments[i]!.offset)}`,
      );
    return `(${epoch} + CASE ${cases.join(' ')} ELSE ${micros(this.segments.at(-1)!.offset)} END)`;
  }
}

/** Month starts (wall ms) covering [from, to], for month buckets. */
export function monthStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let month = startOfInterval(from, 'month'); month <= to; month = addMonths(month, 1))
    starts.push(month);
  return starts;
}

/**
 * The start (wall microseconds) of the interval holding `local` (a local-microseconds expression).
 * Month buckets need `months`, the month starts of the span; outside it they are NULL.
 */
export function bucketStart(
  local: string,
  interval: Interval,
  params: SqlParams,
  months: number[] = [],
): string {
  switch (interval) {
    case 'hour':
      return `(${local} // ${params.bigint(HOUR_US)} * ${params.bigint(HOUR_US)})`;
    case 'day':
      return `(${local} // ${params.bigint(DAY_US)} * ${params.bigint(DAY_US)})`;
    case 'week': {
      // 1 January 1970 was a Thursday: day d is a Sunday when (d + 4) % 7 = 0.
      const day = `(${local} // ${params.bigint(DAY_US)})`;
      return `((${day} - (${day} + 4) % 7) * ${params.bigint(DAY_US)})`;
    }
    case 'month':
      return monthCase(local, params, months, (start) => params.bigint(BigInt(start) * US_PER_MS));
  }
}

/**
 * The 0-based interval number of `local` counted from `first` (a bucket start, wall ms), for values
 * from `first` on. Whole hours or days since `first`, so a week is whole days divided by 7.
 */
export function bucketIndex(
  local: string,
  interval: Interval,
  first: number,
  params: SqlParams,
  months: number[] = [],
): string {
  if (interval === 'month')
    return monthCase(local, params, months, (_, i) => String(i - months.indexOf(first)));
  const unit = interval === 'hour' ? HOUR_US : DAY_US;
  const units = `(${local} // ${params.bigint(unit)} - ${params.bigint((BigInt(first) * US_PER_MS) / unit)})`;
  return interval === 'week' ? `(${units} // 7)` : units;
}

function monthCase(
  local: string,
  params: SqlParams,
  months: number[],
  value: (start: number, i: number) => string,
): string {
  if (months.length === 0) throw new Error('month buckets need the month starts of the span');
  const bound = (ms: number) => params.bigint(BigInt(ms) * US_PER_MS);
  const cases = months.map(
    (start, i) => `WHEN ${local} < ${bound(addMonths(start, 1))} THEN ${value(start, i)}`,
  );
  return `(CASE WHEN ${local} < ${bound(months[0]!)} THEN NULL ${cases.join(' ')} END)`;
}

/** One interval in wall microseconds, for hour, day and week arithmetic on bucket starts. */
export function intervalMicros(interval: Exclude<Interval, 'month'>): bigint {
  return interval === 'hour' ? HOUR_US : interval === 'day' ? DAY_US : 7n * DAY_US;
}

/** A bucket start DuckDB returned (wall microseconds) as wall milliseconds. */
export function wallFromMicros(value: unknown): number {
  return Number(value) / 1000;
}
