/**
 * Run responses for the stories: the sample endpoints as the proxy answers them (through the same
 * `fixtureResponse` the component tests use), plus the few shapes no sample has.
 */
import { fixtureResponse } from '../../test/helpers/fake-client.js';
import type { RunResponse, SqlCell, TrendsSeries } from '../../src/data/types.js';

/** The proxy's answer for a sample endpoint; a typo in a story name fails loudly, not as "No data". */
export function sample<R = unknown>(name: string): RunResponse<R> {
  const answer = fixtureResponse(name);
  if (!answer) throw new Error(`No fixture named ${name} in test/fixtures/endpoints.`);
  return answer as RunResponse<R>;
}

/** A sample's answer with no rows: what every view shows as its empty state. */
export function emptied<R = unknown>(name: string): RunResponse<R> {
  return { ...sample(name), results: [] as R };
}

/** BoldNumber with compare on and a previous value, so the change reads as a percentage. */
export function comparedNumber(): RunResponse<TrendsSeries[]> {
  const answer = sample<TrendsSeries[]>('signups_this_week');
  const [current, previous] = answer.results;
  if (!current || !previous) return answer;
  return {
    ...answer,
    results: [
      { ...current, compare: true, compare_label: 'current' },
      { ...previous, compare: true, compare_label: 'previous', aggregated_value: 80 },
    ],
  };
}

/** The first `limit` rows of the SQL sample, marked as one page of more. */
export function firstSqlPage(limit: number): RunResponse<SqlCell[][]> {
  const answer = sample<SqlCell[][]>('top_events');
  return { ...answer, results: answer.results.slice(0, limit), hasMore: true, limit, offset: 0 };
}

const STATUS_COUNTS: Record<'new' | 'returning' | 'resurrecting' | 'dormant', readonly number[]> = {
  new: [5, 8, 3, 12, 9, 14, 11, 7],
  returning: [20, 22, 25, 24, 27, 26, 30, 29],
  resurrecting: [3, 0, 4, 2, 5, 3, 6, 4],
  dormant: [-6, -9, -2, -7, -8, -5, -10, -6],
};

/**
 * A LifecycleQuery answer shaped like PostHog's lifecycle runner, one series per status. No sample
 * endpoint is a lifecycle, so the numbers are made up, as in the component tests.
 */
export function lifecycleAnswer(): RunResponse<TrendsSeries[]> {
  const days = Array.from({ length: 8 }, (_, i) => `2024-03-${String(i + 4).padStart(2, '0')}`);
  const statuses = Object.keys(STATUS_COUNTS) as Array<keyof typeof STATUS_COUNTS>;
  return {
    name: 'pageview_lifecycle',
    kind: 'LifecycleQuery',
    results: statuses.map((status) => ({
      label: `$pageview - ${status}`,
      status,
      data: [...STATUS_COUNTS[status]],
      days,
      labels: days,
      count: STATUS_COUNTS[status].reduce((sum, n) => sum + n, 0),
      action: { name: '$pageview', order: 0 },
    })),
    timezone: 'UTC',
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
  };
}
