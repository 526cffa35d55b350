/**
 * How long an answer is fresh, and what may be done with it afterwards. Fresh for the endpoint's
 * `data_freshness_seconds` (PostHog's own promise about how current its data is) or PH_EMBED_CACHE_TTL_S.
 * Then, for one more TTL, it is served at once while a single refresh runs behind it
 * (stale-while-revalidate). Then, for STALE_IF_ERROR_MS more, it is only served when the upstream fails
 * (stale-if-error), so an outage degrades to old numbers marked `meta.cache: 'stale'`, not to errors.
 */
import { num } from '../shape/values.js';
import type { CachedAnswer } from './types.js';

export const STALE_IF_ERROR_MS = 24 * 60 * 60 * 1000;
/** PostHog allows up to a week; longer would be a typo, and is capped. */
const MAX_TTL_S = 7 * 24 * 60 * 60;

export type AnswerState = 'fresh' | 'revalidate' | 'stale-if-error' | 'expired';

/** The TTL of an endpoint's answers: its `data_freshness_seconds` when it has a positive one. */
export function ttlMsFor(definition: { data_freshness_seconds?: unknown }, defaultTtlS: number): number {
  const declared = num(definition.data_freshness_seconds);
  const seconds = declared !== undefined && declared > 0 ? Math.min(declared, MAX_TTL_S) : defaultTtlS;
  return Math.round(seconds * 1000);
}

export function stateOf(answer: CachedAnswer, now: number): AnswerState {
  const age = now - answer.storedAt;
  if (age < answer.ttlMs) return 'fresh';
  if (age < 2 * answer.ttlMs) return 'revalidate';
  if (age < 2 * answer.ttlMs + STALE_IF_ERROR_MS) return 'stale-if-error';
  return 'expired';
}

/** How long a store keeps an entry: as long as any state but `expired` can use it. */
export function retentionMs(ttlMs: number): number {
  return 2 * ttlMs + STALE_IF_ERROR_MS;
}
