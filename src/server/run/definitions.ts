/**
 * Endpoint definitions (kind, display, version, data_freshness_seconds) as the run route needs them:
 * cached per process for a minute, fetched once for any number of concurrent requests, and kept for a
 * day past that so that stale-if-error works when PostHog is down as a whole, not just its `/run`.
 */
import { BoundedLru } from '../cache/lru.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { EndpointDefinition, Upstream } from '../upstreams/types.js';
import { servesStale } from './serves-stale.js';
import { SingleFlight, resolveSignal, type LazySignal } from './single-flight.js';

export interface DefinitionCacheOptions {
  upstream: Upstream;
  metrics: ProxyMetrics;
  clock?: () => number;
  freshMs?: number;
  /** How long past `freshMs` a definition may stand in when the upstream fails. */
  staleMs?: number;
  maxEntries?: number;
}

interface Entry {
  definition: EndpointDefinition;
  storedAt: number;
}

export class DefinitionCache {
  readonly #upstream: Upstream;
  readonly #metrics: ProxyMetrics;
  readonly #clock: () => number;
  readonly #freshMs: number;
  readonly #keepMs: number;
  readonly #entries: BoundedLru<Entry>;
  readonly #flights = new SingleFlight<EndpointDefinition>();

  constructor(options: DefinitionCacheOptions) {
    this.#upstream = options.upstream;
    this.#metrics = options.metrics;
    this.#clock = options.clock ?? Date.now;
    this.#freshMs = options.freshMs ?? 60_000;
    this.#keepMs = this.#freshMs + (options.staleMs ?? 24 * 60 * 60 * 1000);
    this.#entries = new BoundedLru<Entry>({
      maxSize: options.maxEntries ?? 1000,
      sizeOf: () => 1,
      clock: this.#clock,
    });
  }

  /** The definition of `name` when a fresh one is held, decided at once; undefined when only `get` can tell. */
  peek(name: string): EndpointDefinition | undefined {
    const entry = this.#entries.get(name);
    return entry && this.#clock() - entry.storedAt < this.#freshMs ? entry.definition : undefined;
  }

  /** The definition of `name` (already validated), or the upstream's error when there is none to use. */
  async get(name: string, options: { signal?: LazySignal; log: ProxyLogger }): Promise<EndpointDefinition> {
    const entry = this.#entries.get(name);
    if (entry && this.#clock() - entry.storedAt < this.#freshMs) return entry.definition;
    try {
      const { value } = await this.#flights.run(name, () => this.#fetch(name), {
        signal: options.signal,
        lockTtlMs: 0,
      });
      return value;
    } catch (error) {
      if (!entry || !servesStale(error) || resolveSignal(options.signal)?.aborted) throw error;
      options.log.warn({ endpoint: name, err: error }, 'endpoint definition unavailable; using the last one');
      return entry.definition;
    }
  }

  async #fetch(name: string): Promise<EndpointDefinition> {
    const definition = await this.#upstream.getEndpoint(name, {});
    this.#entries.set(name, { definition, storedAt: this.#clock() }, this.#keepMs);
    this.#metrics.confirmEndpoint(name);
    return definition;
  }

  /** Settles once every lookup in progress has. */
  settled(): Promise<void> {
    return this.#flights.settled();
  }
}
