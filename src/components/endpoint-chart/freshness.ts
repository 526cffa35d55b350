import { dateTimeFormat } from '../../format/formatter-cache.js';
import { fill } from '../../internal/strings.js';
import type { RunResponse } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';

export interface FreshnessOptions {
  locale: string | undefined;
  timeZone: string | undefined;
  strings: PhStrings;
  /** When the browser received the answer (ms since the epoch). */
  receivedAt: number;
  now?: number;
}

function calendarDay(time: number, timeZone: string | undefined): string {
  return dateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    time,
  );
}

/** True when the answer came out of a cache: PostHog's (`is_cached`) or the proxy's (`meta.cache`). */
export function isCachedAnswer(result: RunResponse): boolean {
  const cache = result.meta?.cache;
  return result.is_cached === true || cache === 'hit' || cache === 'stale';
}

/**
 * "as of 14:05 · cached": when the numbers were computed (`last_refresh`; without one, when the
 * answer arrived less its cache age), with the date too when that was not today, in the
 * element's locale and time zone.
 */
export function freshnessText(result: RunResponse, options: FreshnessOptions): string {
  const { locale, timeZone, strings, receivedAt, now = Date.now() } = options;
  const refreshed = result.last_refresh ? Date.parse(result.last_refresh) : Number.NaN;
  const ageMs = (Number(result.meta?.age_s) || 0) * 1000;
  const at = Number.isFinite(refreshed) ? refreshed : receivedAt - ageMs;
  const today = calendarDay(at, timeZone) === calendarDay(now, timeZone);
  const style: Intl.DateTimeFormatOptions = today
    ? { timeStyle: 'short', timeZone }
    : { dateStyle: 'medium', timeStyle: 'short', timeZone };
  const line = fill(strings.asOf, { time: dateTimeFormat(locale, style).format(at) });
  return isCachedAnswer(result) ? `${line} · ${strings.cached}` : line;
}
