/**
 * Trends results in PostHog's shapes with made-up numbers, shared by the component tests, the stories
 * and the CDN e2e. Pure data: no DOM and no chart.js, so Node can import it too.
 */
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

/** `count` daily dates from 2024-01-01. */
export function dailyDays(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
  );
}

/** A synthetic one-series result. */
export function seriesResult(
  data: Array<number | null>,
  days: string[],
  extra: Partial<RunResponse<TrendsSeries[]>> = {},
): RunResponse<TrendsSeries[]> {
  const series: TrendsSeries = {
    label: 'signed_up',
    data,
    days,
    labels: days,
    action: { name: 'signed_up' },
  };
  return {
    name: 'test',
    kind: 'TrendsQuery',
    results: [series],
    meta: { cache: 'hit', age_s: 1, upstream_ms: 0 },
    ...extra,
  };
}

/** A result of several series over the same days, one per breakdown value. */
export function breakdownResult(
  values: Array<string | null>,
  data: (position: number) => Array<number | null>,
  days = dailyDays(3),
  extra: Partial<RunResponse<TrendsSeries[]>> = {},
): RunResponse<TrendsSeries[]> {
  return {
    ...seriesResult([], [], extra),
    results: values.map((value, i) => ({
      label: `$pageview - ${value}`,
      data: data(i),
      days,
      labels: days,
      breakdown_value: value,
      action: { name: '$pageview', order: 0 },
    })),
  };
}
