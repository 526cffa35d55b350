/**
 * The real server over loopback HTTP, in front of the strict fake PostHog: what goes upstream, what
 * comes back, the allowlist, the fixtures upstream, the demo mount and graceful shutdown.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { RunResponse } from '../../src/data/types.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/main.js';
import { captureLogs, forbiddenKeys, startHarness, type Harness } from './helpers/harness.js';

const ALL = [
  'activation_funnel',
  'activation_funnel_by_variant',
  'daily_active_users',
  'pageviews_by_browser',
  'pageviews_by_browser_version',
  'signup_retention',
  'signups_this_week',
  'top_events',
  'total_signups',
];

describe('proxy in front of PostHog', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ fake: { pageSize: 4 } });
  });
  afterEach(() => harness.fake.reset());
  after(() => harness.close());

  test('sends PostHog exactly the documented requests, with its key and none of the browser credentials', async () => {
    const answer = await harness.request('/v1/endpoints/top_events/run', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer embed-token-from-the-browser',
        Cookie: 'session=browser-cookie',
        'X-Forwarded-For': '10.0.0.1',
      },
      body: JSON.stringify({ refresh: 'cache', limit: 3, offset: 2 }),
    });
    assert.equal(answer.status, 200);
    const project = `/api/projects/${harness.fake.projectId}/endpoints`;
    assert.deepEqual(
      harness.fake.requests.map((request) => `${request.method} ${request.url}`),
      [`GET ${project}/top_events/`, `POST ${project}/top_events/run/`],
    );
    for (const request of harness.fake.requests) {
      assert.equal(request.headers.authorization, `Bearer ${harness.key}`);
      assert.equal(request.headers.cookie, undefined);
      assert.equal(request.headers['x-forwarded-for'], undefined);
      assert.ok(!JSON.stringify(request.headers).includes('embed-token-from-the-browser'));
    }
    const run = harness.fake.requests[1];
    assert.match(run?.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(JSON.parse(run?.body ?? ''), {
      refresh: 'cache',
      limit: 3,
      offset: 2,
    });
  });

  test('a body without optional fields sends an empty object', async () => {
    await harness.run('total_signups');
    const run = harness.fake.requests.find((request) => request.method === 'POST');
    assert.equal(run?.body, '{}');
  });

  for (const name of ALL) {
    test(`runs ${name} and returns only allowlisted fields`, async () => {
      const answer = await harness.run(name);
      assert.equal(answer.status, 200);
      const body = answer.json as RunResponse;
      assert.equal(body.name, name);
      assert.ok(body.kind);
      assert.deepEqual(forbiddenKeys(body), []);
      assert.match(answer.headers.get('cache-control') ?? '', /^private\b/);
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(answer.headers.get('x-request-id'));
      assert.ok(body.meta.upstream_ms >= 0);
    });
  }

  test('pages SQL results', async () => {
    const body = (await harness.run('top_events', { limit: 10, offset: 95 })).json as RunResponse<unknown[]>;
    assert.equal(body.results.length, 5);
    assert.equal(body.hasMore, false);
    assert.equal(body.limit, 10);
    assert.equal(body.offset, 95);
  });

  test('lists every endpoint across PostHog pages', async () => {
    const answer = await harness.request('/v1/endpoints');
    const { endpoints } = answer.json as { endpoints: Array<{ name: string }> };
    assert.deepEqual(endpoints.map((e) => e.name).sort(), ALL);
    assert.ok(harness.fake.requests.length >= 3, 'followed next');
    assert.ok(!answer.text.includes('"query"'));
  });

  test('/healthz names the posthog upstream and does not touch it', async () => {
    const answer = await harness.request('/healthz');
    assert.deepEqual(answer.json, { status: 'ok', upstream: 'posthog' });
    assert.equal(harness.fake.requests.length, 0);
  });

  test('bad names and bodies never reach PostHog', async () => {
    for (const name of ['..%2Fadmin', '%C3%A9', 'a'.repeat(129), '9lives']) {
      assert.equal((await harness.run(name)).status, 400);
    }
    assert.equal((await harness.run('total_signups', '{"query_override":{}}')).status, 400);
    assert.equal(
      (await harness.run('total_signups', `{"variables":{"x":"${'y'.repeat(20_000)}"}}`)).status,
      413,
    );
    assert.equal((await harness.request('/v1/endpoints/total_signups/run')).status, 405);
    assert.deepEqual(harness.fake.requests, []);
  });

  test('a chunked body over 16 KiB is 413 over real HTTP', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"variables":{"pad":"'));
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const answer = await harness.request('/v1/endpoints/total_signups/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    assert.equal(answer.status, 413);
    assert.deepEqual(harness.fake.requests, []);
  });
});

describe('the allowlist from the config file', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ configFile: { endpoints: ['total_signups', 'top_events'] } });
  });
  after(() => harness.close());

  test('limits what runs and what is listed', async () => {
    assert.equal((await harness.run('total_signups')).status, 200);
    const hidden = await harness.run('daily_active_users');
    assert.equal(hidden.status, 404);
    assert.equal((hidden.json as { error: { code: string } }).error.code, 'endpoint_not_found');
    assert.ok(!harness.fake.requests.some((request) => request.url.includes('daily_active_users')));
    const { endpoints } = (await harness.request('/v1/endpoints')).json as {
      endpoints: Array<{ name: string }>;
    };
    assert.deepEqual(endpoints.map((e) => e.name).sort(), ['top_events', 'total_signups']);
  });
});

describe('the fixtures upstream', () => {
  test('serves recorded endpoints with no PostHog at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-fixtures-up-'));
    const config = loadConfig(
      { PORT: '0', PH_EMBED_UPSTREAM: 'fixtures', PH_EMBED_DEMO_DIR: join(dir, 'none') },
      { cwd: dir },
    );
    assert.equal(config.upstream, 'fixtures');
    const server = await startServer(config, { logger: createLogger({ destination: captureLogs() }) });
    try {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { upstream: string };
      assert.equal(health.upstream, 'fixtures');
      const response = await fetch(`${server.url}/v1/endpoints/signup_retention/run`, { method: 'POST' });
      const body = (await response.json()) as RunResponse<unknown[]>;
      assert.equal(response.status, 200);
      assert.equal(body.kind, 'RetentionQuery');
      assert.equal(body.results.length, 11);
      assert.deepEqual(forbiddenKeys(body), []);
      const missing = await fetch(`${server.url}/v1/endpoints/nope/run`, { method: 'POST' });
      assert.equal(missing.status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('the demo mount', () => {
  test('serves the built demo at / and leaves the API alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-demo-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
    const config = loadConfig(
      { PORT: '0', PH_EMBED_UPSTREAM: 'fixtures', PH_EMBED_DEMO_DIR: dir },
      { cwd: dir },
    );
    const server = await startServer(config, { logger: createLogger({ destination: captureLogs() }) });
    try {
      const index = await fetch(`${server.url}/`);
      assert.equal(index.status, 200);
      assert.match(await index.text(), /<title>demo<\/title>/);
      const script = await fetch(`${server.url}/assets/app.js`);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      await script.text();
      assert.equal((await fetch(`${server.url}/v1/endpoints`)).status, 200);
      const missing = await fetch(`${server.url}/nope.html`);
      assert.equal(missing.status, 404);
      assert.ok(((await missing.json()) as { error: unknown }).error);
      assert.equal((await fetch(`${server.url}/..%2F..%2Fetc%2Fpasswd`)).status, 404);
      assert.equal((await fetch(`${server.url}/favicon.ico`)).status, 204, 'no 404 in the console');
    } finally {
      await server.close();
    }
  });

  test('without a built demo, / explains how to build it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-nodemo-'));
    const config = loadConfig(
      { PORT: '0', PH_EMBED_UPSTREAM: 'fixtures', PH_EMBED_DEMO_DIR: join(dir, 'missing') },
      { cwd: dir },
    );
    const server = await startServer(config, { logger: createLogger({ destination: captureLogs() }) });
    try {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await page.text(), /no demo is served here.*npm start/);
    } finally {
      await server.close();
    }
  });
});

describe('graceful shutdown', () => {
  test('close() stops accepting, lets the request in flight finish, then resolves', async () => {
    const harness = await startHarness();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    harness.fake.script('run', { wait: gate, then: { status: 200, json: { results: [] } } });
    const inFlight = harness.run('total_signups');
    await harness.fake.waitForRequest((request) => request.method === 'POST');

    let closed = false;
    const closing = harness.server.close().then(() => {
      closed = true;
    });
    await assert.rejects(fetch(`${harness.server.url}/healthz`), 'new connections are refused');
    assert.equal(closed, false, 'still waiting for the request in flight');

    release();
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    await closing;
    assert.equal(closed, true);
    await harness.close();
  });
});
