/**
 * Wall-clock time in a named time zone, without a date library.
 *
 * The engine reasons in "wall milliseconds": the epoch milliseconds a local date and time would have if
 * that zone were UTC. Calendar arithmetic on them (add a day, a month, truncate to a week) is then plain
 * `Date.UTC` arithmetic, which is what PostHog's Python does with zone-aware datetimes (same tzinfo,
 * wall-clock arithmetic), and what DuckDB does on the `TIMESTAMP` that `timezone(tz, ts)` returns.
 */
import { LocalQueryError } from '../errors.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A validated IANA zone with instant <-> wall conversions. */
export class Zone {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    const cached = formatters.get(name);
    if (cached) {
      this.format = cached;
      return;
    }
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new LocalQueryError('timezone', `'${name}' is not a known time zone`, 'invalid_input');
    }
    formatters.set(name, this.format);
  }

  get isUtc(): boolean {
    return this.name === 'UTC' || this.name === 'Etc/UTC';
  }

  /** The local wall clock at an instant. */
  toWall(instant: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const seconds = Date.UTC(
      parts.year!,
      parts.month! - 1,
      parts.day!,
      parts.hour!,
      parts.minute!,
      parts.second!,
    );
    return seconds + (((instant % 1000) + 1000) % 1000);
  }

  /**
   * The instant a wall clock names. An ambiguous wall time (clocks going back) gives the earlier
   * instant and a skipped one (clocks going forward) uses the offset from before the change, which is
   * what Python's zoneinfo does with `fold=0`.
   */
  toInstant(wall: number): number {
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    const candidates = [wall - before, wall - after].filter((instant) => this.toWall(instant) === wall);
    return candidates.length > 0 ? Math.min(...candidates) : wall - before;
  }

  private offsetAt(instant: number): number {
    return this.toWall(instant) - instant;
  }
}

/** Calendar pieces of a wall time. */
export function wallParts(wall: number) {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    weekday: d.getUTCDay(),
    msOfDay: wall - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Adds calendar months the way dateutil's relativedelta does: the day is clamped to the month's end. */
export function addMonths(wall: number, months: number): number {
  const { year, month, day, msOfDay } = wallParts(wall);
  const target = new Date(Date.UTC(year, month + months, 1));
  const y = target.getUTCFullYear();
  const m = target.getUTCMonth();
  return Date.UTC(y, m, Math.min(day, daysInMonth(y, m))) + msOfDay;
}

export type Interval = 'hour' | 'day' | 'week' | 'month';

/** Start of the interval holding a wall time. Weeks start on Sunday, PostHog's default week start. */
export function startOfInterval(wall: number, interval: Interval): number {
  const { year, month, day, hour, weekday } = wallParts(wall);
  switch (interval) {
    case 'hour':
      return Date.UTC(year, month, day, hour);
    case 'day':
      return Date.UTC(year, month, day);
    case 'week':
      return Date.UTC(year, month, day) - weekday * DAY_MS;
    case 'month':
      return Date.UTC(year, month, 1);
  }
}

/** Moves a wall time by whole intervals (negative to go back). */
export function addIntervals(wall: number, interval: Interval, count: number): number {
  switch (interval) {
    case 'hour':
      return wall + count * HOUR_MS;
    case 'day':
      return wall + count * DAY_MS;
    case 'week':
      return wall + count * 7 * DAY_MS;
    case 'month':
      return addMonths(wall, count);
  }
}

/** Every interval start from the one holding `from` while it is not after `to` (all wall times). */
export function intervalStarts(from: number, to: number, interval: Interval, max = Infinity): number[] {
  const first = startOfInterval(from, interval);
  const starts: number[] = [];
  for (let i = 0, wall = first; wall <= to; i += 1, wall = addIntervals(first, interval, i)) {
    if (starts.length === max) throw new RangeError(`more than ${max} intervals`);
    starts.push(wall);
  }
  return starts;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-03-09` */
export function isoDate(wall: number): string {
  const { year, month, day } = wallParts(wall);
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(day)}`;
}

/** `2024-03-09 14:00:00` */
export function isoDateTime(wall: number): string {
  const d = new Date(wall);
  return `${isoDate(wall)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * An instant as PostHog's JSON renders a zone-aware datetime: `2024-03-09T00:00:00Z` in UTC,
 * `2024-03-09T00:00:00+09:00` elsewhere.
 */
export function isoWithOffset(wall: number, zone: Zone): string {
  const offsetMinutes = Math.round((wall - zone.toInstant(wall)) / 60_000);
  const local = isoDateTime(wall).replace(' ', 'T');
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
