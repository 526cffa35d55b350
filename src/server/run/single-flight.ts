/**
 * Single-flight: identical requests that arrive while an answer is being fetched wait for that fetch
 * instead of starting their own. Within a process this is a map of promises. With a FlightLock (Redis)
 * it spans replicas too: one replica holds the lock and fetches, the others wait for it to finish and
 * then read what it stored. A waiter whose browser leaves stops waiting; the fetch goes on, because
 * others may be waiting too and its answer fills the cache for the retry.
 */

export interface FlightLock {
  /** A token when this process now holds the lock; undefined when someone else does. */
  acquire(key: string, ttlMs: number): Promise<string | undefined>;
  release(key: string, token: string): Promise<void>;
  /** Resolves when the holder releases the lock or it lapses, or after `maxMs` at the latest. */
  waitForRelease(key: string, maxMs: number): Promise<void>;
}

/**
 * An abort signal, or a function that gives one: on @hono/node-server merely reading a request's
 * `signal` creates an AbortController, which a cache hit has no use for.
 */
export type LazySignal = AbortSignal | (() => AbortSignal);

export function resolveSignal(signal: LazySignal | undefined): AbortSignal | undefined {
  return typeof signal === 'function' ? signal() : signal;
}

export interface FlightOptions<T> {
  /** The caller's abort signal: aborting stops this caller's wait, not the shared work. */
  signal?: LazySignal;
  /**
   * What another replica's flight left behind (a fresh cache entry), checked after waiting for it and
   * again after taking the lock, so a fetch that finished in between is not repeated.
   */
  recheck?: () => Promise<T | undefined>;
  /** The longest a fetch can take: the lock lapses after it, so a crashed holder cannot block a key. */
  lockTtlMs: number;
}

export interface FlightResult<T> {
  value: T;
  /** How this caller got it: its own fetch, a fetch in this process, or another replica's. */
  source: 'fetched' | 'joined' | 'replica';
}

export interface SingleFlightOptions {
  lock?: FlightLock;
  /** Told when the lock is unusable and the fetch goes ahead without it. */
  onLockError?: (error: unknown) => void;
}

export class SingleFlight<T> {
  readonly #flights = new Map<string, Promise<FlightResult<T>>>();
  readonly #lock: FlightLock | undefined;
  readonly #onLockError: (error: unknown) => void;
  #waiting = 0;

  constructor(options: SingleFlightOptions = {}) {
    this.#lock = options.lock;
    this.#onLockError = options.onLockError ?? (() => undefined);
  }

  /** Flights in progress in this process. */
  get size(): number {
    return this.#flights.size;
  }

  /** Callers waiting on a flight, leaders included (lets tests release a fetch once all have joined). */
  get waiting(): number {
    return this.#waiting;
  }

  run(key: string, produce: () => Promise<T>, options: FlightOptions<T>): Promise<FlightResult<T>> {
    const existing = this.#flights.get(key);
    let result: Promise<FlightResult<T>>;
    const signal = resolveSignal(options.signal);
    if (existing) {
      // Joiners of a flight that found another replica's answer got that answer too.
      result = abortable(
        existing.then(({ value, source }) => ({
          value,
          source: source === 'replica' ? source : ('joined' as const),
        })),
        signal,
      );
    } else {
      const flight = this.#lead(key, produce, options).finally(() => this.#flights.delete(key));
      this.#flights.set(key, flight);
      result = abortable(flight, signal);
    }
    this.#waiting++;
    return result.finally(() => this.#waiting--);
  }

  /** Settles once every flight now in progress has (for graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#flights.values()]);
  }

  async #lead(key: string, produce: () => Promise<T>, options: FlightOptions<T>): Promise<FlightResult<T>> {
    const lock = this.#lock;
    if (!lock) return { value: await produce(), source: 'fetched' };
    const giveUpAt = Date.now() + options.lockTtlMs;
    for (;;) {
      let token: string | undefined;
      try {
        token = await lock.acquire(key, options.lockTtlMs);
      } catch (error) {
        this.#onLockError(error);
        return { value: await produce(), source: 'fetched' };
      }
      if (token !== undefined) {
        try {
          const found = await options.recheck?.();
          if (found !== undefined) return { value: found, source: 'replica' };
          return { value: await produce(), source: 'fetched' };
        } finally {
          lock.release(key, token).catch(this.#onLockError);
        }
      }
      const remaining = giveUpAt - Date.now();
      if (remaining <= 0) return { value: await produce(), source: 'fetched' };
      await lock.waitForRelease(key, remaining);
      const found = await options.recheck?.();
      // Nothing stored means the other fetch failed: take the lock and try ourselves.
      if (found !== undefined) return { value: found, source: 'replica' };
    }
  }
}

function abortable<V>(promise: Promise<V>, signal: AbortSignal | undefined): Promise<V> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
