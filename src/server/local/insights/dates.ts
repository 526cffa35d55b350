/**
 * PostHog's date ranges (posthog/hogql_queries/utils/query_date_range.py and posthog/utils.py
 * `relative_date_parse`): `-7d`, `-8w`, `-3m`, `mStart`, `yStart`, `dStart`, absolute dates, the
 * rounding of `date_to` to the end of the day (or hour), and the interval buckets a chart shows.
 * Every date here is a wall time in the endpoint's zone (see time-zone.ts).
 */
import { LocalQueryError } from '../errors.js';
import {
  addMonths,
  daysInMonth,
  DAY_MS,
  HOUR_MS,
  intervalStarts,
  startOfInterval,
  wallParts,
  type Interval,
  type Zone,
} from './time-zone.js';

/** `dateRange` as PostHog stores it. */
export interface DateRangeInput {
  date_from?: string | null;
  date_to?: string | null;
  explicitDate?: boolean | null;
}

/** What every range needs to resolve relative dates. */
export interface DateContext {
  zone: Zone;
  /** `now` as a wall time. */
  now: number;
  /** The first event's wall time, for `date_from: 'all'` (looked up only when a query asks for it). */
  earliest?: number;
}

/** A dateutil `relativedelta`: plural fields move, singular fields replace. */
export interface Delta {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
}

export interface ParsedDate {
  wall: number;
  /** The relative offset when the input was relative (`-7d`), null for an absolute date. */
  delta: Delta | null;
}

const RELATIVE = /^-?(\d+)?([hdwmqysM])(Start|End)?$/;
const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an absolute or relative date string against `now`, as `relative_date_parse` does. */
export function parseDate(input: string, ctx: DateContext, attr: string): ParsedDate {
  const absolute = parseAbsolute(input, ctx);
  if (absolute !== undefined) return { wall: absolute, delta: null };
  const match = RELATIVE.exec(input);
  if (!match)
    throw new LocalQueryError(attr, `'${input}' is not a date the local engine understands`, 'invalid_input');
  const delta = deltaFor(match[2]!, match[1] === undefined ? undefined : Number(match[1]), match[3]);
  return { wall: subtractDelta(ctx.now, delta), delta };
}

function parseAbsolute(input: string, ctx: DateContext): number | undefined {
  const date = DATE_ONLY.exec(input);
  if (date) return checkedUtc(+date[1]!, +date[2]! - 1, +date[3]!, 0, 0, 0, 0);
  const dt = DATE_TIME.exec(input);
  if (!dt) return undefined;
  const fraction = dt[7] ? Math.floor(Number(`0.${dt[7]}`) * 1000) : 0;
  const wall = checkedUtc(+dt[1]!, +dt[2]! - 1, +dt[3]!, +dt[4]!, +dt[5]!, +(dt[6] ?? 0), fraction);
  if (wall === undefined || !dt[8]) return wall;
  // An explicit offset names an instant: show it on the endpoint's wall clock.
  const offset = dt[8] === 'Z' ? 0 : offsetMinutes(dt[8]);
  return ctx.zone.toWall(wall - offset * 60_000);
}

