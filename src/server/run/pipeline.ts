/**
 * The execution pipeline of a run (DESIGN.md section 1): cache -> single-flight -> concurrency cap ->
 * retries -> upstream. It answers with a cached entry (the shaped body as JSON text, its ETag and
 * times) and how it was obtained; respond.ts turns that into the HTTP answer with `meta`.
 *
 * - fresh entry: served (`hit`), no upstream call.
 * - entry past its TTL but within one more: served at once (`stale`) while one refresh runs behind it.
 * - no usable entry: fetched through the single flight (`miss`); if that fails in a way old data can
 *   cover (serves-stale.ts) and an older entry exists, that is served (`stale`).
 * - `refresh: 'force'`: the cache is not read (the route has charged the force limit), the fetch asks
 *   PostHog for a fresh run, and the answer replaces the entry.
 */
import type { RunMeta } from '../../data/types.js';
import { cacheKey } from '../cache/cache-key.js';
import { etagOf } from '../cache/etag.js';
import { retentionMs, stateOf, ttlMsFor } from '../cache/freshness.js';
import type { AnswerStore, CachedAnswer } from '../cache/types.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { EndpointDefinition, RawRunResponse, RunBody, Upstream } from '../upstreams/types.js';
import { servesStale } from './serves-stale.js';
import { SingleFlight, resolveSignal, type FlightLock, type LazySignal } from './single-flight.js';

export interface RunPipelineOptions {
  /** The guarded upstream (deadline, cap, retries). */
  upstream: Upstream;
  store: AnswerStore;
  metrics: ProxyMetrics;
  logger: ProxyLogger;
  /** TTL when the endpoint has no data_freshness_seconds. */
  defaultTtlS: number;
  /** Bounds how long a flight may hold the cross-replica lock. */
  timeoutMs: number;
  lock?: FlightLock;
  /** Epoch ms; injectable so tests can age entries without waiting. */
  clock?: () => number;
}

export interface RunInput {
  /** Validated name. */
  name: string;
  definition: EndpointDefinition;
  /** The body as sent upstream: locked variables already merged in. */
  body: RunBody;
  /** The tenant when tokens are on; part of the cache key. */
  tenant: string | undefined;
  /** The browser's signal (or a getter, read only if this request has to wait): aborting stops its wait. */
  signal?: LazySignal;
  log: ProxyLogger;
  /** The browser's body for a raw answer (its `meta` is dropped); throwing keeps the answer out of the cache. */
  shape: (raw: RawRunResponse) => object;
}

export interface RunOutcome {
  answer: CachedAnswer;
  cache: RunMeta['cache'];
  /** Upstream time this request waited for; 0 when it waited for none. */
  upstreamMs: number;
}

interface Fetched {
  answer: CachedAnswer;
  upstreamMs: number;
}

export class RunPipeline {
  readonly #options: RunPipelineOptions;
  readonly #clock: () => number;
  readonly #flights: SingleFlight<Fetched>;
  /** Background refreshes, tracked so shutdown can wait for them. */
  readonly #revalidations = new Set<Promise<unknown>>();

