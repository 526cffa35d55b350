/**
 * Per-IP, per-tenant and `refresh: 'force'` rate limits (rate-limiter-flexible), one-minute windows.
 * In memory by default; in Redis when REDIS_URL is set, so replicas share one budget. When Redis fails
 * mid-flight the limiter falls back to a per-process memory limiter of the same size rather than
 * refusing everyone or letting everyone through. A refusal is `429 rate_limited` with `Retry-After`.
 *
 * In memory, a charge is decided at once (`chargeNow`): the count lives in rate-limiter-flexible's own
 * MemoryStorage, the store its RateLimiterMemory counts in, called without the promise around it, so
 * that a cache hit can be answered without waiting (http/run-lane.ts). The async methods use the same
 * counts, so both ways share one budget.
 */
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
// From their own files, not the index: see rate-limiter-modules.d.ts.
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';
import MemoryStorage from 'rate-limiter-flexible/lib/component/MemoryStorage/MemoryStorage.js';
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

/** A limit counted in this process, decided without waiting. */
interface MemoryWindow {
  storage: MemoryStorage;
  keyPrefix: string;
  points: number;
}

type Limiter = RateLimiterAbstract | MemoryWindow;

export class RateLimits {
  readonly #ip: Limiter | undefined;
  readonly #tenant: Limiter | undefined;
  readonly #force: Limiter | undefined;
  readonly #logger: ProxyLogger;
  readonly #onReject: ((limiter: LimiterName) => void) | undefined;
  /** True when every limit is counted in this process, so `chargeIpNow` and `chargeTenantNow` can decide. */
  readonly decidesNow: boolean;

  constructor(options: RateLimitsOptions) {
    this.#ip = makeLimiter(options, 'ip', options.perIp);
    this.#tenant = makeLimiter(options, 'tenant', options.perTenant);
    this.#force = makeLimiter(options, 'force', options.force);
    this.#logger = options.logger;
    this.#onReject = options.onReject;
    this.decidesNow = !options.redis;
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

  /** consumeIp decided at once (throws the 429); only when `decidesNow`, on the same counts. */
  chargeIpNow(ip: string): void {
    this.#chargeWindow(this.#windowOf(this.#ip), 'ip', ip);
  }

  /** consumeTenant decided at once (throws the 429); only when `decidesNow`, on the same counts. */
  chargeTenantNow(tenant: string | undefined, ip: string): void {
    this.#chargeWindow(this.#windowOf(this.#tenant), 'tenant', subjectOf(tenant, ip));
  }

  #windowOf(limiter: Limiter | undefined): MemoryWindow | undefined {
    if (limiter && !('storage' in limiter))
      throw new TypeError('a limit counted in Redis cannot be decided at once');
    return limiter;
  }

  async #consume(limiter: Limiter | undefined, name: LimiterName, key: string): Promise<void> {
    if (!limiter) return;
    if ('storage' in limiter) return this.#chargeWindow(limiter, name, key);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.#refusal(name, rejection);
      // The insurance limiter has failed too; answering beats refusing everyone over a limiter fault.
      this.#logger.error({ err: rejection, limiter: name }, 'rate limiter failed; request let through');
    }
  }

  /** What RateLimiterMemory.consume does for one point (no blocking, no even spreading), synchronously. */
  #chargeWindow(window: MemoryWindow | undefined, name: LimiterName, key: string): void {
    if (!window) return;
    const result = window.storage.incrby(`${window.keyPrefix}:${key}`, 1, WINDOW_S);
    if (result.consumedPoints > window.points) throw this.#refusal(name, result);
  }

  #refusal(name: LimiterName, rejection: RateLimiterRes): ApiError {
    this.#onReject?.(name);
    const retryAfterS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return new ApiError(429, 'rate_limited', 'Too many requests; try again later', {
      retryable: true,
      retryAfterS,
    });
  }
}

/** Tenants and addresses get separate key spaces, so a tenant named like an address shares nothing. */
function subjectOf(tenant: string | undefined, ip: string): string {
  return tenant === undefined ? `ip:${ip}` : `t:${tenant}`;
}

function makeLimiter(options: RateLimitsOptions, name: string, points: number): Limiter | undefined {
  if (points <= 0) return undefined;
  const keyPrefix = `${options.keyPrefix}rl:${name}`;
  if (!options.redis) return { storage: new MemoryStorage(), keyPrefix, points };
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: WINDOW_S });
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
