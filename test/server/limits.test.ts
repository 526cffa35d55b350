/**
 * Limits through the real server: per-IP and per-tenant rate limits (429 + Retry-After), the upstream
 * concurrency cap with its bounded queue, and retries of PostHog's 429/503 within the timeout.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import { mintEmbedToken } from '../../src/server/auth/tokens.js';
import type { ProxyAnswer } from './helpers/harness.js';
import {
  errorCodeOf,
  metaOf,
  runCalls,
  startProxy,
  until,
  type TestProxy,
} from './helpers/resilient-proxy.js';

let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(env: Record<string, string>): Promise<TestProxy> {
  proxy = await startProxy({ env, services: { random: () => 0 } });
  return proxy;
}

function assertRateLimited(answer: ProxyAnswer): void {
  assert.equal(answer.status, 429);
  assert.equal(errorCodeOf(answer), 'rate_limited');
  const retryAfter = Number(answer.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  const error = (answer.json as { error: { retryable: boolean; retry_after_s: number } }).error;
  assert.equal(error.retryable, true);
  assert.equal(error.retry_after_s, retryAfter);
  assert.ok(answer.headers.get('x-request-id'));
}

describe('rate limits', () => {
  test('per client IP: past the limit, 429 with Retry-After and no upstream call; /healthz and /metrics are not limited', async () => {
    const p = await start({ PH_EMBED_RATE_LIMIT_IP: '3', PH_EMBED_RATE_LIMIT: '1000' });
    for (let i = 0; i < 3; i++) assert.equal((await p.run('total_signups')).status, 200);
    const calls = p.fake.requests.length;
    assertRateLimited(await p.run('total_signups'));
    assertRateLimited(await p.request('/v1/endpoints'));
    assert.equal(p.fake.requests.length, calls);
    assert.equal((await p.request('/healthz')).status, 200);
    const metrics = await p.request('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^ph_embed_limiter_rejections_total\{limiter="ip"\} 2$/m);
  });

  test('per tenant with tokens: one tenant spending its budget leaves the other alone', async () => {
    const secret = randomBytes(36).toString('base64url');
    const p = await start({
      PH_EMBED_SECRET: secret,
      PH_EMBED_RATE_LIMIT: '2',
      PH_EMBED_RATE_LIMIT_IP: '1000',
    });
    const bearer = async (sub: string) => ({
      Authorization: `Bearer ${await mintEmbedToken({ sub, ttlSeconds: 600 }, secret)}`,
    });
    const acme = await bearer('acme');
    const globex = await bearer('globex');
    assert.equal((await p.run('total_signups', {}, acme)).status, 200);
    assert.equal((await p.run('total_signups', {}, acme)).status, 200);
    assertRateLimited(await p.run('total_signups', {}, acme));
    assert.equal((await p.run('total_signups', {}, globex)).status, 200);
    assert.match(
      (await p.request('/metrics')).text,
      /^ph_embed_limiter_rejections_total\{limiter="tenant"\} 1$/m,
    );
  });

  test('without tokens the tenant limit falls back to the client IP', async () => {
    const p = await start({ PH_EMBED_RATE_LIMIT: '2', PH_EMBED_RATE_LIMIT_IP: '1000' });
    await p.run('total_signups');
    await p.run('total_signups');
    assertRateLimited(await p.run('total_signups'));
  });

  test('0 turns a limit off', async () => {
    const p = await start({ PH_EMBED_RATE_LIMIT: '0', PH_EMBED_RATE_LIMIT_IP: '0' });
    for (let i = 0; i < 125; i++) assert.equal((await p.run('total_signups')).status, 200);
  });
});

describe('upstream concurrency cap', () => {
  test('at most N upstream runs at once, a bounded queue, then 503 upstream_unavailable (retryable)', async () => {
    const p = await start({
      PH_EMBED_UPSTREAM_CONCURRENCY: '2',
      PH_EMBED_UPSTREAM_QUEUE: '1',
      PH_EMBED_RATE_LIMIT: '1000',
    });
    await p.run('daily_active_users', { variables: { date_from: '-1d' } });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    p.fake.script('run', (request) => {
      const variables = (JSON.parse(request.body) as { variables: unknown }).variables;
      return { wait: gate, then: { status: 200, json: { results: [], variables } } };
    });
    const runs = ['-2d', '-3d', '-4d'].map((from) =>
      p.run('daily_active_users', { variables: { date_from: from } }),
    );
    const services = p.server.services;
    await until(
      () => runCalls(p.fake) === 3 && services.concurrency.active === 2 && services.concurrency.queued === 1,
      'two runs upstream and one queued',
    );
    assert.equal(runCalls(p.fake), 3, 'the warm-up run plus the two that hold a slot');

    const refused = await p.run('daily_active_users', { variables: { date_from: '-5d' } });
    assert.equal(refused.status, 503);
    assert.equal(errorCodeOf(refused), 'upstream_unavailable');
    assert.equal((refused.json as { error: { retryable: boolean } }).error.retryable, true);
    assert.equal(refused.headers.get('retry-after'), '1');

    release();
    const answers = await Promise.all(runs);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200],
    );
    assert.equal(runCalls(p.fake), 4);
    assert.match(
      (await p.request('/metrics')).text,
      /^ph_embed_limiter_rejections_total\{limiter="upstream_queue"\} 1$/m,
    );
  });
});

describe('retries', () => {
  test('a 503 then a 200: the browser gets the 200', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '5000' });
    let calls = 0;
    p.fake.script('run', () => (++calls === 1 ? { status: 503, json: { detail: 'busy' } } : undefined));
    const answer = await p.run('total_signups');
    assert.equal(answer.status, 200);
    assert.equal(metaOf(answer).cache, 'miss');
    assert.equal(runCalls(p.fake), 2);
    assert.match(
      (await p.request('/metrics')).text,
      /^ph_embed_upstream_retries_total\{operation="run"\} 1$/m,
    );
  });

  test('a 429 with Retry-After: 0 is retried at once', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '5000' });
    let calls = 0;
    p.fake.script('run', () =>
      ++calls === 1 ? { status: 429, json: { detail: 'slow' }, headers: { 'Retry-After': '0' } } : undefined,
    );
    assert.equal((await p.run('total_signups')).status, 200);
    assert.equal(runCalls(p.fake), 2);
  });

  test('a Retry-After beyond the timeout is not waited for: the browser gets it at once', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '2000' });
    p.fake.script('run', { status: 503, json: { detail: 'busy' }, headers: { 'Retry-After': '30' } });
    const started = performance.now();
    const answer = await p.run('total_signups');
    assert.ok(performance.now() - started < 1500, 'no waiting');
    assert.equal(answer.status, 503);
    assert.equal((answer.json as { error: { retry_after_s: number } }).error.retry_after_s, 30);
    assert.equal(runCalls(p.fake), 1);
  });

  test('a PostHog that stays busy costs at most maxAttempts calls and ends within the timeout', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '3000' });
    p.fake.script('run', { status: 503, json: { detail: 'busy' } });
    const started = performance.now();
    const answer = await p.run('total_signups');
    assert.equal(answer.status, 503);
    assert.equal(errorCodeOf(answer), 'upstream_unavailable');
    assert.equal(runCalls(p.fake), 3);
    assert.ok(performance.now() - started < 3000);
  });

  test('other statuses are not retried', async () => {
    const p = await start({});
    for (const status of [500, 502, 400, 404]) {
      p.fake.reset();
      p.fake.script('run', { status, json: { detail: 'no' } });
      await p.run('total_signups');
      assert.equal(runCalls(p.fake), 1, String(status));
    }
  });
});
