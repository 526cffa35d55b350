import { durationFormat, numberFormat } from './formatter-cache.js';
import { isFiniteNumber, MISSING } from './missing.js';

type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';

const UNITS: ReadonlyArray<[DurationUnit, Intl.NumberFormatOptions['unit'], number]> = [
  ['days', 'day', 86_400],
  ['hours', 'hour', 3_600],
  ['minutes', 'minute', 60],
  ['seconds', 'second', 1],
];

function unitFormat(locale: string | undefined, unit: Intl.NumberFormatOptions['unit']): Intl.NumberFormat {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' });
}

export interface DurationOptions {
  locale?: string | undefined;
  /** How many units to show, largest first: 2 gives "1h 5m", 3 gives "1h 5m 7s". */
  units?: number;
}

/**
 * Seconds as a short duration ("1h 5m", "45s", "250ms"), in the locale's own words through
 * `Intl.DurationFormat`, or unit-formatted numbers where the browser lacks it. Conversion times
 * from funnels and duration axes both come through here.
 */
export function formatDuration(seconds: number | null | undefined, options: DurationOptions = {}): string {
  if (!isFiniteNumber(seconds)) return MISSING;
  const { locale } = options;
  const sign = seconds < 0 ? '-' : '';
  const magnitude = Math.abs(seconds);
  if (magnitude > 0 && magnitude < 1) {
    const ms = Math.round(magnitude * 1000);
    const formatter = durationFormat(locale);
    const text = formatter
      ? formatter.format({ milliseconds: ms })
      : unitFormat(locale, 'millisecond').format(ms);
    return sign + text;
  }
  return sign + formatWholeSeconds(Math.round(magnitude), locale, Math.max(1, options.units ?? 2));
}

function formatWholeSeconds(total: number, locale: string | undefined, maxUnits: number): string {
  const parts: Array<[DurationUnit, Intl.NumberFormatOptions['unit'], number]> = [];
  let rest = total;
  for (const [field, unit, size] of UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    // Start at the largest non-zero unit and stop after `maxUnits` of them: "1d 1h", not "1d 1h 0m 1s".
    if (parts.length === 0 && amount === 0) continue;
    if (parts.length < maxUnits) parts.push([field, unit, amount]);
  }
  const shown = parts.filter(([, , amount]) => amount > 0);
  // Intl.DurationFormat drops zero units, so it would print nothing at all for 0.
  if (shown.length === 0) return unitFormat(locale, 'second').format(0);
  const formatter = durationFormat(locale);
  if (formatter) return formatter.format(Object.fromEntries(shown.map(([field, , n]) => [field, n])));
  return shown.map(([, unit, n]) => unitFormat(locale, unit).format(n)).join(' ');
}