function offsetMinutes(text: string): number {
  const digits = text.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

function checkedUtc(...[y, mo, d, h, mi, s, ms]: number[]): number | undefined {
  if (mo! < 0 || mo! > 11 || d! < 1 || d! > daysInMonth(y!, mo!) || h! > 23 || mi! > 59 || s! > 59)
    return undefined;
  return Date.UTC(y!, mo!, d!, h!, mi!, s!, ms!);
}

/** `get_delta_mapping_for`: which fields a relative date moves or pins. */
function deltaFor(kind: string, number: number | undefined, position: string | undefined): Delta {
  const start = position === 'Start';
  const end = position === 'End';
  const n = number;
  switch (kind) {
    case 'h':
      return {
        hours: n,
        ...(start ? { minute: 0, second: 0, ms: 0 } : end ? { minute: 59, second: 59, ms: 999 } : {}),
      };
    case 'd':
      return {
        days: n,
        ...(start
          ? { hour: 0, minute: 0, second: 0, ms: 0 }
          : end
            ? { hour: 23, minute: 59, second: 59, ms: 999 }
            : {}),
      };
    case 'w':
      return { days: n === undefined ? undefined : 7 * n };
    case 'm':
      return { months: n, ...(start ? { day: 1 } : end ? { day: 31 } : {}) };
    case 'M':
      return { minutes: n };
    case 's':
      return { seconds: n };
    case 'q':
      return { days: n === undefined ? undefined : 91 * n };
    default:
      return { years: n, ...(start ? { month: 0, day: 1 } : end ? { day: 31 } : {}) };
  }
}

/** `now - relativedelta(**delta)`: pinned fields first, then the relative move on the wall clock. */
function subtractDelta(now: number, delta: Delta): number {
  const parts = wallParts(now);
  const time = new Date(now);
  const target = new Date(
    Date.UTC(parts.year - (delta.years ?? 0), (delta.month ?? parts.month) - (delta.months ?? 0), 1),
  );
  const year = target.getUTCFullYear();
  const month = target.getUTCMonth();
  const day = Math.min(daysInMonth(year, month), delta.day ?? parts.day);
  const pinned = Date.UTC(
    year,
    month,
    day,
    delta.hour ?? time.getUTCHours(),
    delta.minute ?? time.getUTCMinutes(),
    delta.second ?? time.getUTCSeconds(),
    delta.ms ?? time.getUTCMilliseconds(),
  );
  return (
    pinned -
    (delta.days ?? 0) * DAY_MS -
    (delta.hours ?? 0) * HOUR_MS -
    (delta.minutes ?? 0) * 60_000 -
    (delta.seconds ?? 0) * 1000
  );
}

const END_OF_DAY = DAY_MS - 1;
/** More points than any chart can show; it also bounds the work a stored query can ask for. */
const MAX_BUCKETS = 10_000;

/** QueryDateRange: the resolved range of a trends, lifecycle or stickiness query. */
export class QueryDateRange {
  constructor(
    protected readonly input: DateRangeInput | undefined,
    readonly interval: Interval,
    protected readonly ctx: DateContext,
    /**
     * Use the dates as given, without rounding to whole days: lifecycle and stickiness do so for
     * `explicitDate`, a trends BoldNumber always (its `date_to` is then now).
     */
    protected readonly exactTimerange = false,
  ) {
    for (const key of ['date_from', 'date_to'] as const) {
      const value = input?.[key];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new LocalQueryError(
          `dateRange.${key}`,
          `dateRange.${key}: must be a date string`,
          'invalid_input',
        );
      }
    }
  }

  get zone(): Zone {
    return this.ctx.zone;
  }

  dateFrom(): number {
    const from = this.input?.date_from;
    if (from === 'all') {
      if (this.ctx.earliest === undefined) throw new Error('the earliest event was not looked up');
      return this.ctx.earliest;
    }
    if (typeof from === 'string' && from !== '') {
      const parsed = parseDate(from, this.ctx, 'dateRange.date_from');
      if (!parsed.delta || this.exactTimerange) return parsed.wall;
      return startOfInterval(parsed.wall, parsed.delta.hours !== undefined ? 'hour' : 'day');
    }
    return startOfInterval(this.ctx.now, 'day') - 7 * DAY_MS;
  }

  dateTo(): number {
    const to = this.input?.date_to;
    let wall = this.ctx.now;
    let relative = true;
    if (typeof to === 'string' && to !== '') {
      const parsed = parseDate(to, this.ctx, 'dateRange.date_to');
      wall = parsed.wall;
      relative = parsed.delta !== null;
    } else if (this.exactTimerange) {
      return wall;
    }
    if (this.input?.explicitDate) return wall;
    if (this.interval !== 'hour') return startOfInterval(wall, 'day') + END_OF_DAY;
    return relative ? startOfInterval(wall, 'hour') + HOUR_MS - 1 : wall;
  }

  /** The delta of `date_from` (`-7d` when there is none), which the previous period needs. */
  fromDelta(): Delta | null {
    const from = this.input?.date_from;
    if (from === 'all') return null;
    return parseDate(typeof from === 'string' && from !== '' ? from : '-7d', this.ctx, 'dateRange.date_from')
      .delta;
  }

  toDelta(): Delta | null {
    const to = this.input?.date_to;
    return typeof to === 'string' && to !== '' ? parseDate(to, this.ctx, 'dateRange.date_to').delta : null;
  }

  /** Whether events are taken from the start of `date_from`'s interval rather than from `date_from`. */
  useStartOfInterval(): boolean {
    if (this.exactTimerange) return false;
    const from = this.input?.date_from;
    if (typeof from !== 'string' || from === '' || from === 'all') return true;
    if (this.input?.explicitDate) return false;
    const delta = parseDate(from, this.ctx, 'dateRange.date_from').delta;
    if (!delta) return true;
    if (this.interval === 'hour') return false;
    return !(this.interval === 'day' && delta.hours !== undefined);
  }

  /** The first moment (wall) an event may have: `date_from_with_adjusted_start_of_interval`. */
  eventsFrom(): number {
    if (!this.useStartOfInterval()) return this.dateFrom();
    // Weeks take events from date_from itself, not from the Sunday before it.
    return startOfInterval(this.dateFrom(), this.interval === 'week' ? 'day' : this.interval);
  }

  /** Interval starts from date_from's interval to date_to: the chart's x axis. */
  buckets(): number[] {
    try {
      return intervalStarts(this.dateFrom(), this.dateTo(), this.interval, MAX_BUCKETS);
    } catch {
      throw new LocalQueryError(
        'interval',
        `the range has more than ${MAX_BUCKETS} ${this.interval}s: use a longer interval`,
        'invalid_input',
      );
    }
  }
}

