/**
 * Builds what the routes run through (metrics, rate limits, the guarded upstream, definitions, the run
 * pipeline) from the config: in memory by default, on Redis when a connection is given. `createApp`
 * builds memory services itself when it gets none, so every mount of the handler has them;
 * start-services.ts connects Redis first (kept apart, so the app imports no Node-only client), and
 * `close()` lets in-flight work settle, then disconnects.
 */
import type { Redis } from 'ioredis';
import { MemoryAnswerStore, NoAnswerStore } from '../cache/memory-store.js';
import { RedisAnswerStore } from '../cache/redis-store.js';
import type { AnswerStore } from '../cache/types.js';
import type { Config } from '../config.js';
import { ConcurrencyLimiter } from '../limits/concurrency.js';
import { RateLimits } from '../limits/rate-limits.js';
import type { RetryPolicy } from '../limits/retry.js';
import type { ProxyLogger } from '../logger.js';
import { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { Upstream } from '../upstreams/types.js';
import { DefinitionCache } from './definitions.js';
import { GuardedUpstream } from './guarded-upstream.js';
import { RunPipeline } from './pipeline.js';
import type { RedisFlightLock } from './redis-lock.js';

/** Prefix of every Redis key and channel, so the proxy can share a Redis with other software. */
export const REDIS_KEY_PREFIX = 'ph-embed:';

/** The settings services read; each has the documented default, so hand-built configs work. */
export type ServicesConfig = Partial<
  Pick<
    Config,
    | 'timeoutMs'
    | 'cacheTtlS'
    | 'cacheMaxBytes'
    | 'rateLimit'
    | 'rateLimitIp'
    | 'rateLimitForce'
    | 'upstreamConcurrency'
    | 'upstreamQueue'
  >
>;

export interface ServicesOptions {
  logger: ProxyLogger;
  /** Epoch ms for cache ages; tests pass a fake one. */
  clock?: () => number;
  /** Jitter source for retries. */
  random?: () => number;
  retryPolicy?: RetryPolicy;
}

export interface ProxyServices {
  readonly metrics: ProxyMetrics;
  readonly limits: RateLimits;
  /** The upstream with deadline, concurrency cap and retries, for calls outside the pipeline. */
  readonly upstream: GuardedUpstream;
  readonly definitions: DefinitionCache;
  readonly pipeline: RunPipeline;
  readonly store: AnswerStore;
  /** The upstream concurrency cap and its queue. */
  readonly concurrency: ConcurrencyLimiter;
  readonly clock: () => number;
  /** Waits for fetches and background refreshes in progress, then releases Redis. */
  close(): Promise<void>;
}

/** A connected Redis, its subscriber connection and the lock built on them (start-services.ts). */
export interface RedisParts {
  client: Redis;
  subscriber: Redis;
  lock: RedisFlightLock;
  /** Releases both connections. */
  close(): Promise<void>;
}

export function createServices(
  config: ServicesConfig,
  upstream: Upstream,
  options: ServicesOptions,
  redis?: RedisParts,
): ProxyServices {
  const clock = options.clock ?? Date.now;
  const timeoutMs = config.timeoutMs ?? 15_000;
  const metrics = new ProxyMetrics();
  const limiter = new ConcurrencyLimiter({
    max: config.upstreamConcurrency ?? 10,
    maxQueue: config.upstreamQueue ?? 100,
    onReject: () => metrics.recordRejection('upstream_queue'),
  });
  const guarded = new GuardedUpstream(upstream, {
    timeoutMs,
    limiter,
    metrics,
    random: options.random,
    retryPolicy: options.retryPolicy,
  });
  const store = makeStore(config, clock, options.logger, redis?.client);
  const pipeline = new RunPipeline({
    upstream: guarded,
    store,
    metrics,
    logger: options.logger,
    defaultTtlS: config.cacheTtlS ?? 60,
    timeoutMs,
    lock: redis?.lock,
    clock,
  });
  const definitions = new DefinitionCache({ upstream: guarded, metrics, clock });
  const limits = new RateLimits({
    perTenant: config.rateLimit ?? 120,
    perIp: config.rateLimitIp ?? 600,
    force: config.rateLimitForce ?? 10,
    redis: redis?.client,
    keyPrefix: REDIS_KEY_PREFIX,
    logger: options.logger,
    onReject: (name) => metrics.recordRejection(name),
  });

  metrics.registry.gauge('ph_embed_upstream_in_flight', 'Upstream calls in flight.', () => limiter.active);
  metrics.registry.gauge(
    'ph_embed_upstream_queued',
    'Upstream calls waiting for a slot.',
    () => limiter.queued,
  );
  metrics.registry.gauge(
    'ph_embed_cache_bytes',
    'Bytes held by the in-memory answer cache.',
    () => store.bytes() ?? 0,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await Promise.allSettled([pipeline.settled(), definitions.settled()]);
      if (redis) {
        redis.lock.wakeAll();
        await redis.close();
      }
    })());

  return {
    metrics,
    limits,
    upstream: guarded,
    definitions,
    pipeline,
    store,
    concurrency: limiter,
    clock,
    close,
  };
}

function makeStore(
  config: ServicesConfig,
  clock: () => number,
  logger: ProxyLogger,
  redis: Redis | undefined,
) {
  const maxBytes = config.cacheMaxBytes ?? 64 * 1024 * 1024;
  if (maxBytes === 0) return new NoAnswerStore();
  if (redis) return new RedisAnswerStore(redis, REDIS_KEY_PREFIX, logger);
  return new MemoryAnswerStore(maxBytes, clock);
}
