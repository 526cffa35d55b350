/**
 * Endpoint definitions (kind, display, version, data_freshness_seconds) as the run route needs them,
 * cached per process. A definition is fresh for a minute; after that it is still used at once while
 * one refresh runs behind it (stale-while-revalidate), for up to a day, so neither a slow PostHog nor
 * one that is down as a whole holds up an answer the cache already has. A failed refresh is not tried
 * again for METADATA_RETRY_MS: an outage costs one lookup per endpoint per back-off, not one per
 * request. A name with nothing held waits for its first lookup and gets the upstream's error.
 */
import { BoundedLru } from '../cache/lru.js';
import { mapUpstreamError } from '../errors/map-upstream-error.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { EndpointDefinition, Upstream } from '../upstreams/types.js';
import { servesStale } from './serves-stale.js';
import { SingleFlight, type LazySignal } from './single-flight.js';

/**
 * How long a failed metadata lookup (a definition refresh here, an `openapi.json` in
 * variables/schemas.ts) is remembered before the next try. Long enough that an outage costs each
 * endpoint at most two lookups a minute against PostHog's per-minute quota (a hanging one holds a
 * concurrency slot for the whole timeout, too); short enough that a new endpoint version shows within
 * half a minute of PostHog's recovery, while the held definition answers meanwhile.
 */
export const METADATA_RETRY_MS = 30_000;

export interface DefinitionCacheOptions {
  upstream: Upstream;
  metrics: ProxyMetrics;
  clock?: () => number;
  freshMs?: number;
  /** How long past `freshMs` a definition may stand in while refreshes fail. */
  staleMs?: number;
  /** How long a failed refresh is remembered (default METADATA_RETRY_MS). */
  retryMs?: number;
  maxEntries?: number;
}

interface Entry {
  readonly definition: EndpointDefinition;
  readonly storedAt: number;
  /** No refresh starts before this: freshness, a refresh in progress (Infinity), or a failed one's back-off. */
  refreshAt: number;
}

export class DefinitionCache {
  readonly #upstream: Upstream;
  readonly #metrics: ProxyMetrics;
  readonly #clock: () => number;
  readonly #freshMs: number;
  readonly #keepMs: number;
  readonly #retryMs: number;
  readonly #entries: BoundedLru<Entry>;
  /** First lookups and refreshes share one flight per name, so a lookup joins a refresh in progress. */
  readonly #flights = new SingleFlight<EndpointDefinition>();
  /** Refreshes with their outcome handled, tracked so shutdown (and tests) can wait for them. */
  readonly #refreshes = new Set<Promise<void>>();

  constructor(options: DefinitionCacheOptions) {
    this.#upstream = options.upstream;
    this.#metrics = options.metrics;
    this.#clock = options.clock ?? Date.now;
    this.#freshMs = options.freshMs ?? 60_000;
    this.#keepMs = this.#freshMs + (options.staleMs ?? 24 * 60 * 60 * 1000);
    this.#retryMs = options.retryMs ?? METADATA_RETRY_MS;
    this.#entries = new BoundedLru<Entry>({
      maxSize: options.maxEntries ?? 1000,
      sizeOf: () => 1,
      clock: this.#clock,
    });
  }

  /**
   * The definition of `name` when a fresh one is held, decided at once; undefined when only `get` can
   * tell. A held definition past its freshness is left to `get`, which starts its refresh: the at-once
   * hit path counts and starts nothing.
   */
  peek(name: string): EndpointDefinition | undefined {
    const entry = this.#entries.get(name);
    return entry && this.#clock() - entry.storedAt < this.#freshMs ? entry.definition : undefined;
  }

  /**
   * The definition of `name` (already validated): a held one at once, refreshed behind the caller when
   * past its freshness; else the first lookup, or the upstream's error when it fails.
   */
  async get(name: string, options: { signal?: LazySignal; log: ProxyLogger }): Promise<EndpointDefinition> {
    const entry = this.#entries.get(name);
    if (!entry) {
      const { value } = await this.#flights.run(name, () => this.#fetch(name), {
        signal: options.signal,
        lockTtlMs: 0,
      });
      return value;
    }
    if (this.#clock() >= entry.refreshAt) this.#refresh(name, entry, options.log);
    return entry.definition;
  }

  /** Settles once every lookup and refresh in progress has. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#refreshes]);
    await this.#flights.settled();
  }

  #refresh(name: string, entry: Entry, log: ProxyLogger): void {
    entry.refreshAt = Infinity;
    // Detached from the caller: it has its definition, and the refresh outlives its request.
    const refresh = this.#flights
      .run(name, () => this.#fetch(name), { lockTtlMs: 0 })
      .then(
        () => undefined,
        (error: unknown) => this.#refreshFailed(name, entry, error, log),
      );
    this.#refreshes.add(refresh);
    void refresh.finally(() => this.#refreshes.delete(refresh));
  }

  #refreshFailed(name: string, entry: Entry, error: unknown, log: ProxyLogger): void {
    // Logged as a failed run would be: a 401 or 403 (the proxy's key refused) is an error line.
    mapUpstreamError(error, log);
    if (servesStale(error)) {
      entry.refreshAt = this.#clock() + this.#retryMs;
      log.warn(
        { endpoint: name, err: error, retryInMs: this.#retryMs },
        'endpoint definition refresh failed; using the held one',
      );
      return;
    }
    // An answer about the endpoint (gone, or no longer readable with this key), which old data must not
    // hide: the next request looks it up and gets that answer.
    if (this.#entries.get(name) === entry) this.#entries.delete(name);
    log.warn({ endpoint: name, err: error }, 'endpoint definition refresh refused; dropped the held one');
  }

  async #fetch(name: string): Promise<EndpointDefinition> {
    const definition = await this.#upstream.getEndpoint(name, {});
    const storedAt = this.#clock();
    this.#entries.set(name, { definition, storedAt, refreshAt: storedAt + this.#freshMs }, this.#keepMs);
    this.#metrics.confirmEndpoint(name);
    return definition;
  }
}
