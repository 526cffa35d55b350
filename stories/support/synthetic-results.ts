/**
 * Run responses in shapes no sample endpoint has, built the way PostHog's runners answer: trends with
 * compare, a country breakdown for WorldMap, and a funnel's time to convert. The numbers are made up.
 */
import { TIME_TO_CONVERT } from '../../test/helpers/synthetic-funnel.js';
import { sample } from './results.js';
import type { FunnelTimeToConvert, RunResponse, TrendsSeries } from '../../src/data/types.js';

/** `days` moved back by `by` days (ISO dates), as the previous period of a compare. */
function shiftDays(days: readonly string[], by: number): string[] {
  return days.map((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - by);
    return date.toISOString().slice(0, 10);
  });
}

/** Daily active users against the period before: the current series first, as PostHog lists them. */
export function comparedTrends(): RunResponse<TrendsSeries[]> {
  const answer = sample<TrendsSeries[]>('daily_active_users');
  const [current] = answer.results;
  if (!current) return answer;
  const previousDays = shiftDays(current.days, current.days.length);
  const previousData = current.data.map((value, i) =>
    value === null ? null : Math.round(value * (0.7 + (i % 3) * 0.1)),
  );
  return {
    ...answer,
    results: [
      { ...current, compare: true, compare_label: 'current' },
      {
        ...current,
        compare: true,
        compare_label: 'previous',
        data: previousData,
        days: previousDays,
        labels: previousDays,
        count: previousData.reduce<number>((sum, n) => sum + (n ?? 0), 0),
      },
    ],
  };
}

const COUNTRY_PAGEVIEWS: Record<string, number> = { US: 4210, DE: 1830, JP: 1240, BR: 960, IN: 880, FR: 610 };

/** Pageviews broken down by `$geoip_country_code`: one total per country, as a WorldMap saves them. */
export function pageviewsByCountry(): RunResponse<TrendsSeries[]> {
  const answer = sample<TrendsSeries[]>('daily_active_users');
  const days = answer.results[0]?.days ?? [];
  return {
    ...answer,
    name: 'pageviews_by_country',
    display: 'WorldMap',
    results: Object.entries(COUNTRY_PAGEVIEWS).map(([code, total]) => ({
      label: `$pageview - ${code}`,
      breakdown_value: code,
      data: [],
      days,
      labels: days,
      count: total,
      aggregated_value: total,
      action: { name: '$pageview', order: 0 },
    })),
  };
}

/** Four-hour bins of the time from first to last step, with the upper edge last. */
export function timeToConvert(): RunResponse<FunnelTimeToConvert> {
  const answer = sample('activation_funnel');
  return {
    ...answer,
    display: 'time_to_convert',
    results: TIME_TO_CONVERT,
  };
}
