/**
 * The proxy's Prometheus metrics (DESIGN.md section 3, `GET /metrics`): requests by route, endpoint and
 * status, cache results, upstream latency and retries, and limiter rejections. The `endpoint` label only
 * takes names the upstream has confirmed exist (up to MAX_ENDPOINT_LABELS of them): a caller inventing
 * names would otherwise mint a new series per request.
 */
import type { Handler, MiddlewareHandler } from 'hono';
import { MetricsRegistry, type Counter, type Histogram } from './registry.js';

export const MAX_ENDPOINT_LABELS = 500;
/** The label for a name that is unknown, invalid, or beyond the label budget. */
export const OTHER_ENDPOINT = 'other';

export type CacheResult = 'hit' | 'miss' | 'stale';
export type LimiterName = 'ip' | 'tenant' | 'force' | 'upstream_queue';
export type UpstreamOperation = 'run' | 'definition' | 'list';
/** A closed set, so an upstream cannot create series by answering with odd statuses. */
export type UpstreamOutcome =
  | 'ok'
  | 'client_error'
  | 'rate_limited'
  | 'unavailable'
  | 'server_error'
  | 'timeout'
  | 'unreachable'
  | 'invalid_answer'
  | 'aborted'
  | 'error';

const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export class ProxyMetrics {
  readonly registry = new MetricsRegistry();
  readonly requests: Counter;
  readonly cache: Counter;
  readonly upstreamDuration: Histogram;
  readonly upstreamRetries: Counter;
  readonly limiterRejections: Counter;
  readonly #knownEndpoints = new Set<string>();

  constructor() {
    const r = this.registry;
    this.requests = r.counter(
      'ph_embed_http_requests_total',
      'HTTP requests answered, by route, endpoint and status.',
      ['route', 'endpoint', 'status'],
    );
    this.cache = r.counter(
      'ph_embed_cache_requests_total',
      'Run answers by cache result (hit, miss, stale).',
      ['endpoint', 'result'],
    );
    this.upstreamDuration = r.histogram(
      'ph_embed_upstream_duration_seconds',
      'Time of each upstream call attempt, by operation and outcome.',
      LATENCY_BUCKETS_S,
      ['operation', 'outcome'],
    );
    this.upstreamRetries = r.counter(
      'ph_embed_upstream_retries_total',
      'Upstream calls retried after a 429 or 503.',
      ['operation'],
    );
    this.limiterRejections = r.counter(
      'ph_embed_limiter_rejections_total',
      'Requests refused by a limiter (ip, tenant, force, upstream_queue).',
      ['limiter'],
    );
  }

  /** Marks a name as a real endpoint, so it gets its own label from now on. */
  confirmEndpoint(name: string): void {
    if (this.#knownEndpoints.size < MAX_ENDPOINT_LABELS) this.#knownEndpoints.add(name);
  }

  endpointLabel(name: string | undefined): string {
    return name !== undefined && this.#knownEndpoints.has(name) ? name : OTHER_ENDPOINT;
  }

  recordCache(name: string, result: CacheResult): void {
    this.cache.inc({ endpoint: this.endpointLabel(name), result });
  }

  recordRejection(limiter: LimiterName): void {
    this.limiterRejections.inc({ limiter });
  }

  /** Counts an answer to `path` once, after error handling has turned a throw into its answer. */
  recordRequest(path: string, status: number): void {
    const { route, endpoint } = classify(path);
    this.requests.inc({
      route,
      endpoint: route === 'run' ? this.endpointLabel(endpoint) : '',
      status: String(status),
    });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      await next();
      this.recordRequest(c.req.path, c.res.status);
    };
  }

  handler(): Handler {
    return (c) =>
      c.body(this.registry.render(), 200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Cache-Control': 'no-store',
      });
  }
}

const RUN_PATH = /^\/v1\/endpoints\/([^/]+)\/run$/;

function classify(path: string): { route: string; endpoint?: string } {
  const run = RUN_PATH.exec(path);
  if (run) return { route: 'run', endpoint: run[1] };
  if (path === '/v1/endpoints') return { route: 'list' };
  if (path === '/healthz') return { route: 'health' };
  if (path === '/metrics') return { route: 'metrics' };
  return { route: 'other' };
}
