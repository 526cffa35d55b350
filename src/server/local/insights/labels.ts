/**
 * The `days` and `labels` strings of a series, as PostHog formats them
 * (posthog/hogql_queries/utils/timestamp_utils.py `format_label_date`).
 */
import type { QueryDateRange } from './dates.js';
import { DAY_MS, isoDate, isoDateTime, startOfInterval, wallParts } from './time-zone.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `days[]`: `2024-03-09`, or `2024-03-09 14:00:00` for hourly series. */
export function formatDay(wall: number, range: QueryDateRange): string {
  return range.interval === 'hour' ? isoDateTime(wall) : isoDate(wall);
}

/** `labels[]`: `9-Mar-2024`, `9-Mar 14:00`, `Mar 2024`, or a week such as `3–9 Mar`. */
export function formatLabel(wall: number, range: QueryDateRange): string {
  const { year, month, day } = wallParts(wall);
  switch (range.interval) {
    case 'hour': {
      const hh = String(new Date(wall).getUTCHours()).padStart(2, '0');
      return `${day}-${MONTHS[month]} ${hh}:00`;
    }
    case 'month':
      return `${MONTHS[month]} ${year}`;
    case 'week':
      return weekLabel(wall, range);
    default:
      return dayLabel(wall);
  }
}

function dayLabel(wall: number): string {
  const { year, month, day } = wallParts(wall);
  return `${day}-${MONTHS[month]}-${year}`;
}

/** A week's span, clipped to the query's range so the first and last weeks show partial spans. */
function weekLabel(wall: number, range: QueryDateRange): string {
  const weekStart = startOfInterval(wall, 'week');
  const first = startOfInterval(range.dateFrom(), 'day');
  const last = startOfInterval(range.dateTo(), 'day');
  const start = Math.max(weekStart, first);
  const end = Math.max(Math.min(weekStart + 6 * DAY_MS, last), start);
  if (start === end) return dayLabel(start);
  const s = wallParts(start);
  const e = wallParts(end);
  if (s.year !== e.year) return `${dayLabel(start)} – ${dayLabel(end)}`;
  if (s.month !== e.month) return `${s.day}-${MONTHS[s.month]} – ${e.day}-${MONTHS[e.month]}`;
  return `${s.day}–${e.day} ${MONTHS[e.month]}`;
}
