/**
 * What the answer cache holds and the two stores that hold it (memory, Redis). An entry is the SHAPED
 * 200 body, already allowlisted and serialised, never PostHog's raw answer: it is smaller, it holds
 * nothing a browser may not see, a cache hit is a string copy rather than a reshape, and an answer that
 * fails to shape is never stored.
 */

export interface CachedAnswer {
  /** The browser's 200 body as JSON text, without `meta` (added per response). */
  body: string;
  /** Weak ETag of `body`. */
  etag: string;
  /** When it was fetched, in epoch ms on the pipeline's clock. */
  storedAt: number;
  /** How long it is fresh from `storedAt`. */
  ttlMs: number;
  /** PostHog's `last_refresh` in epoch ms, when it sent one: the age of the data itself. */
  dataAt?: number;
}

export interface AnswerStore {
  readonly kind: 'memory' | 'redis' | 'off';
  /** The entry under `key`, or undefined; a store failure reads as a miss. */
  get(key: string): Promise<CachedAnswer | undefined>;
  /** `get` decided at once, for a store in this process; a shared store has none. */
  peek?(key: string): CachedAnswer | undefined;
  /** Keeps `answer` for `retainMs` (freshness is decided by the pipeline, not by the store). */
  set(key: string, answer: CachedAnswer, retainMs: number): Promise<void>;
  /** Bytes held, for the metrics; undefined when the store cannot tell cheaply. */
  bytes(): number | undefined;
}