/** QueryPreviousPeriodDateRange: the period before, for `compareFilter.compare`. */
export class PreviousPeriodDateRange extends QueryDateRange {
  private bounds(): { from: number; to: number } {
    const from = super.dateFrom();
    const to = super.dateTo();
    const unit = FULL_CALENDAR_UNITS[this.input?.date_from ?? ''];
    if (unit && !this.input?.date_to) return { from: unit(from), to: from - 1 };
    // "All time", and exact ranges (a BoldNumber's), compare with the same length just before.
    if (this.input?.date_from === 'all' || this.exactTimerange)
      return { from: from - 1 - (to - from), to: from - 1 };
    const diff = to - from;
    let previousFrom = keepTimeOfDay(from - diff, from);
    if (this.interval === 'hour') {
      return { from: previousFrom, to: keepTime(previousFrom + diff, to, HOUR_MS) };
    }
    const fromDelta = this.fromDelta();
    // PostHog's "-7d is really 8 days" kludge, so weeks line up with the week before.
    if (this.interval === 'day' && fromDelta?.days && fromDelta.days % 7 === 0 && !this.toDelta()) {
      previousFrom += DAY_MS;
    }
    return { from: previousFrom, to: keepTime(previousFrom + diff, to, DAY_MS) };
  }

  override dateFrom(): number {
    return this.bounds().from;
  }

  override dateTo(): number {
    return this.bounds().to;
  }
}

const FULL_CALENDAR_UNITS: Record<string, (from: number) => number> = {
  wStart: (from) => from - 7 * DAY_MS,
  mStart: (from) => addMonths(from, -1),
  qStart: (from) => addMonths(from, -3),
  yStart: (from) => addMonths(from, -12),
};

function keepTimeOfDay(wall: number, timeFrom: number): number {
  return keepTime(wall, timeFrom, DAY_MS);
}

/** Replaces the part of `wall` below `unit` with `timeFrom`'s (datetime.replace(hour=..., ...)). */
function keepTime(wall: number, timeFrom: number, unit: number): number {
  const below = (w: number) => ((w % unit) + unit) % unit;
  return wall - below(wall) + below(timeFrom);
}
