/**
 * Retention's date range (query_date_range.py `QueryDateRangeWithIntervals`): it ends at the start of
 * the interval after `date_to` so the last cohort is whole, and starts `totalIntervals` intervals
 * earlier unless `date_from` says otherwise.
 */
import { QueryDateRange, type DateContext, type DateRangeInput } from './dates.js';
import { addIntervals, startOfInterval, type Interval } from './time-zone.js';

export interface RetentionRange {
  /** First cohort's start (wall). */
  from: number;
  /** End of the last cohort, exclusive (wall). */
  to: number;
  /** Number of cohorts. */
  intervals: number;
  /** Each cohort's start (wall). */
  dates: number[];
}

export function retentionRange(
  input: DateRangeInput,
  interval: Interval,
  lookahead: number,
  ctx: DateContext,
): RetentionRange {
  const base = new QueryDateRange(input, interval, ctx);
  const to = startOfInterval(addIntervals(base.dateTo(), interval, 1), interval);
  const from = input.date_from
    ? startOfInterval(base.dateFrom(), interval)
    : startOfInterval(addIntervals(to, interval, -lookahead), interval);
  const dates: number[] = [];
  for (let date = from; date < to; date = addIntervals(from, interval, dates.length)) dates.push(date);
  return { from, to, intervals: dates.length, dates };
}
