/** `POST /v1/endpoints/:name/run`: what is accepted, and that nothing refused reaches the upstream. */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
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

describe('POST /v1/endpoints/:name/run validation', () => {
  test('a valid request runs and is shaped', async () => {
    const response = await post(
      '/v1/endpoints/total_signups/run',
      '{"refresh":"force","variables":{"date_from":"-30d"}}',
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /^private\b/);
    const body = (await response.json()) as { kind: string; display: string };
    assert.equal(body.kind, 'TrendsQuery');
    assert.equal(body.display, 'BoldNumber');
    assert.deepEqual(upstream.calls.at(-1), {
      method: 'run',
      name: 'total_signups',
      body: { refresh: 'force', variables: { date_from: '-30d' } },
    });
  });

  test('an empty body is {}', async () => {
    const response = await app().request('/v1/endpoints/total_signups/run', { method: 'POST' });
    assert.equal(response.status, 200);
    assert.deepEqual(upstream.calls.at(-1)?.body, {});
  });

  test('names outside PostHog rule are 400 and never reach the upstream', async () => {
    const names = [
      '..%2F..%2Fetc%2Fpasswd',
      '..%2Fadmin',
      '%C3%A9t%C3%A9',
      '%F0%9F%98%80',
      'a'.repeat(129),
      '1abc',
      '_abc',
      '-abc',
      'a.b',
      'a%20b',
      '%00',
      'a%2Fb',
    ];
    for (const name of names) {
      const response = await post(`/v1/endpoints/${name}/run`, '{}');
      assert.equal(response.status, 400, name);
      assert.equal((await errorOf(response)).code, 'invalid_request');
    }
    assert.deepEqual(upstream.calls, []);
  });

  test('a 128-character name passes the rule', async () => {
    const response = await post(`/v1/endpoints/${'a'.repeat(128)}/run`, '{}');
    assert.equal(response.status, 404, 'reaches the upstream, which does not know it');
    assert.equal((await errorOf(response)).code, 'endpoint_not_found');
  });

  test('names off the allowlist look exactly like unknown ones, with no upstream call', async () => {
    const allow = app({ endpoints: ['total_signups'] });
    const hidden = await allow.request('/v1/endpoints/daily_active_users/run', {
      method: 'POST',
      body: '{}',
    });
    const missing = await app().request('/v1/endpoints/no_such_endpoint/run', { method: 'POST', body: '{}' });
    assert.equal(hidden.status, 404);
    assert.deepEqual(await errorOf(hidden), await errorOf(missing));
    assert.deepEqual(
      upstream.calls.filter((call) => call.name === 'daily_active_users'),
      [],
    );
  });

  const badBodies: Array<[string, string, RegExp]> = [
    ['malformed JSON', '{"variables": ', /not valid JSON/],
    ['an array', '[]', /JSON object/],
    ['a string', '"x"', /JSON object/],
    ['null', 'null', /JSON object/],
    ['a number', '7', /JSON object/],
    [
      'query_override',
      '{"query_override":{"kind":"HogQLQuery","query":"select 1"}}',
      /Unknown field "query_override"/,
    ],
    ['filters_override', '{"filters_override":{}}', /Unknown field "filters_override"/],
    ['two unknown fields', '{"a":1,"version":2}', /Unknown fields "a", "version"/],
    ['offset without limit', '{"offset":5}', /^offset needs limit$/],
    ['limit 0', '{"limit":0}', /^limit must be 1\.\.10000$/],
    ['limit 10001', '{"limit":10001}', /^limit must be 1\.\.10000$/],
    ['a fractional limit', '{"limit":1.5}', /^limit must be a whole number$/],
    ['a negative offset', '{"limit":1,"offset":-1}', /^offset must be 0 or more$/],
    ['refresh direct', '{"refresh":"direct"}', /^refresh must be "cache" or "force"$/],
    ['variables as a list', '{"variables":[1]}', /^variables/],
    ['too deep', `{"variables":{"a":${'['.repeat(50)}${']'.repeat(50)}}}`, /nested too deeply/],
  ];
  for (const [title, body, message] of badBodies) {
    test(`${title} is 400 with no upstream call`, async () => {
      const response = await post('/v1/endpoints/top_events/run', body);
      assert.equal(response.status, 400);
      const error = await errorOf(response);
      assert.equal(error.code, 'invalid_request');
      assert.match(error.message, message);
      assert.deepEqual(upstream.calls, []);
    });
  }

  test('limit on a non-SQL endpoint is 400 before anything runs', async () => {
    const response = await post('/v1/endpoints/daily_active_users/run', '{"limit":10}');
    assert.equal(response.status, 400);
    assert.match((await errorOf(response)).message, /SQL endpoints only/);
    assert.deepEqual(
      upstream.calls.map((call) => call.method),
      ['getEndpoint'],
    );
  });

  test('a body of exactly 16 KiB is accepted, one byte more is 413', async () => {
    // Padded with JSON whitespace: the body must stay valid, and unknown variables are refused.
    const exact = (size: number) => {
      const prefix = '{"variables":{"date_from":"-7d"}';
      return prefix + ' '.repeat(size - prefix.length - 1) + '}';
    };
    assert.equal((await post('/v1/endpoints/total_signups/run', exact(16 * 1024))).status, 200);
    const response = await post('/v1/endpoints/total_signups/run', exact(16 * 1024 + 1));
    assert.equal(response.status, 413);
    assert.equal((await errorOf(response)).code, 'payload_too_large');
  });

  test('a streamed body without Content-Length is capped too', async () => {
    const big = new TextEncoder().encode(`{"variables":{"pad":"${'x'.repeat(40_000)}"}}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 4096) controller.enqueue(big.slice(i, i + 4096));
        controller.close();
      },
    });
    const response = await app().request('/v1/endpoints/total_signups/run', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
    assert.deepEqual(upstream.calls, []);
  });

  test('a Content-Length that understates the body does not get past the cap', async () => {
    const big = `{"variables":{"pad":"${'x'.repeat(40_000)}"}}`;
    const request = new Request('http://proxy/v1/endpoints/total_signups/run', {
      method: 'POST',
      body: big,
      headers: { 'Content-Length': '10' },
    });
    const response = await app().fetch(request);
    assert.equal(response.status, 413);
    assert.deepEqual(upstream.calls, []);
  });

  test('wrong methods are 405 with Allow: POST and no upstream call', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await app().request('/v1/endpoints/total_signups/run', { method });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST');
      assert.equal((await errorOf(response)).code, 'method_not_allowed');
    }
    assert.deepEqual(upstream.calls, []);
  });
});
