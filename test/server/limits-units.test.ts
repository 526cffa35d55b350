/** The concurrency cap, the retry policy and the rate-limit counts on their own, with no HTTP in between. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/server/errors/api-error.js';
import { Redis } from 'ioredis';
import { ConcurrencyLimiter } from '../../src/server/limits/concurrency.js';
import { RateLimits } from '../../src/server/limits/rate-limits.js';
import { createLogger } from '../../src/server/logger.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  retryDelayMs,
  withRetries,
} from '../../src/server/limits/retry.js';
import { UpstreamError, UpstreamTimeoutError } from '../../src/server/upstreams/errors.js';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('ConcurrencyLimiter', () => {
  test('runs at most `max` at once, queues the rest in order, refuses past the queue', async () => {
    let rejected = 0;
    const limiter = new ConcurrencyLimiter({ max: 2, maxQueue: 2, onReject: () => rejected++ });
    const gates = Array.from({ length: 4 }, deferred);
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    assert.deepEqual(started, [0, 1]);
    assert.equal(limiter.active, 2);
    assert.equal(limiter.queued, 2);

    const refused = limiter.run(async () => 99);
    await assert.rejects(refused, (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 503);
      assert.equal(error.code, 'upstream_unavailable');
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterS, 1);
      return true;
    });
    assert.equal(rejected, 1);

    gates[1]?.resolve();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, [0, 1, 2], 'the first in line took the freed slot');
    for (const gate of gates) gate.resolve();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
    assert.equal(limiter.active, 0);
  });

  test('a queued call whose signal aborts leaves the line and rejects with the reason', async () => {
    const limiter = new ConcurrencyLimiter({ max: 1, maxQueue: 5 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    const waiting = limiter.run(async () => 'never', controller.signal);
    assert.equal(limiter.queued, 1);
    controller.abort(new Error('gone'));
    await assert.rejects(waiting, /gone/);
    assert.equal(limiter.queued, 0);
    gate.resolve();
    await first;
    assert.equal(limiter.active, 0, 'the slot was not handed to the aborted call');
  });

  test('a failing call frees its slot', async () => {
    const limiter = new ConcurrencyLimiter({ max: 1, maxQueue: 0 });
    await assert.rejects(
      limiter.run(async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(await limiter.run(async () => 'ok'), 'ok');
  });
});

describe('retries', () => {
  const busy = (retryAfterS?: number) => new UpstreamError('busy', { status: 503, retryAfterS });
  const throttled = (retryAfterS?: number) => new UpstreamError('slow', { status: 429, retryAfterS });
  const fast = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 2, maxDelayMs: 4 };

  test('only 429 and 503 are retried', () => {
    assert.ok(isRetryable(busy()));
    assert.ok(isRetryable(throttled()));
    for (const status of [400, 401, 404, 500, 502])
      assert.ok(!isRetryable(new UpstreamError('x', { status })));
    assert.ok(!isRetryable(new UpstreamTimeoutError(10)));
    assert.ok(!isRetryable(new Error('x')));
  });

  test('backoff doubles with equal jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 300 };
    assert.equal(
      retryDelayMs(busy(), 0, policy, () => 0),
      50,
    );
    assert.equal(
      retryDelayMs(busy(), 0, policy, () => 0.999),
      100,
    );
    assert.equal(
      retryDelayMs(busy(), 1, policy, () => 0),
      100,
    );
    assert.equal(
      retryDelayMs(busy(), 1, policy, () => 0.999),
      200,
    );
    assert.equal(
      retryDelayMs(busy(), 5, policy, () => 0.999),
      300,
    );
  });

  test('Retry-After is honoured, plus a little jitter', () => {
    assert.equal(
      retryDelayMs(throttled(2), 0, DEFAULT_RETRY_POLICY, () => 0),
      2000,
    );
    const jittered = retryDelayMs(throttled(2), 0, DEFAULT_RETRY_POLICY, () => 0.999);
    assert.ok(jittered > 2000 && jittered <= 2250, String(jittered));
    assert.ok(retryDelayMs(throttled(0), 0, DEFAULT_RETRY_POLICY, () => 0.999) <= 50);
  });

  test('retries until success, at most maxAttempts times in all', async () => {
    const outcomes = [busy(), throttled(0), 'ok'];
    const attempts: number[] = [];
    const value = await withRetries(
      async (index) => {
        attempts.push(index);
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      { deadline: Infinity, now: () => 0, random: () => 0 },
      fast,
    );
    assert.equal(value, 'ok');
    assert.deepEqual(attempts, [0, 1, 2]);

    let calls = 0;
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw busy();
        },
        { deadline: Infinity, now: () => 0, random: () => 0 },
        fast,
      ),
      /busy/,
    );
    assert.equal(calls, 3);
  });

  test('never retries past the deadline: a Retry-After longer than the time left is the answer', async () => {
    let calls = 0;
    const retried: number[] = [];
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw throttled(2);
        },
        { deadline: 1500, now: () => 0, random: () => 0, onRetry: (_e, delay) => retried.push(delay) },
      ),
      (error: unknown) => error instanceof UpstreamError && error.retryAfterS === 2,
    );
    assert.equal(calls, 1);
    assert.deepEqual(retried, []);
  });

  test('a retry also needs room for the attempt itself', async () => {
    let calls = 0;
    const policy = { ...fast, minAttemptMs: 100 };
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw busy();
        },
        { deadline: 50, now: () => 0, random: () => 0 },
        policy,
      ),
    );
    assert.equal(calls, 1);
  });

  test('other errors are thrown at once', async () => {
    let calls = 0;
    await assert.rejects(
      withRetries(
        async () => {
          calls++;
          throw new UpstreamError('boom', { status: 500 });
        },
        { deadline: Infinity, now: () => 0, random: () => 0 },
      ),
      /boom/,
    );
    assert.equal(calls, 1);
  });

  test('the wait between attempts ends when the signal aborts', async () => {
    const controller = new AbortController();
    const slow = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 60_000, maxDelayMs: 60_000 };
    const pending = withRetries(
      async () => {
        queueMicrotask(() => controller.abort(new Error('left')));
        throw busy();
      },
      { deadline: Infinity, now: () => 0, random: () => 0, signal: controller.signal },
      slow,
    );
    await assert.rejects(pending, /left/);
  });
});

describe('RateLimits decided at once', () => {
  const limits = (perIp: number, perTenant: number, redis?: Redis) =>
    new RateLimits({
      perIp,
      perTenant,
      force: 1,
      keyPrefix: 'test:',
      logger: createLogger({ level: 'silent' }),
      redis,
    });

  test('chargeIpNow and chargeTenantNow spend the budgets the async methods spend', async () => {
    const both = limits(3, 2);
    assert.equal(both.decidesNow, true);
    await both.consumeIp('10.0.0.1');
    both.chargeIpNow('10.0.0.1');
    await both.consumeIp('10.0.0.1');
    assert.throws(() => both.chargeIpNow('10.0.0.1'), isRateLimited);
    await assert.rejects(both.consumeIp('10.0.0.1'), isRateLimited);
    both.chargeIpNow('10.0.0.2');

    both.chargeTenantNow('acme', '10.0.0.1');
    await both.consumeTenant('acme', '10.0.0.1');
    assert.throws(() => both.chargeTenantNow('acme', '10.0.0.9'), isRateLimited);
    both.chargeTenantNow('globex', '10.0.0.1');
    // Without a tenant the client address is charged, in a key space of its own.
    both.chargeTenantNow(undefined, 'acme');
  });

  test('a limit turned off (0) is never spent', () => {
    const off = limits(0, 0);
    for (let i = 0; i < 100; i++) {
      off.chargeIpNow('10.0.0.1');
      off.chargeTenantNow('acme', '10.0.0.1');
    }
  });

  test('limits counted in Redis cannot be decided at once', () => {
    const redis = new Redis({ lazyConnect: true, enableOfflineQueue: false });
    try {
      const shared = limits(3, 3, redis);
      assert.equal(shared.decidesNow, false);
      assert.throws(() => shared.chargeIpNow('10.0.0.1'), TypeError);
    } finally {
      redis.disconnect();
    }
  });
});

function isRateLimited(error: unknown): boolean {
  assert.ok(error instanceof ApiError);
  assert.equal(error.status, 429);
  assert.equal(error.code, 'rate_limited');
  assert.ok((error.retryAfterS ?? 0) >= 1 && (error.retryAfterS ?? 0) <= 60);
  return true;
}
