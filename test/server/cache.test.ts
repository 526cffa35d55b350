/**
 * The answer cache through the real server over HTTP, in front of the fake PostHog: hits, single-flight,
 * TTLs (driven by a fake clock, never by waiting), stale-while-revalidate, stale-if-error, ETag/304,
 * per-tenant entries and `refresh: 'force'`.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { mintEmbedToken } from '../../src/server/auth/tokens.js';
import { createLogger } from '../../src/server/logger.js';
import { createServices } from '../../src/server/run/services.js';
import { readFixture, UNAUTHENTICATED } from './helpers/fake-posthog.js';
import { captureLogs } from './helpers/harness.js';
import {
  errorCodeOf,
  fakeClock,
  metaOf,
  runCalls,
  startClockedProxy,
  until,
  withoutMeta,
  type FakeClock,
  type TestProxy,
} from './helpers/resilient-proxy.js';
import { stubUpstream } from './helpers/stub-upstream.js';

const HOUR_MS = 3_600_000;

let proxy: TestProxy | undefined;
let clock: FakeClock;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestProxy> {
  ({ proxy, clock } = await startClockedProxy(env));
  return proxy;
}

describe('hits and single-flight', () => {
  test('a repeated run is a hit: no second upstream call, the same body and ETag', async () => {
    const p = await start();
    const first = await p.run('daily_active_users');
    const second = await p.run('daily_active_users');
    assert.equal(first.status, 200);
    assert.equal(metaOf(first).cache, 'miss');
    assert.equal(metaOf(second).cache, 'hit');
    assert.equal(metaOf(second).upstream_ms, 0);
    assert.equal(runCalls(p.fake), 1);
    assert.equal(second.headers.get('etag'), first.headers.get('etag'));
    assert.deepEqual(withoutMeta(second.json), withoutMeta(first.json));
  });

  test('50 identical concurrent cold requests make one upstream run and one definition lookup', async () => {
    const p = await start();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    p.fake.script('run', { wait: gate, then: { status: 200, json: readFixture('total_signups').run } });
    const answers = Promise.all(Array.from({ length: 50 }, () => p.run('total_signups')));
    await until(() => p.server.services.pipeline.waiting === 50, 'all 50 requests to wait on the fetch');
    release();
    const settled = await answers;
    assert.deepEqual(new Set(settled.map((answer) => answer.status)), new Set([200]));
    assert.deepEqual(new Set(settled.map((answer) => metaOf(answer).cache)), new Set(['miss']));
    assert.equal(runCalls(p.fake), 1);
    assert.equal(
      p.fake.requests.filter((r) => r.method === 'GET' && r.url.endsWith('/total_signups/')).length,
      1,
    );
  });

  test('a browser that leaves stops waiting, and the fetch still fills the cache', async () => {
    const p = await start();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    p.fake.script('run', { wait: gate, then: { status: 200, json: readFixture('total_signups').run } });
    const controller = new AbortController();
    const leaving = fetch(`${p.server.url}/v1/endpoints/total_signups/run`, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
      signal: controller.signal,
    });
    await p.fake.waitForRequest((request) => request.method === 'POST');
    controller.abort();
    await assert.rejects(leaving);
    release();
    await until(() => p.server.services.pipeline.inFlight === 0, 'the fetch to finish');
    p.fake.reset();
    const later = await p.run('total_signups');
    assert.equal(metaOf(later).cache, 'hit');
    assert.equal(runCalls(p.fake), 0);
  });
});

describe('freshness', () => {
  test("fresh for the endpoint's data_freshness_seconds, then served stale while one refresh runs", async () => {
    const p = await start();
    const first = await p.run('daily_active_users');
    clock.advance(HOUR_MS - 1000);
    const fresh = await p.run('daily_active_users');
    assert.equal(metaOf(fresh).cache, 'hit');
    assert.equal(metaOf(fresh).age_s - metaOf(first).age_s, 3599, 'age_s grows with the clock');
    assert.equal(runCalls(p.fake), 1);

    clock.advance(1000);
    const stale = await p.run('daily_active_users');
    assert.equal(stale.status, 200);
    assert.equal(metaOf(stale).cache, 'stale', 'served at once');
    await until(
      () => runCalls(p.fake) === 2 && p.server.services.pipeline.waiting === 0,
      'the background refresh',
    );
    const refreshed = await p.run('daily_active_users');
    assert.equal(metaOf(refreshed).cache, 'hit');
    assert.equal(runCalls(p.fake), 2, 'exactly one refresh');
  });

  test('an endpoint without data_freshness_seconds uses PH_EMBED_CACHE_TTL_S', async () => {
    const p = await start({ PH_EMBED_CACHE_TTL_S: '30' });
    const { endpoint } = readFixture('total_signups');
    p.fake.script('get', (request) =>
      request.url.endsWith('/total_signups/')
        ? { status: 200, json: { ...endpoint, data_freshness_seconds: null } }
        : undefined,
    );
    await p.run('total_signups');
    clock.advance(29_999);
    assert.equal(metaOf(await p.run('total_signups')).cache, 'hit');
    clock.advance(1);
    assert.equal(metaOf(await p.run('total_signups')).cache, 'stale');
  });
});

describe('stale-if-error', () => {
  test('an upstream failure serves the last good answer, marked stale, with a 200', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '2000' });
    const good = await p.run('signup_retention');
    clock.advance(2 * HOUR_MS + 1);
    const failures = [
      { status: 500, json: { detail: 'boom' } },
      { status: 502, text: '<html>bad gateway</html>' },
      { status: 503, json: { detail: 'busy' }, headers: { 'Retry-After': '30' } },
      { status: 429, json: { detail: 'slow' }, headers: { 'Retry-After': '30' } },
      { status: 200, text: 'not json' },
      { destroy: true as const },
    ];
    for (const reply of failures) {
      p.fake.script('run', reply);
      const answer = await p.run('signup_retention');
      assert.equal(answer.status, 200, JSON.stringify(reply));
      assert.equal(metaOf(answer).cache, 'stale');
      assert.deepEqual(
        (answer.json as { results: unknown }).results,
        (good.json as { results: unknown }).results,
      );
    }
  });

  test('also when the definition lookup fails, since PostHog is down as a whole', async () => {
    const p = await start({ PH_EMBED_TIMEOUT_MS: '2000' });
    await p.run('signup_retention');
    clock.advance(2 * HOUR_MS + 1);
    p.fake.script('get', { destroy: true });
    p.fake.script('run', { destroy: true });
    const answer = await p.run('signup_retention');
    assert.equal(answer.status, 200);
    assert.equal(metaOf(answer).cache, 'stale');
  });

  test('not for a 400, 401, 403 or 404, and not past a day after expiry', async () => {
    const p = await start();
    await p.run('signup_retention');
    clock.advance(2 * HOUR_MS + 1);
    // The proxy's key revoked or stripped of its scope: an error for the operator to see, not old data.
    for (const status of [401, 403]) {
      p.fake.script('run', { status, json: UNAUTHENTICATED });
      const refused = await p.run('signup_retention');
      assert.equal(refused.status, 502, String(status));
      assert.equal(errorCodeOf(refused), 'upstream_error');
    }
    assert.equal(
      p.logs
        .entries()
        .filter((entry) => entry.level === 50 && /POSTHOG_PERSONAL_API_KEY/.test(String(entry.msg))).length,
      2,
    );
    p.fake.script('run', { status: 404, json: { detail: 'Not found.' } });
    assert.equal((await p.run('signup_retention')).status, 404);
    p.fake.script('run', { status: 400, json: { detail: 'Query is too expensive.' } });
    assert.equal(errorCodeOf(await p.run('signup_retention')), 'invalid_request');
    clock.advance(24 * HOUR_MS);
    p.fake.script('run', { status: 500, json: { detail: 'boom' } });
    const gone = await p.run('signup_retention');
    assert.equal(gone.status, 502);
    assert.equal(errorCodeOf(gone), 'upstream_error');
  });
});

describe('ETag and 304', () => {
  test('If-None-Match with the current ETag is a 304 without a body; another tag gets the answer', async () => {
    const p = await start();
    const first = await p.run('top_events');
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/"/);
    const unchanged = await p.run('top_events', {}, { 'If-None-Match': etag ?? '' });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.text, '');
    assert.equal(unchanged.headers.get('etag'), etag);
    assert.ok(unchanged.headers.get('x-request-id'));
    const changed = await p.run('top_events', {}, { 'If-None-Match': 'W/"something-else"' });
    assert.equal(changed.status, 200);
    assert.equal(runCalls(p.fake), 1);
  });

  test('different answers have different ETags', async () => {
    const p = await start();
    const page1 = await p.run('top_events', { limit: 5 });
    const page2 = await p.run('top_events', { limit: 5, offset: 5 });
    assert.notEqual(page1.headers.get('etag'), page2.headers.get('etag'));
    assert.equal(runCalls(p.fake), 2);
  });
});

describe('what the key is made of', () => {
  test('variables are part of the key, in any order', async () => {
    const p = await start();
    await p.run('daily_active_users', { variables: { date_from: '-7d', date_to: '-1d' } });
    const reordered = await p.run('daily_active_users', { variables: { date_to: '-1d', date_from: '-7d' } });
    assert.equal(metaOf(reordered).cache, 'hit');
    const other = await p.run('daily_active_users', { variables: { date_from: '-30d', date_to: '-1d' } });
    assert.equal(metaOf(other).cache, 'miss');
    assert.equal(runCalls(p.fake), 2);
  });

  test('a new endpoint version is a new entry', async () => {
    // Through app.request() with an upstream whose definition changes: PostHogUpstream keeps its own
    // definitions for a minute of real time, which a fake clock cannot age.
    const upstream = stubUpstream();
    let version = 1;
    const getEndpoint = upstream.getEndpoint.bind(upstream);
    upstream.getEndpoint = async (name, options) => ({
      ...(await getEndpoint(name, options)),
      current_version: version,
    });
    const logger = createLogger({ destination: captureLogs() });
    const clockNow = fakeClock();
    const services = createServices({}, upstream, { logger, clock: clockNow.now });
    const app = createApp({ config: { corsOrigins: [], endpoints: undefined }, upstream, logger, services });
    const run = async () => {
      const response = await app.request('/v1/endpoints/total_signups/run', { method: 'POST', body: '{}' });
      return ((await response.json()) as { meta: { cache: string } }).meta.cache;
    };
    assert.equal(await run(), 'miss');
    assert.equal(await run(), 'hit');
    version = 2;
    clockNow.advance(61_000);
    // The definition a minute old still answers at once while it is refreshed (run/definitions.ts).
    assert.equal(await run(), 'hit');
    await services.definitions.settled();
    assert.equal(await run(), 'miss');
    assert.equal(upstream.calls.filter((call) => call.method === 'run').length, 2);
  });

  test('with tokens, two tenants never share an entry; one tenant does', async () => {
    const secret = randomBytes(36).toString('base64url');
    const p = await start({ PH_EMBED_SECRET: secret });
    const token = (sub: string) => mintEmbedToken({ sub, ttlSeconds: 600 }, secret);
    const acme = { Authorization: `Bearer ${await token('acme')}` };
    const globex = { Authorization: `Bearer ${await token('globex')}` };
    assert.equal(metaOf(await p.run('total_signups', {}, acme)).cache, 'miss');
    assert.equal(metaOf(await p.run('total_signups', {}, acme)).cache, 'hit');
    assert.equal(metaOf(await p.run('total_signups', {}, globex)).cache, 'miss');
    assert.equal(metaOf(await p.run('total_signups', {}, globex)).cache, 'hit');
    assert.equal(runCalls(p.fake), 2);
  });

  test('without tokens, callers share entries', async () => {
    const p = await start();
    await p.run('total_signups');
    const other = await p.run('total_signups', {}, { 'X-Forwarded-For': '10.9.8.7' });
    assert.equal(metaOf(other).cache, 'hit');
  });
});

describe("refresh: 'force'", () => {
  test('skips the cache, asks PostHog for a fresh run, and replaces the entry', async () => {
    const p = await start();
    await p.run('total_signups');
    const forced = await p.run('total_signups', { refresh: 'force' });
    assert.equal(metaOf(forced).cache, 'miss');
    assert.equal(runCalls(p.fake), 2);
    const upstreamBody = JSON.parse(p.fake.requests.filter((r) => r.method === 'POST')[1]?.body ?? '{}') as {
      refresh?: string;
    };
    assert.equal(upstreamBody.refresh, 'force');
    assert.equal(metaOf(await p.run('total_signups')).cache, 'hit');
    assert.equal(runCalls(p.fake), 2);
  });

  test('has its own rate limit: past it, 429 with Retry-After while ordinary runs go on', async () => {
    const p = await start({ PH_EMBED_RATE_LIMIT_FORCE: '2' });
    assert.equal((await p.run('total_signups', { refresh: 'force' })).status, 200);
    assert.equal((await p.run('total_signups', { refresh: 'force' })).status, 200);
    const refused = await p.run('total_signups', { refresh: 'force' });
    assert.equal(refused.status, 429);
    assert.equal(errorCodeOf(refused), 'rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal((refused.json as { error: { retryable: boolean } }).error.retryable, true);
    assert.equal(runCalls(p.fake), 2);
    assert.equal((await p.run('total_signups')).status, 200);
  });
});

describe('shutdown', () => {
  test('close() waits for a refresh running behind a stale answer', async () => {
    const p = await start();
    await p.run('total_signups');
    clock.advance(HOUR_MS);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    p.fake.script('run', { wait: gate, then: { status: 200, json: readFixture('total_signups').run } });
    assert.equal(metaOf(await p.run('total_signups')).cache, 'stale');
    await p.fake.waitForRequest((request) => request.method === 'POST' && runCalls(p.fake) === 2);
    let closed = false;
    const closing = p.server.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false, 'still refreshing');
    release();
    await closing;
    assert.equal(p.server.services.pipeline.waiting, 0);
  });
});
