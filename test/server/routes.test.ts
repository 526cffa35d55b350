/** Routing units through `app.request()`: health, listing, unknown paths, errors, CORS (portability: portability.test.ts). */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { ErrorBody } from '../../src/data/types.js';
import { errorOf, routingUnit, type RoutingUnit } from './helpers/routing.js';
import type { StubUpstream } from './helpers/stub-upstream.js';

let unit: RoutingUnit;
let upstream: StubUpstream;
beforeEach(() => {
  unit = routingUnit();
  upstream = unit.upstream;
});
const app = (config?: { corsOrigins?: string[]; endpoints?: string[] }) => unit.app(config);
const post = (path: string, body?: RequestInit['body']) => unit.post(path, body);

describe('GET /healthz', () => {
  test('answers ok with the upstream kind and the shared headers', async () => {
    const response = await app().request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', upstream: 'fixtures' });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  test('HEAD works and other methods are 405 with Allow', async () => {
    assert.equal((await app().request('/healthz', { method: 'HEAD' })).status, 200);
    const response = await app().request('/healthz', { method: 'DELETE' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
    assert.equal((await errorOf(response)).code, 'method_not_allowed');
  });
});

describe('GET /v1/endpoints', () => {
  test('lists every endpoint without query text, not cacheable', async () => {
    const response = await app().request('/v1/endpoints');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /^private\b/);
    const { endpoints } = (await response.json()) as { endpoints: Array<Record<string, unknown>> };
    assert.equal(endpoints.length, 9);
    for (const endpoint of endpoints) {
      assert.deepEqual(
        Object.keys(endpoint).filter(
          (key) => !['name', 'description', 'kind', 'display', 'variables'].includes(key),
        ),
        [],
      );
    }
    assert.deepEqual(
      endpoints.find((e) => e.name === 'top_events'),
      {
        name: 'top_events',
        kind: 'HogQLQuery',
        description: 'Events per user and browser in the last day (SQL)',
        variables: {},
      },
    );
  });

  test('is filtered by the allowlist', async () => {
    const response = await app({ endpoints: ['total_signups', 'top_events', 'not_there'] }).request(
      '/v1/endpoints',
    );
    const { endpoints } = (await response.json()) as { endpoints: Array<{ name: string }> };
    assert.deepEqual(endpoints.map((e) => e.name).sort(), ['top_events', 'total_signups']);
  });

  test('POST is 405', async () => {
    const response = await app().request('/v1/endpoints', { method: 'POST' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });
});

describe('everything else', () => {
  test('unknown paths are a JSON 404', async () => {
    for (const path of [
      '/',
      '/v1',
      '/v1/endpoints/total_signups',
      '/v1/endpoints/a/b/run',
      '/v2/endpoints',
    ]) {
      const response = await app().request(path);
      assert.equal(response.status, 404, path);
      await errorOf(response);
    }
  });

  test('unexpected failures are a generic 500, logged with the request id', async () => {
    upstream.failWith = new Error('database password is hunter2');
    const response = await post('/v1/endpoints/total_signups/run', '{}');
    assert.equal(response.status, 500);
    const text = await response.text();
    assert.ok(!text.includes('hunter2'));
    assert.ok(!/at .+\.ts/.test(text), 'no stack trace');
    assert.equal((JSON.parse(text) as ErrorBody).error.code, 'internal_error');
    const requestId = response.headers.get('x-request-id');
    const logged = unit.logs.entries().find((entry) => entry.level === 50);
    assert.equal(logged?.reqId, requestId);
    assert.match(JSON.stringify(logged), /hunter2/);
  });

  test('every request is logged once with its status', async () => {
    await app().request('/healthz');
    const lines = unit.logs.entries().filter((entry) => entry.msg === 'request');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.status, 200);
    assert.equal(lines[0]?.path, '/healthz');
  });
});

describe('CORS', () => {
  test('is off by default', async () => {
    const response = await app().request('/v1/endpoints', { headers: { Origin: 'https://app.example.com' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('allows only the configured origins', async () => {
    const cors = app({ corsOrigins: ['https://app.example.com'] });
    const preflight = await cors.request('/v1/endpoints/total_signups/run', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const allowed = await cors.request('/v1/endpoints', { headers: { Origin: 'https://app.example.com' } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const other = await cors.request('/v1/endpoints', { headers: { Origin: 'https://evil.example.com' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
