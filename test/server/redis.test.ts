/**
 * Scale-out: two proxy instances with one REDIS_URL in front of one fake PostHog behave as one. The
 * test starts its own `redis-server` on a free loopback port and stops it at the end.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/main.js';
import { FIXTURES_DIR, type FakePostHog } from './helpers/fake-posthog.js';
import { captureLogs } from './helpers/harness.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';
import {
  errorCodeOf,
  fakeClock,
  metaOf,
  runCalls,
  startFake,
  startProxy,
  until,
  type FakeClock,
  type TestProxy,
} from './helpers/resilient-proxy.js';

let redis: RedisServer;
let admin: Redis;
let fake: FakePostHog;
let clock: FakeClock;
let proxies: TestProxy[] = [];

before(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});
after(async () => {
  admin.disconnect();
  await redis.stop();
});
beforeEach(async () => {
  await admin.flushall();
  fake = await startFake();
  clock = fakeClock();
});
afterEach(async () => {
  for (const proxy of proxies) await proxy.close();
  proxies = [];
  await fake.close();
});

async function pair(env: Record<string, string> = {}): Promise<[TestProxy, TestProxy]> {
  const start = () =>
    startProxy({
      fake,
      env: { REDIS_URL: redis.url, PH_EMBED_RATE_LIMIT: '1000', ...env },
      services: { clock: clock.now, random: () => 0 },
    });
  proxies = [await start(), await start()];
  return proxies as [TestProxy, TestProxy];
}

describe('two replicas on one Redis', () => {
  test('40 concurrent cold requests across both make one upstream call', async () => {
    const [a, b] = await pair();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { run } = JSON.parse(readFileSync(`${FIXTURES_DIR}total_signups.json`, 'utf8')) as { run: unknown };
    fake.script('run', { wait: gate, then: { status: 200, json: run } });
    const answers = Promise.all([
      ...Array.from({ length: 20 }, () => a.run('total_signups')),
      ...Array.from({ length: 20 }, () => b.run('total_signups')),
    ]);
    await until(
      () => a.server.services.pipeline.waiting === 20 && b.server.services.pipeline.waiting === 20,
      'all 40 requests to wait',
    );
    assert.equal(runCalls(fake), 1);
    release();
    const settled = await answers;
    assert.deepEqual(new Set(settled.map((answer) => answer.status)), new Set([200]));
    assert.equal(runCalls(fake), 1);
    const caches = settled.map((answer) => metaOf(answer).cache);
    assert.equal(caches.filter((cache) => cache === 'miss').length, 20, 'one replica fetched');
    assert.equal(caches.filter((cache) => cache === 'hit').length, 20, 'the other read what it stored');
  });

  test('one upstream call per key per TTL across both, including the refresh after it', async () => {
    const [a, b] = await pair();
    assert.equal(metaOf(await a.run('daily_active_users')).cache, 'miss');
    assert.equal(metaOf(await b.run('daily_active_users')).cache, 'hit');
    assert.equal(metaOf(await a.run('daily_active_users')).cache, 'hit');
    assert.equal(runCalls(fake), 1);

    clock.advance(3_600_000);
    assert.equal(metaOf(await b.run('daily_active_users')).cache, 'stale');
    await until(() => runCalls(fake) === 2 && b.server.services.pipeline.waiting === 0, 'the refresh');
    assert.equal(metaOf(await a.run('daily_active_users')).cache, 'hit', 'A sees what B refreshed');
    assert.equal(metaOf(await b.run('daily_active_users')).cache, 'hit');
    assert.equal(runCalls(fake), 2);
  });

  test('Redis holds the shaped answer, never PostHog raw fields', async () => {
    const [a] = await pair();
    await a.run('pageviews_by_browser');
    const keys = await admin.keys('ph-embed:answer:pageviews_by_browser:*');
    assert.equal(keys.length, 1);
    const value = (await admin.get(keys[0] ?? '')) ?? '';
    assert.match(value, /"results"/);
    assert.ok(!/persons_urls|"filter"|_people_url|hogql/.test(value));
    assert.ok((await admin.pttl(keys[0] ?? '')) > 3_600_000, 'kept past its TTL for stale-if-error');
  });

  test('stale-if-error works from the shared entry on the other replica', async () => {
    const [a, b] = await pair();
    await a.run('total_signups');
    clock.advance(3 * 3_600_000);
    fake.script('run', { status: 500, json: { detail: 'boom' } });
    const answer = await b.run('total_signups');
    assert.equal(answer.status, 200);
    assert.equal(metaOf(answer).cache, 'stale');
  });

  test('rate limits are shared: the budget is spent across both', async () => {
    const [a, b] = await pair({ PH_EMBED_RATE_LIMIT: '4' });
    for (const proxy of [a, b, a, b]) assert.equal((await proxy.run('total_signups')).status, 200);
    const refusedA = await a.run('total_signups');
    const refusedB = await b.run('total_signups');
    for (const refused of [refusedA, refusedB]) {
      assert.equal(refused.status, 429);
      assert.equal(errorCodeOf(refused), 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
  });

  test('closing a replica releases its Redis connections', async () => {
    const [a] = await pair();
    await a.run('total_signups');
    const named = async () =>
      String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => line.includes('name=ph-embed')).length;
    assert.equal(await named(), 4, 'two replicas, each with a command and a subscriber connection');
    await a.server.close();
    // QUIT is answered just before Redis drops the socket, so the count may lag by a moment.
    const deadline = Date.now() + 5000;
    let left = await named();
    while (left !== 2 && Date.now() < deadline) left = await named();
    assert.equal(left, 2);
  });

  test('the force limit is shared too', async () => {
    const [a, b] = await pair({ PH_EMBED_RATE_LIMIT_FORCE: '1' });
    assert.equal((await a.run('total_signups', { refresh: 'force' })).status, 200);
    assert.equal((await b.run('total_signups', { refresh: 'force' })).status, 429);
  });
});

describe('when Redis fails', () => {
  test('start-up stops with a message naming REDIS_URL when Redis cannot be reached', async () => {
    const dead = await startRedisServer();
    await dead.stop();
    const config = loadConfig(
      { PORT: '0', REDIS_URL: dead.url, PH_EMBED_DEMO_DIR: '/nonexistent' },
      { cwd: '/' },
    );
    await assert.rejects(
      startServer(config, { logger: createLogger({ destination: captureLogs() }) }),
      /could not connect to REDIS_URL: ECONNREFUSED/,
    );
  });

  test('a replica whose Redis goes away keeps answering from upstream, without waiting on it', async () => {
    const own = await startRedisServer();
    try {
      const proxy = await startProxy({
        fake,
        env: { REDIS_URL: own.url, PH_EMBED_RATE_LIMIT: '3' },
        services: { clock: clock.now },
      });
      proxies.push(proxy);
      assert.equal(metaOf(await proxy.run('total_signups')).cache, 'miss');
      await own.stop();
      const started = performance.now();
      const answer = await proxy.run('total_signups');
      assert.equal(answer.status, 200);
      assert.equal(metaOf(answer).cache, 'miss', 'the cache is unreachable, the upstream is not');
      assert.ok(performance.now() - started < 2000, 'no wait on the dead connection');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await proxy.run('total_signups')).status);
      assert.deepEqual(statuses, [200, 200, 429], 'limits fall back to a memory budget, not to none');
      await until(
        () =>
          proxy.logs
            .entries()
            .some((entry) => entry.msg === 'redis connection failed; using local state meanwhile'),
        'the outage to be logged',
      );
      assert.ok(!proxy.logs.lines.some((line) => line.includes(own.url)), 'the URL is not logged');
    } finally {
      await own.stop();
    }
  });
});
