import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../src/server/upstreams/errors.js';
import { PostHogUpstream } from '../../src/server/upstreams/posthog.js';
import { startFakePostHog, type FakePostHog } from './helpers/fake-posthog.js';
import { ORG_EVENTS } from './helpers/security.js';
import { makeKey } from './helpers/harness.js';

const key = makeKey();
let fake: FakePostHog;

function upstream(overrides: Partial<ConstructorParameters<typeof PostHogUpstream>[0]> = {}) {
  return new PostHogUpstream({
    host: fake.url,
    projectId: fake.projectId,
    personalApiKey: key,
    timeoutMs: 2000,
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

before(async () => {
  fake = await startFakePostHog({ key, pageSize: 4, endpoints: { org_events: ORG_EVENTS } });
});
afterEach(() => fake.reset());
after(() => fake.close());

describe('PostHogUpstream requests', () => {
  test('run posts to /api/projects/{id}/endpoints/{name}/run/ with the key and only the given fields', async () => {
    // A SQL endpoint that declares the variable: PostHog refuses variables an endpoint does not take.
    const answer = await upstream().run(
      'org_events',
      { variables: { org_id: 'PY' }, refresh: 'force', limit: 5, offset: 10 },
      {},
    );
    assert.ok(Array.isArray(answer.results));
    assert.equal(fake.requests.length, 1);
    const [request] = fake.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, `/api/projects/${fake.projectId}/endpoints/org_events/run/`);
    assert.equal(request?.headers.authorization, `Bearer ${key}`);
    assert.match(request?.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(request?.body ?? ''), {
      variables: { org_id: 'PY' },
      refresh: 'force',
      limit: 5,
      offset: 10,
    });
  });

  test('absent fields are not sent, and nothing else is', async () => {
    const body = { variables: undefined, refresh: 'cache', query_override: { kind: 'HogQLQuery' } };
    await upstream().run('daily_active_users', body as never, {});
    assert.deepEqual(JSON.parse(fake.requests[0]?.body ?? ''), { refresh: 'cache' });
  });

  test('the key is only in the Authorization header', async () => {
    await upstream().run('daily_active_users', {}, {});
    await upstream().getEndpoint('daily_active_users', {});
    for (const request of fake.requests) {
      assert.ok(!request.url.includes(key));
      assert.ok(!request.body.includes(key));
      const others = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
      assert.ok(!JSON.stringify(others).includes(key));
    }
  });

  test('getEndpoint reads the definition every time: the proxy caches it (run/definitions.ts)', async () => {
    const client = upstream();
    const first = await client.getEndpoint('signup_retention', {});
    const second = await client.getEndpoint('signup_retention', {});
    assert.equal(first.name, 'signup_retention');
    assert.deepEqual(second, first);
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.requests[0]?.method, 'GET');
    assert.equal(fake.requests[0]?.url, `/api/projects/${fake.projectId}/endpoints/signup_retention/`);
  });

  test('listEndpoints follows same-origin next links', async () => {
    const list = await upstream().listEndpoints({});
    // The nine fixtures and org_events.
    assert.equal(list.length, 10);
    assert.equal(fake.requests.length, 3, 'three pages of four');
    assert.equal(fake.requests[1]?.url, `/api/projects/${fake.projectId}/endpoints/?offset=4`);
  });

  test('listEndpoints never follows next to another origin and stops after the page bound', async () => {
    const elsewhere = [
      'https://evil.example/api/',
      `${fake.url.replace('127.0.0.1', 'localhost')}/api/`,
      '/admin/',
    ];
    for (const next of elsewhere) {
      fake.reset();
      fake.script('list', { status: 200, json: { results: [{ name: 'a' }], next } });
      assert.deepEqual(
        (await upstream().listEndpoints({})).map((e) => e.name),
        ['a'],
        next,
      );
      assert.equal(fake.requests.length, 1, next);
    }

    fake.reset();
    fake.script('list', (req) => ({
      status: 200,
      json: { results: [{ name: 'b' }], next: `${fake.url}${req.url}` },
    }));
    assert.equal((await upstream({ maxListPages: 3 }).listEndpoints({})).length, 3);
    assert.equal(fake.requests.length, 3);
  });

  test('definitions without a valid name are dropped from the list', async () => {
    fake.script('list', { status: 200, json: { results: [{ name: '../x' }, 7, { name: 'ok' }] } });
    assert.deepEqual(
      (await upstream().listEndpoints({})).map((e) => e.name),
      ['ok'],
    );
  });
});

describe('PostHogUpstream failures', () => {
  test('an error status becomes UpstreamError with the body and Retry-After', async () => {
    fake.script('run', {
      status: 429,
      json: { type: 'throttled_error', detail: 'slow down' },
      headers: { 'Retry-After': '17' },
    });
    const error = await rejection(upstream().run('total_signups', {}, {}));
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.status, 429);
    assert.equal(error.failure, 'status');
    assert.equal(error.retryAfterS, 17);
    assert.equal(error.body?.detail, 'slow down');
  });

  test('a wrong key is the fake PostHog 401', async () => {
    const error = await rejection(upstream({ personalApiKey: 'phx_wrong' }).run('total_signups', {}, {}));
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.status, 401);
    assert.equal(error.body?.code, 'authentication_failed');
  });

  test('a body that is not JSON is reported as such', async () => {
    fake.script('run', { status: 200, text: '<html>oops</html>' });
    const error = await rejection(upstream().run('total_signups', {}, {}));
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.failure, 'not_json');
  });

  test('a body over the cap is refused without being buffered whole', async () => {
    fake.script('run', { status: 200, json: { results: 'x'.repeat(10_000) } });
    const error = await rejection(upstream({ maxBodyBytes: 1000 }).run('total_signups', {}, {}));
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.failure, 'too_large');
  });

  test('a redirect is not followed (it would carry the key)', async () => {
    let hits = 0;
    const elsewhere = createServer((_req, res) => {
      hits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/steal`;
    fake.script('run', { status: 302, headers: { Location: target } });
    const error = await rejection(upstream().run('total_signups', {}, {}));
    elsewhere.close();
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.failure, 'redirect');
    assert.equal(hits, 0);
  });

  test('a hanging PostHog times out with UpstreamTimeoutError', async () => {
    fake.script('run', { hang: true });
    const started = performance.now();
    const error = await rejection(upstream({ timeoutMs: 150 }).run('total_signups', {}, {}));
    assert.ok(error instanceof UpstreamTimeoutError);
    assert.ok(performance.now() - started < 1500);
  });

  test("the caller's abort wins over the timeout and is not reported as an upstream failure", async () => {
    fake.script('run', { hang: true });
    const controller = new AbortController();
    const pending = upstream().run('total_signups', {}, { signal: controller.signal });
    controller.abort();
    const error = await rejection(pending);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'AbortError');
  });

  test('a dropped connection and a refused one are UpstreamConnectionError', async () => {
    fake.script('run', { destroy: true });
    assert.ok((await rejection(upstream().run('total_signups', {}, {}))) instanceof UpstreamConnectionError);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await rejection(
      upstream({ host: `http://127.0.0.1:${port}` }).run('total_signups', {}, {}),
    );
    assert.ok(refused instanceof UpstreamConnectionError);
    assert.equal(refused.code, 'ECONNREFUSED');
  });

  test('an invalid name never becomes a request', async () => {
    const error = await rejection(upstream().run('../admin', {}, {}));
    assert.ok(error instanceof UpstreamError);
    assert.equal(error.status, 404);
    assert.equal(fake.requests.length, 0);
  });
});
