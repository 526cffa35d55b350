/**
 * Per-IP, per-tenant and `refresh: 'force'` rate limits (rate-limiter-flexible), one-minute windows.
 * In memory by default; in Redis when REDIS_URL is set, so replicas share one budget. When Redis fails
 * mid-flight the limiter falls back to a per-process memory limiter of the same size rather than
 * refusing everyone or letting everyone through. A refusal is `429 rate_limited` with `Retry-After`.
 */
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
// From their own files, not the index: see rate-limiter-modules.d.ts.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';
import { ApiError } from '../errors/api-error.js';
import type { ProxyLogger } from '../logger.js';
import type { LimiterName } from '../metrics/proxy-metrics.js';

export interface RateLimitSettings {
  /** Runs per tenant per minute (per client IP when there is no tenant); 0 turns it off. */
  perTenant: number;
  perIp: number;
  force: number;
}

export interface RateLimitsOptions extends RateLimitSettings {
  redis?: Redis;
  /** Prefix of every Redis key, shared with the cache and the locks. */
  keyPrefix: string;
  logger: ProxyLogger;
  onReject?: (limiter: LimiterName) => void;
}

const WINDOW_S = 60;

export class RateLimits {
  readonly #ip: RateLimiterAbstract | undefined;
  readonly #tenant: RateLimiterAbstract | undefined;
  readonly #force: RateLimiterAbstract | undefined;
  readonly #logger: ProxyLogger;
  readonly #onReject: ((limiter: LimiterName) => void) | undefined;

  constructor(options: RateLimitsOptions) {
    this.#ip = makeLimiter(options, 'ip', options.perIp);
    this.#tenant = makeLimiter(options, 'tenant', options.perTenant);
    this.#force = makeLimiter(options, 'force', options.force);
    this.#logger = options.logger;
    this.#onReject = options.onReject;
  }

  /** Charges a call to its client IP; checked before authentication, so it also slows down token guessing. */
  consumeIp(ip: string): Promise<void> {
    return this.#consume(this.#ip, 'ip', ip);
  }

  /** Charges a call to its tenant, or to its client IP when tokens are off; after authentication. */
  consumeTenant(tenant: string | undefined, ip: string): Promise<void> {
    return this.#consume(this.#tenant, 'tenant', subjectOf(tenant, ip));
  }

  /** Charges one forced refresh to the tenant (or IP); throws the 429 when its budget is spent. */
  consumeForce(tenant: string | undefined, ip: string): Promise<void> {
    return this.#consume(this.#force, 'force', subjectOf(tenant, ip));
  }

  async #consume(limiter: RateLimiterAbstract | undefined, name: LimiterName, key: string): Promise<void> {
    if (!limiter) return;
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        this.#onReject?.(name);
        const retryAfterS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new ApiError(429, 'rate_limited', 'Too many requests; try again later', {
          retryable: true,
          retryAfterS,
        });
      }
      // The insurance limiter has failed too; answering beats refusing everyone over a limiter fault.
      this.#logger.error({ err: rejection, limiter: name }, 'rate limiter failed; request let through');
    }
  }
}

/** Tenants and addresses get separate key spaces, so a tenant named like an address shares nothing. */
function subjectOf(tenant: string | undefined, ip: string): string {
  return tenant === undefined ? `ip:${ip}` : `t:${tenant}`;
}

function makeLimiter(options: RateLimitsOptions, name: string, points: number) {
  if (points <= 0) return undefined;
  const keyPrefix = `${options.keyPrefix}rl:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_S });
  if (!options.redis) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix,
    points,
    duration: WINDOW_S,
    // Skip a Redis that is reconnecting instead of queueing behind it.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
