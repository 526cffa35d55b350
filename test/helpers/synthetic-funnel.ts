/**
 * Funnel results in PostHog's shapes with made-up numbers, shared by the component tests, the stories
 * and the CDN e2e. Pure data: no DOM and no chart.js, so Node can import it too.
 */
import type { FunnelStep, FunnelTimeToConvert, RunResponse } from '../../src/data/types.js';

export function funnelResult(results: unknown, extra: Partial<RunResponse> = {}): RunResponse {
  return {
    name: 'test',
    kind: 'FunnelsQuery',
    display: 'steps',
    results,
    meta: { cache: 'hit', age_s: 0, upstream_ms: 1 },
    ...extra,
  };
}

/** One step per count (null for a step missing its count), named `step 1`, `step 2`, … unless `names` gives one. */
export function steps(counts: Array<number | null>, names?: string[]): FunnelStep[] {
  return counts.map((count, order) => ({
    name: names?.[order] ?? `step ${order + 1}`,
    custom_name: null,
    order,
    count: count as number,
    average_conversion_time: order === 0 ? null : 60 * order,
    median_conversion_time: order === 0 ? null : 30 * order,
  }));
}

/** Six 4-hour bins and the upper edge, 120 conversions in all. */
export const TIME_TO_CONVERT: FunnelTimeToConvert = {
  average_conversion_time: 9000,
  bins: [
    [0, 60],
    [14400, 30],
    [28800, 15],
    [43200, 0],
    [57600, 10],
    [72000, 5],
    [86400, 0],
  ],
};
