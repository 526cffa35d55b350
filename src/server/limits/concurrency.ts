/**
 * The upstream concurrency cap: at most `max` calls in flight, at most `maxQueue` waiting in line, and
 * a retryable 503 for everything past that. PostHog allows 10 concurrent runs on materialized endpoints;
 * queueing here instead of there keeps the proxy's own key out of PostHog's 429s. The cap is per
 * process: with several replicas, divide PostHog's allowance between them.
 */
import { ApiError } from '../errors/api-error.js';

export interface ConcurrencyLimiterOptions {
  max: number;
  maxQueue: number;
  /** Called when a call is refused because the queue is full. */
  onReject?: () => void;
}

/** Starts a queued call. */
type Waiter = () => void;

export class ConcurrencyLimiter {
  readonly #max: number;
  readonly #maxQueue: number;
  readonly #onReject: (() => void) | undefined;
  readonly #queue: Waiter[] = [];
  #active = 0;

  constructor(options: ConcurrencyLimiterOptions) {
    this.#max = Math.max(1, options.max);
    this.#maxQueue = Math.max(0, options.maxQueue);
    this.#onReject = options.onReject;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** Runs `fn` once a slot is free. `signal` gives up the place in line (its reason is thrown). */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.#max) {
      this.#active++;
      return Promise.resolve();
    }
    if (this.#queue.length >= this.#maxQueue) {
      this.#onReject?.();
      return Promise.reject(
        new ApiError(
          503,
          'upstream_unavailable',
          'The proxy is busy with other requests; try again shortly',
          {
            retryable: true,
            retryAfterS: 1,
          },
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #release(): void {
    const next = this.#queue.shift();
    // The slot passes straight to the next in line, so a newcomer cannot overtake the queue.
    if (next) next();
    else this.#active--;
  }
}