  constructor(options: RunPipelineOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#flights = new SingleFlight<Fetched>({
      lock: options.lock,
      onLockError: (error) => options.logger.debug({ err: error }, 'single-flight lock unavailable'),
    });
  }

  async run(input: RunInput): Promise<RunOutcome> {
    const { name, body } = input;
    const key = keyOf(input);
    const force = body.refresh === 'force';
    const cached = force ? undefined : await this.#options.store.get(key);
    const state = cached ? stateOf(cached, this.#clock()) : 'expired';
    if (cached && state === 'fresh') return this.#served(name, cached, 'hit');
    if (cached && state === 'revalidate') {
      this.#revalidate(key, input);
      return this.#served(name, cached, 'stale');
    }
    try {
      const { value, source } = await this.#fetch(key, input, force);
      this.#options.metrics.recordCache(name, source === 'replica' ? 'hit' : 'miss');
      return {
        answer: value.answer,
        cache: source === 'replica' ? 'hit' : 'miss',
        upstreamMs: value.upstreamMs,
      };
    } catch (error) {
      if (resolveSignal(input.signal)?.aborted || !servesStale(error)) throw error;
      const fallback = cached ?? (force ? await this.#options.store.get(key) : undefined);
      if (!fallback || stateOf(fallback, this.#clock()) === 'expired') throw error;
      input.log.warn({ endpoint: name, err: error }, 'upstream failed; serving the last good answer');
      return this.#served(name, fallback, 'stale');
    }
  }

  /**
   * The fresh cached answer for a run, decided at once, or undefined when only `run` can tell (a store
   * outside this process, no entry, or one past its TTL). Counts nothing: the caller that answers with
   * it records the hit.
   */
  peekFresh(input: RunKeyParts): CachedAnswer | undefined {
    const { store } = this.#options;
    const cached = store.peek && input.body.refresh !== 'force' ? store.peek(keyOf(input)) : undefined;
    return cached && stateOf(cached, this.#clock()) === 'fresh' ? cached : undefined;
  }

  /** Requests waiting for an upstream answer in this process. */
  get waiting(): number {
    return this.#flights.waiting;
  }

  /** Fetches in progress in this process, whether or not anyone still waits for them. */
  get inFlight(): number {
    return this.#flights.size;
  }

  /** Settles once every fetch and background refresh in progress has (for graceful shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#revalidations]);
    await this.#flights.settled();
  }

  #served(name: string, answer: CachedAnswer, cache: 'hit' | 'stale'): RunOutcome {
    this.#options.metrics.recordCache(name, cache);
    return { answer, cache, upstreamMs: 0 };
  }

  #fetch(key: string, input: RunInput, force: boolean) {
    const ttlMs = ttlMsFor(input.definition, this.#options.defaultTtlS);
    return this.#flights.run(
      // A forced refresh must not join a flight that asked PostHog for its cached answer.
      force ? `${key}#force` : key,
      async () => {
        const answer = await this.#produce(input, ttlMs);
        await this.#options.store.set(key, answer.answer, retentionMs(ttlMs));
        return answer;
      },
      {
        signal: input.signal,
        lockTtlMs: this.#options.timeoutMs + 1000,
        recheck: async () => {
          const found = await this.#options.store.get(key);
          return found && stateOf(found, this.#clock()) === 'fresh'
            ? { answer: found, upstreamMs: 0 }
            : undefined;
        },
      },
    );
  }

  async #produce(input: RunInput, ttlMs: number): Promise<Fetched> {
    const started = performance.now();
    const raw = await this.#options.upstream.run(input.name, input.body, {});
    const upstreamMs = Math.round(performance.now() - started);
    const shaped: Record<string, unknown> = { ...input.shape(raw) };
    // `meta` belongs to each response (respond.ts), not to the cached answer.
    delete shaped.meta;
    const body = JSON.stringify(shaped);
    const answer: CachedAnswer = { body, etag: await etagOf(body), storedAt: this.#clock(), ttlMs };
    const lastRefresh = Date.parse(String(shaped.last_refresh ?? ''));
    if (!Number.isNaN(lastRefresh)) answer.dataAt = lastRefresh;
    return { answer, upstreamMs };
  }

  #revalidate(key: string, input: RunInput): void {
    // Detached from the browser: it has its answer already, and the refresh outlives its request.
    const refresh = this.#fetch(key, { ...input, signal: undefined }, false).then(
      () => undefined,
      (error: unknown) =>
        input.log.warn(
          { endpoint: input.name, err: error },
          'background refresh failed; keeping the stale answer',
        ),
    );
    this.#revalidations.add(refresh);
    void refresh.finally(() => this.#revalidations.delete(refresh));
  }
}

/** What selects a run's cache entry. */
type RunKeyParts = Pick<RunInput, 'name' | 'definition' | 'body' | 'tenant'>;

function keyOf({ name, definition, body, tenant }: RunKeyParts): string {
  return cacheKey({
    name,
    version: definition.current_version,
    variables: body.variables,
    limit: body.limit,
    offset: body.offset,
    tenant,
  });
}
