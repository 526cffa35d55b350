/**
 * Run responses for the stories: the sample endpoints as the proxy answers them (through the same
 * `fixtureResponse` the component tests use), plus the few shapes no sample has.
 */
import { fixtureResponse } from '../../test/helpers/fake-client.js';
import { lifecycleResult, type LifecycleCounts } from '../../test/helpers/synthetic-lifecycle.js';
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

/** Eight days per status, twice the component tests' four; dormant is negative, as PostHog sends it. */
const STATUS_COUNTS: LifecycleCounts = {
  new: [5, 8, 3, 12, 9, 14, 11, 7],
  returning: [20, 22, 25, 24, 27, 26, 30, 29],
  resurrecting: [3, 0, 4, 2, 5, 3, 6, 4],
  dormant: [-6, -9, -2, -7, -8, -5, -10, -6],
};

/** A lifecycle answer (no sample endpoint is one), built as the component tests build theirs. */
export function lifecycleAnswer(): RunResponse<TrendsSeries[]> {
  const days = Array.from({ length: 8 }, (_, i) => `2024-03-${String(i + 4).padStart(2, '0')}`);
  return {
    ...lifecycleResult(undefined, { counts: STATUS_COUNTS, days }),
    name: 'pageview_lifecycle',
    timezone: 'UTC',
  };
}
