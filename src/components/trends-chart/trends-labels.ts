/**
 * x-axis labels for trends-shaped results: dates (hour, day, week or month, guessed from `days`,
 * never from a stored interval) or stickiness counts ("1 day", "2 weeks"). Labels are made on
 * first use and kept, so a 100,000-point series formats only the ticks, tooltips and rows shown.
 */
import { formatDay, formatDayRange, guessInterval } from '../../format/index.js';
import { numberFormat } from '../../format/formatter-cache.js';
import { fill } from '../../internal/strings.js';
import type { DayFormatOptions, Interval } from '../../format/index.js';
import type { PhStrings } from '../../internal/strings.js';

export interface AxisLabels {
  /** The date bucket size; undefined for stickiness. */
  readonly interval: Interval | undefined;
  /** Short label: axis ticks, point clicks. */
  axis(index: number): string;
  /** Long label: tooltips and tables. */
  full(index: number): string;
  /** The span, for captions: "Mar 4 – 11, 2022", "1 day – 8 days". */
  readonly range: string;
}

function memo(make: (index: number) => string): (index: number) => string {
  const cache = new Map<number, string>();
  return (index) => {
    let label = cache.get(index);
    if (label === undefined) cache.set(index, (label = make(index)));
    return label;
  };
}

/** Enough points to tell the spacing, without parsing every day of a huge series. */
const INTERVAL_SAMPLE = 64;

export function dateLabels(days: readonly string[], options: DayFormatOptions): AxisLabels {
  const interval = guessInterval(days.slice(0, INTERVAL_SAMPLE));
  const first = days[0];
  const last = days[days.length - 1];
  // Years only when the range crosses one (days are in order).
  const withYear = interval !== 'month' && String(first).slice(0, 4) !== String(last).slice(0, 4);
  const day = (index: number) => String(days[index] ?? '');
  return {
    interval,
    axis: memo((i) => formatDay(day(i), interval, { ...options, style: 'axis', withYear })),
    full: memo((i) => formatDay(day(i), interval, { ...options, style: 'full' })),
    range:
      first !== undefined && last !== undefined
        ? formatDayRange(String(first), String(last), interval, options)
        : '',
  };
}

const UNIT = /\b(minute|hour|day|week|month)s?\b/i;

/**
 * Stickiness: `days` are 1..N and PostHog's `labels` ("1 day", "2 weeks or more") name the
 * interval; the numbers are formatted again with `Intl` units in the view's locale.
 */
export function stickinessLabels(
  days: ReadonlyArray<string | number>,
  labels: readonly string[],
  locale: string | undefined,
  text: Pick<PhStrings, 'orMore'>,
): AxisLabels {
  const sample = labels[0] ?? '';
  const unit = UNIT.exec(sample)?.[1]?.toLowerCase();
  const orMore = /or more/i.test(sample);
  const label = memo((i) => {
    const count = Number(days[i] ?? i + 1);
    if (!unit || !Number.isFinite(count)) return labels[i] ?? String(days[i] ?? i + 1);
    const value = numberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
    return orMore ? fill(text.orMore, { value }) : value;
  });
  return {
    interval: undefined,
    axis: label,
    full: label,
    range: days.length > 0 ? `${label(0)} \u2013 ${label(days.length - 1)}` : '',
  };
}

/** A WorldMap breakdown value (ISO country code) as the country's name in `locale`, if it is one. */
export function countryName(code: unknown, locale: string | undefined): string | undefined {
  if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code)) return undefined;
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }).of(code);
  } catch {
    return undefined;
  }
}
