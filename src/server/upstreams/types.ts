/**
 * The one interface every upstream implements (DESIGN.md section 1): the real PostHog API, recorded
 * fixtures, and in step 3 the local DuckDB engine; step 4 puts a cache in front of any of them. Answers
 * are PostHog-shaped JSON, untrusted and unshaped: src/server/shape/ decides what reaches a browser.
 */
export {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamTimeoutError,
  type PostHogErrorBody,
} from './errors.js';

export type UpstreamKind = 'posthog' | 'fixtures' | 'local';

/** What `GET .../endpoints/{name}/` returns. Only `name` is relied on; everything else is checked on use. */
export interface EndpointDefinition {
  name: string;
  description?: unknown;
  query?: unknown;
  is_active?: unknown;
  current_version?: unknown;
  data_freshness_seconds?: unknown;
  columns?: unknown;
  [field: string]: unknown;
}

/** The `/run` body, holding only what the browser may ask for. Never `query_override`. */
export interface RunBody {
  variables?: Record<string, unknown>;
  refresh?: 'cache' | 'force';
  limit?: number;
  offset?: number;
}

/** The raw `/run` answer: `results` plus PostHog's envelope fields, internal junk included. */
export interface RawRunResponse {
  results?: unknown;
  [field: string]: unknown;
}

export interface UpstreamCallOptions {
  /** Aborted when the browser goes away; upstreams pass it on to their I/O. */
  signal?: AbortSignal;
}

export interface Upstream {
  readonly kind: UpstreamKind;
  /** One endpoint's definition, for its query kind and display hints. */
  getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition>;
  /** Every endpoint the upstream knows (the proxy filters by its allowlist). */
  listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]>;
  /** Runs an endpoint and returns PostHog's raw answer. */
  run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse>;
  /**
   * The endpoint's OpenAPI document (PostHog serves one per endpoint, with a typed `Variables`
   * schema), or undefined when this upstream has none for it. Optional: without it the proxy checks
   * variables against the names the endpoint definition carries.
   */
  getOpenApi?(name: string, options: UpstreamCallOptions): Promise<unknown>;
}
