/**
 * Retries for the two answers that mean "not now" rather than "no": PostHog's 429 (throttled) and 503
 * (`query_capacity`, or a busy load balancer). `Retry-After` is honoured when given; otherwise the delay
 * grows exponentially with jitter, so replicas that were refused together do not come back together.
 * A retry is only made when it can start before the call's deadline with time left to answer: waiting
 * longer than the browser would is worse than answering now with the error.
 */
import { UpstreamError } from '../upstreams/errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Delay ceiling of the first retry; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry must leave at least this long before the deadline, or it is not made. */
  minAttemptMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2000,
  minAttemptMs: 50,
};

export interface RetryContext {
  /** When the call must be over, on `now`'s clock. */
  deadline: number;
  now: () => number;
  /** Uniform in [0, 1): Math.random, or a fixed sequence in tests. */
  random: () => number;
  signal?: AbortSignal;
  onRetry?: (error: UpstreamError, delayMs: number, attempt: number) => void;
}

/** Calls `attempt` until it succeeds, fails for good, or no retry fits before the deadline. */
export async function withRetries<T>(
  attempt: (index: number) => Promise<T>,
  context: RetryContext,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<T> {
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      if (!isRetryable(error) || index + 1 >= policy.maxAttempts) throw error;
      const delay = retryDelayMs(error, index, policy, context.random);
      if (context.now() + delay + policy.minAttemptMs > context.deadline) throw error;
      context.onRetry?.(error, delay, index + 1);
      await sleep(delay, context.signal);
    }
  }
}

export function isRetryable(error: unknown): error is UpstreamError {
  return (
    error instanceof UpstreamError && (error.status === 429 || error.status === 503 || error.status === 202)
  );
}

/**
 * `Retry-After` plus up to 10% (at most 250 ms) of jitter; without it, "equal jitter": half of the
 * exponential step fixed and half random, so there is always some backoff.
 */
export function retryDelayMs(error: UpstreamError, index: number, policy: RetryPolicy, random: () => number) {
  if (error.retryAfterS !== undefined) {
    const base = error.retryAfterS * 1000;
    return Math.round(base + random() * Math.min(250, base * 0.1 + 50));
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** index);
  return Math.round(step / 2 + (random() * step) / 2);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
