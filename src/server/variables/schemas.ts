/**
 * Which schema an endpoint's variables are checked against: the config file's when it declares one
 * (checked before any upstream call), else PostHog's `openapi.json` for the endpoint (fetched once per
 * endpoint version and kept for a while), else the names the endpoint definition carries. A failed
 * `openapi.json` lookup is remembered too, for a short back-off: meanwhile the names are checked at once
 * (the hit path can decide), and an outage costs one lookup per endpoint version per back-off.
 */
import { setBounded } from '../cache/bounded-map.js';
import type { ProxyLogger } from '../logger.js';
import { METADATA_RETRY_MS } from '../run/definitions.js';
import type { EndpointDefinition, Upstream } from '../upstreams/types.js';
import { schemaFromDefinition, schemaFromOpenApi } from './sources.js';
import { schemaFromConfig, type ConfiguredVariables, type VariableSchema } from './spec.js';

export interface VariableSchemasOptions {
  configured?: Readonly<Record<string, ConfiguredVariables>>;
  upstream: Upstream;
  /** How long a fetched `openapi.json` schema is reused. */
  ttlMs?: number;
  /** How long a failed `openapi.json` lookup is remembered (default METADATA_RETRY_MS). */
  retryMs?: number;
  maxEntries?: number;
  /** Milliseconds, for tests. */
  now?: () => number;
}

interface CachedSchema {
  /** Undefined when `openapi.json` gave no schema or failed: the definition's names are checked. */
  schema: VariableSchema | undefined;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 5 * 60_000;

export class VariableSchemas {
  readonly #configured: ReadonlyMap<string, VariableSchema>;
  readonly #upstream: Upstream;
  readonly #ttlMs: number;
  readonly #retryMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Insertion-ordered, so the oldest entry is the first to go when full. */
  readonly #cache = new Map<string, CachedSchema>();
  readonly #inFlight = new Map<string, Promise<VariableSchema | undefined>>();

  constructor(options: VariableSchemasOptions) {
    this.#configured = new Map(
      Object.entries(options.configured ?? {}).map(([name, variables]) => [
        name,
        schemaFromConfig(variables),
      ]),
    );
    this.#upstream = options.upstream;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#retryMs = options.retryMs ?? METADATA_RETRY_MS;
    this.#maxEntries = options.maxEntries ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** The config file's schema for this endpoint, known without asking the upstream. */
  configured(name: string): VariableSchema | undefined {
    return this.#configured.get(name);
  }

  /**
   * What `resolve` would give, when it is known without asking the upstream (a failed lookup within its
   * back-off included: then the definition's names); else undefined.
   */
  known(definition: EndpointDefinition): VariableSchema | undefined {
    const configured = this.#configured.get(definition.name);
    if (configured) return configured;
    if (!this.#upstream.getOpenApi) return schemaFromDefinition(definition);
    const cached = this.#cache.get(cacheKey(definition));
    if (!cached || cached.expiresAt <= this.#now()) return undefined;
    return cached.schema ?? schemaFromDefinition(definition);
  }

  async resolve(definition: EndpointDefinition, options: { log: ProxyLogger }): Promise<VariableSchema> {
    const configured = this.#configured.get(definition.name);
    if (configured) return configured;
    const fromOpenApi = this.#upstream.getOpenApi
      ? await this.#openApiSchema(definition, options)
      : undefined;
    return fromOpenApi ?? schemaFromDefinition(definition);
  }

  async #openApiSchema(
    definition: EndpointDefinition,
    options: { log: ProxyLogger },
  ): Promise<VariableSchema | undefined> {
    const key = cacheKey(definition);
    const cached = this.#cache.get(key);
    if (cached && cached.expiresAt > this.#now()) return cached.schema;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#fetch(definition, options.log).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  /** Shared by concurrent callers, so no one caller's abort signal may cancel it. */
  async #fetch(definition: EndpointDefinition, log: ProxyLogger): Promise<VariableSchema | undefined> {
    let document: unknown;
    try {
      document = await this.#upstream.getOpenApi?.(definition.name, {});
    } catch (error) {
      // Remembered for the back-off only: a passing failure should not pin the looser fallback for the
      // whole TTL, nor should every run with variables ask a PostHog that is down.
      log.warn(
        { endpoint: definition.name, err: error, retryInMs: this.#retryMs },
        'openapi.json unavailable; checking variable names only',
      );
      this.#remember(cacheKey(definition), undefined, this.#retryMs);
      return undefined;
    }
    const schema = document === undefined ? undefined : schemaFromOpenApi(document, definition);
    this.#remember(cacheKey(definition), schema, this.#ttlMs);
    return schema;
  }

  /** `schema` undefined: no usable `openapi.json`, so the definition's names are checked. */
  #remember(key: string, schema: VariableSchema | undefined, forMs: number): void {
    setBounded(this.#cache, key, { schema, expiresAt: this.#now() + forMs }, this.#maxEntries);
  }
}

/** A new endpoint version may change its variables, so it gets its own entry. */
function cacheKey(definition: EndpointDefinition): string {
  return `${definition.name}@${String(definition.current_version ?? '')}`;
}
