/**
 * `createHandler` as a plain web `(Request) => Promise<Response>` (what Next.js, Bun, Deno and Workers
 * call), and the Node adapter mounted in a bare `node:http` server the way Express and Connect mount
 * middleware: under a prefix, falling through to `next()` outside it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, RunResponse } from '../../src/data/types.js';
import { loadConfig } from '../../src/server/config.js';
import { createHandler, mintEmbedToken, phEmbed, toNodeListener } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { captureLogs } from './helpers/harness.js';
import { fixturesWithOrgEvents, makeSecret, recordingUpstream } from './helpers/security.js';

const secret = makeSecret();
const quietLogger = () => createLogger({ destination: captureLogs() });

describe('createHandler as a web handler', () => {
  test('answers Requests with Responses: health, listing, runs with tokens', async () => {
    const upstream = recordingUpstream();
    const handler = createHandler({ upstream, secrets: secret, logger: quietLogger() });
    const health = await handler(new Request('http://proxy.local/healthz'));
    assert.equal(health.status, 200);
    assert.ok(health.headers.get('x-request-id'));

    const refused = await handler(new Request('http://proxy.local/v1/endpoints'));
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as ErrorBody).error.code, 'token_missing');

    const token = await mintEmbedToken({ sub: 'acme', endpoints: ['total_signups'], ttlSeconds: 60 }, secret);
    const response = await handler(
      new Request('http://proxy.local/v1/endpoints/total_signups/run', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{"variables":{"date_from":"-30d"}}',
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as RunResponse).kind, 'TrendsQuery');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.match(response.headers.get('cache-control') ?? '', /^private/);
    assert.deepEqual(upstream.runs()[0]?.body, { variables: { date_from: '-30d' } });
    assert.equal(handler.fetch, handler, 'usable as {fetch} in Bun and Workers');
  });

  test('a basePath (a Next.js catch-all route) is stripped; paths outside it are a JSON 404', async () => {
    const handler = createHandler({
      upstream: recordingUpstream(),
      auth: 'none',
      basePath: '/api/analytics/',
      logger: quietLogger(),
    });
    assert.equal((await handler(new Request('http://x/api/analytics/healthz'))).status, 200);
    const outside = await handler(new Request('http://x/healthz'));
    assert.equal(outside.status, 404);
    assert.equal(((await outside.json()) as ErrorBody).error.code, 'endpoint_not_found');
    assert.equal((await handler(new Request('http://x/api/analyticsX/healthz'))).status, 404);
    const run = await handler(
      new Request('http://x/api/analytics/v1/endpoints/top_events/run', { method: 'POST', body: '{}' }),
    );
    assert.equal(run.status, 200);
  });

  test('takes a Config from loadConfig, with fixtures imported lazily on first use', async () => {
    const dir = fixturesWithOrgEvents();
    const config = loadConfig(
      { PH_EMBED_UPSTREAM: 'fixtures', PH_EMBED_FIXTURES_DIR: dir, PH_EMBED_SECRET: secret },
      { cwd: dir },
    );
    const handler = createHandler({ config, logger: quietLogger() });
    const token = await mintEmbedToken({ sub: 'acme', vars: { org_id: 'acme' }, ttlSeconds: 60 }, secret);
    const response = await handler(
      new Request('http://x/v1/endpoints/org_events/run', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as RunResponse).results, [['signed_up', 3]]);
  });

  test('bad options are refused when the handler is built, naming the option', () => {
    assert.throws(
      () => createHandler({ upstream: recordingUpstream(), secrets: 'short' }),
      /option "secrets"/,
    );
    assert.throws(() => createHandler({ upstream: recordingUpstream(), auth: 'token' }), /needs secrets/);
    assert.throws(
      () => createHandler({ upstream: recordingUpstream(), auth: 'maybe' as never }),
      /option "auth"/,
    );
    assert.throws(
      () =>
        createHandler({
          upstream: recordingUpstream(),
          endpoints: { a: { variables: { v: { type: 'Text' } } } } as never,
        }),
      /option "endpoints.a.variables"/,
    );
    assert.throws(() => createHandler({ auth: 'none' }), /needs an upstream/);
    // Without secrets, no tokens only when asked for: a missing PH_EMBED_SECRET must not open every endpoint.
    assert.throws(
      () => createHandler({ upstream: recordingUpstream(), secrets: undefined }),
      /no embed-token secrets.*`auth: "none"`/,
    );
  });

  test('the default logger writes JSON lines and never the secrets', async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const handler = createHandler({ upstream: recordingUpstream(), secrets: [secret], logLevel: 'debug' });
      await handler(
        new Request('http://x/v1/endpoints', { headers: { Authorization: `Bearer ${secret}.x.y` } }),
      );
    } finally {
      console.log = original;
    }
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.ok(!line.includes(secret), line);
      assert.equal(typeof (JSON.parse(line) as { level: unknown }).level, 'number');
    }
  });
});

describe('the Node adapter in a bare node:http server', () => {
  let server: Server;
  let origin: string;
  const upstream = recordingUpstream();
  const clientIps: string[] = [];

  before(async () => {
    // What Express does with app.use('/analytics', mw): strip the mount path, fall through with next().
    const middleware = phEmbed({ upstream, auth: 'none', logger: quietLogger() });
    const bare = toNodeListener(createHandler({ upstream, auth: 'none', logger: quietLogger() }), {
      basePath: '/bare',
    });
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const next = () => {
        res.statusCode = 418;
        res.end('the host app');
      };
      if (req.url?.startsWith('/bare')) return bare(req, res);
      if (req.url?.startsWith('/analytics/')) {
        const original = req.url;
        req.url = req.url.slice('/analytics'.length);
        return middleware(req, res, () => {
          req.url = original;
          next();
        });
      }
      next();
    });
    server.on('request', (req: IncomingMessage) => clientIps.push(req.socket.remoteAddress ?? ''));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  test('serves the proxy under the mount path, leaving the rest to the host app', async () => {
    const health = await fetch(`${origin}/analytics/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', upstream: 'fixtures' });
    const host = await fetch(`${origin}/elsewhere`);
    assert.equal(host.status, 418);
    assert.equal(await host.text(), 'the host app');
  });

  test('runs with a streamed body, and refuses an oversized one with 413', async () => {
    const run = await fetch(`${origin}/analytics/v1/endpoints/top_events/run`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"limit":2}',
    });
    assert.equal(run.status, 200);
    assert.equal(((await run.json()) as RunResponse<unknown[]>).results.length, 2);
    const big = await fetch(`${origin}/analytics/v1/endpoints/top_events/run`, {
      method: 'POST',
      body: `{"variables":{"x":"${'y'.repeat(100_000)}"}}`,
    });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as ErrorBody).error.code, 'payload_too_large');
  });

  test('basePath on a bare listener: inside is served, outside is a 404 with a request id', async () => {
    assert.equal((await fetch(`${origin}/bare/healthz`)).status, 200);
    const outside = await fetch(`${origin}/barely/healthz`);
    assert.equal(outside.status, 404);
    assert.ok(outside.headers.get('x-request-id'));
    assert.equal(((await outside.json()) as ErrorBody).error.code, 'endpoint_not_found');
  });

  test('a body an earlier middleware parsed (express.json()) is still read', async () => {
    const listener = phEmbed({ upstream, auth: 'none', logger: quietLogger() });
    const parsed = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (text += chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(text);
        listener(req, res);
      });
    });
    await new Promise<void>((done) => parsed.listen(0, '127.0.0.1', done));
    try {
      upstream.calls.length = 0;
      const port = (parsed.address() as AddressInfo).port;
      const response = await fetch(`http://127.0.0.1:${port}/v1/endpoints/total_signups/run`, {
        method: 'POST',
        body: '{"variables":{"date_from":"-14d"}}',
      });
      assert.equal(response.status, 200);
      assert.deepEqual(upstream.runs()[0]?.body, { variables: { date_from: '-14d' } });
    } finally {
      await new Promise<void>((done) => parsed.close(() => done()));
    }
  });

  test('the client address reaches the proxy (the tenant without tokens)', async () => {
    const logs = captureLogs();
    const listener = phEmbed({ upstream, auth: 'none', logger: createLogger({ destination: logs }) });
    const tenantServer = createServer((req, res) => listener(req, res));
    await new Promise<void>((done) => tenantServer.listen(0, '127.0.0.1', done));
    try {
      const port = (tenantServer.address() as AddressInfo).port;
      assert.equal((await fetch(`http://127.0.0.1:${port}/v1/endpoints`)).status, 200);
      const line = logs.entries().find((entry) => entry.msg === 'request');
      assert.equal(line?.tenant, '127.0.0.1');
    } finally {
      await new Promise<void>((done) => tenantServer.close(() => done()));
    }
    assert.ok(clientIps.length > 0);
  });
});
