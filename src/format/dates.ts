import { dateTimeFormat } from './formatter-cache.js';

/** The bucket size of a series, guessed from its `days` (never from a stored `interval`). */
export type Interval = 'hour' | 'day' | 'week' | 'month';

/**
 * A PostHog `days` entry. Date-only strings are calendar dates, kept as UTC midnight and always
 * formatted in UTC so they cannot slide to the previous day west of Greenwich. Anything with a
 * clock time is a moment, formatted in the display time zone.
 */
export type PostHogDay = { kind: 'date'; utc: number } | { kind: 'instant'; time: number };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A wall-clock time in `timeZone` (given as if it were UTC) to the instant it names. */
function wallTimeToInstant(wall: number, timeZone: string): number {
  if (timeZone === 'UTC') return wall;
  const first = wall - zoneOffset(wall, timeZone);
  // A second pass settles times near a DST change, where the first guess used the other offset.
  return wall - zoneOffset(first, timeZone);
}

/**
 * Parses a `days` entry: '2022-03-04', '2022-03-04 13:00:00' or ISO with an offset. PostHog
 * writes hourly buckets as naive wall-clock times in the project's zone, so those are read in
 * `sourceTimeZone` (the response's `timezone`, UTC when absent).
 */
export function parseDay(day: string, sourceTimeZone = 'UTC'): PostHogDay | undefined {
  // Typed as text, but it comes from a response: a number or null there is no day.
  if (typeof day !== 'string') return undefined;
  const text = day.trim();
  const date = DATE_ONLY.exec(text);
  if (date) {
    const utc = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    return Number.isNaN(utc) ? undefined : { kind: 'date', utc };
  }
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const wall =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) +
    Math.round(Number(fraction ?? 0) * 1000);
  if (Number.isNaN(wall)) return undefined;
  if (!offset) return { kind: 'instant', time: wallTimeToInstant(wall, sourceTimeZone) };
  if (offset.toUpperCase() === 'Z') return { kind: 'instant', time: wall };
  const digits = offset.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return { kind: 'instant', time: wall - (digits.startsWith('-') ? -1 : 1) * minutes * 60_000 };
}

function hasClockTime(day: string): boolean {
  const match = DATE_TIME.exec(day.trim());
  return match !== null && (Number(match[4]) !== 0 || Number(match[5]) !== 0);
}

/**
 * Guesses hour, day, week or month from the median spacing of `days`, so a missing bucket or a
 * DST day does not change the answer. One point: hourly if it carries a clock time, else daily.
 */
export function guessInterval(days: readonly string[]): Interval {
  const times = days
    .map((day) => parseDay(day))
    .filter((day): day is PostHogDay => day !== undefined)
    .map((day) => (day.kind === 'date' ? day.utc : day.time));
  const gaps = times
    .slice(1)
    .map((time, i) => time - (times[i] ?? time))
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  if (median === undefined) return days.some(hasClockTime) ? 'hour' : 'day';
  if (median < 20 * HOUR_MS) return 'hour';
  if (median < 4 * DAY_MS) return 'day';
  if (median < 20 * DAY_MS) return 'week';
  return 'month';
}

export interface DayFormatOptions {
  locale?: string | undefined;
  /** Where to show moments (hourly data); defaults to `sourceTimeZone`. */
  timeZone?: string | undefined;
  /** The zone naive date-times are written in: the response's `timezone`. */
  sourceTimeZone?: string | undefined;
  /** `axis` for short tick labels, `full` for tooltips, tables and the accessible summary. */
  style?: 'axis' | 'full';
  /** Adds the year to axis labels, for ranges that cross a year boundary. */
  withYear?: boolean;
}

function dateFields(
  interval: Interval,
  style: 'axis' | 'full',
  withYear: boolean,
): Intl.DateTimeFormatOptions {
  if (interval === 'month') {
    return style === 'axis' ? { month: 'short', year: 'numeric' } : { month: 'long', year: 'numeric' };
  }
  if (style === 'full') {
    return interval === 'week'
      ? { year: 'numeric', month: 'short', day: 'numeric' }
      : { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' };
  }
  return withYear ? { year: 'numeric', month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric' };
}

function timeFields(style: 'axis' | 'full'): Intl.DateTimeFormatOptions {
  const base: Intl.DateTimeFormatOptions = {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  };
  return style === 'axis' ? base : { ...base, weekday: 'short', year: 'numeric', timeZoneName: 'short' };
}

/**
 * What a bucket is called on screen. For day, week and month buckets the calendar date is taken
 * as written, even from a date-time string, so no time zone can move it.
 */
function resolve(
  day: string,
  interval: Interval,
  sourceTimeZone: string | undefined,
): { utc: number } | { time: number } | undefined {
  const parsed = parseDay(day, sourceTimeZone);
  if (!parsed) return undefined;
  if (parsed.kind === 'date') return { utc: parsed.utc };
  if (interval !== 'hour') {
    const calendar = parseDay(day.trim().slice(0, 10));
    return calendar?.kind === 'date' ? { utc: calendar.utc } : undefined;
  }
  return { time: parsed.time };
}

/** One `days` entry as a label; an unparseable entry is shown as it came. */
export function formatDay(day: string, interval: Interval, options: DayFormatOptions = {}): string {
  const style = options.style ?? 'axis';
  const point = resolve(day, interval, options.sourceTimeZone);
  if (!point) return String(day ?? '');
  if ('utc' in point) {
    return dateTimeFormat(options.locale, {
      timeZone: 'UTC',
      ...dateFields(interval, style, options.withYear ?? false),
    }).format(point.utc);
  }
  return dateTimeFormat(options.locale, {
    timeZone: options.timeZone ?? options.sourceTimeZone ?? 'UTC',
    ...timeFields(style),
  }).format(point.time);
}

/** "Mar 4 – 11, 2022": the span of a series for captions and accessible labels. */
export function formatDayRange(
  first: string,
  last: string,
  interval: Interval,
  options: DayFormatOptions = {},
): string {
  const start = resolve(first, interval, options.sourceTimeZone);
  const end = resolve(last, interval, options.sourceTimeZone);
  if (!start || !end) return first === last ? first : `${first} \u2013 ${last}`;
  const dated = 'utc' in start && 'utc' in end;
  const fields: Intl.DateTimeFormatOptions = dated
    ? interval === 'month'
      ? { month: 'short', year: 'numeric' }
      : { year: 'numeric', month: 'short', day: 'numeric' }
    : { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  const formatter = dateTimeFormat(options.locale, {
    timeZone: dated ? 'UTC' : (options.timeZone ?? options.sourceTimeZone ?? 'UTC'),
    ...fields,
  });
  const from = 'utc' in start ? start.utc : start.time;
  const to = 'utc' in end ? end.utc : end.time;
  return from === to ? formatter.format(from) : formatter.formatRange(from, to);
}

/** Axis labels for a whole series, adding years only when the range crosses one. */
export function formatAxisLabels(
  days: readonly string[],
  interval: Interval,
  options: Omit<DayFormatOptions, 'style' | 'withYear'> = {},
): string[] {
  // Only text can be a day (a number or null from a response is shown as it is, and has no year).
  const years = new Set(days.flatMap((day) => (typeof day === 'string' ? [day.trim().slice(0, 4)] : [])));
  const withYear = interval !== 'month' && years.size > 1;
  return days.map((day) => formatDay(day, interval, { ...options, style: 'axis', withYear }));
}
