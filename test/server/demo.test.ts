/**
 * Demo mode (src/server/demo.ts): the switch, the secret generated for the run, and `POST /demo/token`
 * against the real server on the local engine: a tenant token sees only its own org and a request for
 * another org is refused, the product and internal tokens run what they should, and the route does not
 * exist outside demo mode or off loopback.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { loadConfig } from '../../src/server/config.js';
import { demoRequested, DEMO_TOKEN_TTL_S, mountDemoTokens, withDemoSecret } from '../../src/server/demo.js';
import { createHandler } from '../../src/server/handler.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { fetchWithoutLeaks, type ProxyAnswer } from './helpers/harness.js';

const NO_DEMO_DIR = join(tmpdir(), 'ph-embed-no-demo-here');
const BASE_ENV = { PORT: '0', LOG_LEVEL: 'silent', PH_EMBED_DEMO_DIR: NO_DEMO_DIR, PH_EMBED_CONFIG: '' };

describe('the demo switch', () => {
  test('PH_EMBED_DEMO turns demo mode on only for a loopback HOST', () => {
    assert.equal(demoRequested({ PH_EMBED_DEMO: 'true' }), true);
    assert.equal(demoRequested({ PH_EMBED_DEMO: '1', HOST: '::1' }), true);
    assert.equal(demoRequested({ PH_EMBED_DEMO: 'true', HOST: 'localhost' }), true);
    assert.equal(demoRequested({}), false);
    assert.equal(demoRequested({ PH_EMBED_DEMO: 'false' }), false);
    assert.equal(demoRequested({ PH_EMBED_DEMO: 'true', HOST: '0.0.0.0' }), false);
    assert.equal(demoRequested({ PH_EMBED_DEMO: 'true', HOST: '192.168.1.4' }), false);
  });

  test('demo mode generates a secret when none is set, so the proxy runs with tokens', () => {
    const first = withDemoSecret({ PH_EMBED_DEMO: 'true' });
    const second = withDemoSecret({ PH_EMBED_DEMO: 'true' });
    assert.ok(first.PH_EMBED_SECRET && first.PH_EMBED_SECRET.length >= 32);
    assert.notEqual(first.PH_EMBED_SECRET, second.PH_EMBED_SECRET, 'a new secret per run');
    assert.equal(loadConfig({ ...BASE_ENV, ...first }).auth, 'token');
  });

  test('a given secret is kept, and outside demo mode nothing is added', () => {
    const secret = 's'.repeat(40);
    assert.equal(withDemoSecret({ PH_EMBED_DEMO: 'true', PH_EMBED_SECRET: secret }).PH_EMBED_SECRET, secret);
    assert.equal(withDemoSecret({}).PH_EMBED_SECRET, undefined);
    assert.equal(withDemoSecret({ PH_EMBED_DEMO: 'true', HOST: '0.0.0.0' }).PH_EMBED_SECRET, undefined);
  });
});

describe('POST /demo/token', () => {
  let server: RunningServer;
  /** The generated embed secret: no answer may carry it. */
  let secrets: readonly string[];

  before(async () => {
    const config = loadConfig({ ...BASE_ENV, ...withDemoSecret({ PH_EMBED_DEMO: 'true' }) });
    secrets = config.embedSecrets();
    server = await startServer(config, { demo: true });
  });

  after(() => server?.close());

  async function mint(body: unknown): Promise<string> {
    const response = await post('/demo/token', body);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    return (response.json as { token: string }).token;
  }

  function post(path: string, body: unknown, token?: string): Promise<ProxyAnswer> {
    const init: RequestInit = {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    };
    return fetchWithoutLeaks(server.url, path, init, secrets);
  }

  async function topPages(token: string, orgId?: string): Promise<{ status: number; body: unknown }> {
    const response = await post(
      '/v1/endpoints/top_pages/run',
      orgId === undefined ? {} : { variables: { org_id: orgId } },
      token,
    );
    return { status: response.status, body: response.json };
  }

  test('a tenant token locks org_id to the tenant, for the endpoints that filter by it, briefly', async () => {
    const claims = decodeJwt(await mint({ tenant: 'globex' }));
    assert.equal(claims.sub, 'globex');
    assert.deepEqual(claims.vars, { org_id: 'globex' });
    assert.deepEqual(claims.endpoints, ['top_pages', 'events_table']);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), DEMO_TOKEN_TTL_S);
  });

  test("a tenant sees its own pages, different from another tenant's", async () => {
    const globex = await topPages(await mint({ tenant: 'globex' }));
    const initech = await topPages(await mint({ tenant: 'initech' }));
    assert.equal(globex.status, 200);
    assert.equal(initech.status, 200);
    const rows = (answer: { body: unknown }) => (answer.body as { results: unknown[] }).results;
    assert.ok(rows(globex).length > 0);
    assert.notDeepEqual(rows(globex), rows(initech));
  });

  test("asking for another tenant's data is refused with variable_locked", async () => {
    const token = await mint({ tenant: 'globex' });
    const answer = await topPages(token, 'acme');
    assert.equal(answer.status, 403);
    assert.equal((answer.body as { error: { code: string } }).error.code, 'variable_locked');
    assert.equal((await topPages(token, 'globex')).status, 200, 'echoing its own value is fine');
  });

  test('a tenant token runs no insight; the product token runs insights and no tenant table', async () => {
    const tenant = await mint({ tenant: 'globex' });
    const product = await mint({ tenant: 'globex', scope: 'product' });
    assert.equal((await post('/v1/endpoints/daily_active_users/run', {}, tenant)).status, 403);
    assert.equal((await post('/v1/endpoints/daily_active_users/run', {}, product)).status, 200);
    assert.equal((await topPages(product, 'acme')).status, 403);
  });

  test('the internal token runs every endpoint with any org_id', async () => {
    const internal = await mint({ scope: 'internal' });
    assert.equal(decodeJwt(internal).vars, undefined);
    assert.equal((await topPages(internal, 'hooli')).status, 200);
    const events = await post('/v1/endpoints/events_table/run', { variables: { org_id: 'acme' } }, internal);
    assert.equal(events.status, 200);
    assert.equal((await post('/v1/endpoints/daily_active_users/run', {}, internal)).status, 200);
  });

  test('tokens are on: the API refuses a call without one', async () => {
    assert.equal((await topPages('')).status, 401);
  });

  test('a malformed request is a 400 naming the problem; GET is a 405', async () => {
    for (const body of [{}, { tenant: '' }, { tenant: 'acme', scope: 'admin' }, { tenant: 'acme', org: 1 }]) {
      const response = await post('/demo/token', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((response.json as { error: { code: string } }).error.code, 'invalid_request');
    }
    assert.equal((await fetchWithoutLeaks(server.url, '/demo/token', undefined, secrets)).status, 405);
  });

  test('a page reaching it under another host name (DNS rebinding) gets no token', async () => {
    // fetch() will not send a Host header of its own choosing; node:http will, as a browser would.
    const { port } = new URL(server.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/demo/token', method: 'POST', headers: { Host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.once('error', reject);
      req.end(JSON.stringify({ tenant: 'acme' }));
    });
    assert.equal(status, 403);
  });
});

describe('without demo mode', () => {
  test('the route does not exist when the server is not started for the demo', async () => {
    const config = loadConfig({
      ...BASE_ENV,
      PH_EMBED_SECRET: 'k'.repeat(40),
      PH_EMBED_UPSTREAM: 'fixtures',
    });
    const server = await startServer(config);
    try {
      const init = { method: 'POST', body: '{"tenant":"acme"}' };
      const response = await fetchWithoutLeaks(server.url, '/demo/token', init, config.embedSecrets());
      assert.equal(response.status, 404);
    } finally {
      await server.close();
    }
  });

  test('off loopback it is never mounted, even when asked', async () => {
    const config = loadConfig({
      ...BASE_ENV,
      HOST: '0.0.0.0',
      PH_EMBED_SECRET: 'k'.repeat(40),
      PH_EMBED_UPSTREAM: 'fixtures',
    });
    const handler = createHandler({ config, logLevel: 'silent' });
    assert.equal(mountDemoTokens(handler.app, config), false);
    const response = await handler(
      new Request('http://127.0.0.1/demo/token', { method: 'POST', body: '{"tenant":"acme"}' }),
    );
    assert.equal(response.status, 404);
  });
});
