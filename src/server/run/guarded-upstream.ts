/**
 * Every upstream call the proxy makes goes through here: a deadline (PH_EMBED_TIMEOUT_MS for the whole
 * call, queueing and retries included), the concurrency cap, retries of 429/503, and a latency sample
 * per attempt. The deadline firing becomes UpstreamTimeoutError (504), whichever layer noticed it.
 */
import type { ConcurrencyLimiter } from '../limits/concurrency.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from '../limits/retry.js';
import type { ProxyMetrics, UpstreamOperation, UpstreamOutcome } from '../metrics/proxy-metrics.js';
import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamTimeoutError,
  type EndpointDefinition,
  type RawRunResponse,
  type RunBody,
  type Upstream,
  type UpstreamCallOptions,
} from '../upstreams/types.js';

export interface GuardedUpstreamOptions {
  timeoutMs: number;
  limiter: ConcurrencyLimiter;
  metrics: ProxyMetrics;
  retryPolicy?: RetryPolicy;
  random?: () => number;
}

export class GuardedUpstream implements Upstream {
  readonly kind: Upstream['kind'];
  readonly #inner: Upstream;
  readonly #options: GuardedUpstreamOptions;

  constructor(inner: Upstream, options: GuardedUpstreamOptions) {
    this.kind = inner.kind;
    this.#inner = inner;
    this.#options = options;
    const getOpenApi = inner.getOpenApi?.bind(inner);
    if (getOpenApi) {
      this.getOpenApi = (name, callOptions) =>
        this.#call('definition', callOptions.signal, (signal) => getOpenApi(name, { signal }));
    }
  }

  getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition> {
    return this.#call('definition', options.signal, (signal) => this.#inner.getEndpoint(name, { signal }));
  }

  listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]> {
    return this.#call('list', options.signal, (signal) => this.#inner.listEndpoints({ signal }));
  }

  run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse> {
    return this.#call('run', options.signal, (signal) => this.#inner.run(name, body, { signal }));
  }

  /** Passed through with the same guard; undefined when the upstream has no OpenAPI documents. */
  readonly getOpenApi?: (name: string, options: UpstreamCallOptions) => Promise<unknown>;

  async #call<T>(
    operation: UpstreamOperation,
    caller: AbortSignal | undefined,
    attempt: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const { timeoutMs, limiter, metrics } = this.#options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    const deadline = performance.now() + timeoutMs;
    try {
      return await withRetries(
        () => limiter.run(() => this.#timed(operation, () => attempt(signal)), signal),
        {
          deadline,
          now: () => performance.now(),
          random: this.#options.random ?? Math.random,
          signal,
          onRetry: () => metrics.upstreamRetries.inc({ operation }),
        },
        this.#options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      );
    } catch (error) {
      if (timeout.aborted && !caller?.aborted && !(error instanceof UpstreamError)) {
        throw new UpstreamTimeoutError(timeoutMs);
      }
      throw error;
    }
  }

  async #timed<T>(operation: UpstreamOperation, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome: UpstreamOutcome = 'ok';
    try {
      return await fn();
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      this.#options.metrics.upstreamDuration.observe(
        { operation, outcome },
        (performance.now() - started) / 1000,
      );
    }
  }
}

function outcomeOf(error: unknown): UpstreamOutcome {
  if (error instanceof UpstreamTimeoutError) return 'timeout';
  if (error instanceof UpstreamConnectionError) return 'unreachable';
  if (error instanceof UpstreamError) {
    if (error.failure !== 'status') return 'invalid_answer';
    if (error.status === 429) return 'rate_limited';
    if (error.status === 503) return 'unavailable';
    return error.status >= 500 ? 'server_error' : 'client_error';
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') return 'timeout';
  if (error instanceof DOMException && error.name === 'AbortError') return 'aborted';
  return 'error';
}
