/**
 * Cache hits answered at once (routes/run-hit.ts) give the answers of the full way, on one real proxy.
 * The Node listener takes `/v1/endpoints/total_signups/run` itself and reads the body first, so a hit
 * can be decided at once; the same name percent-encoded (`total%5Fsignups`) goes through the Hono app,
 * which decodes it and runs the same lane without a read body: always the full way. Both share the
 * proxy's cache, limits and clock, so each pair of calls must get the same status, headers and body.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import { mintEmbedToken } from '../../src/server/auth/tokens.js';
import type { ProxyAnswer } from './helpers/harness.js';
import {
  errorCodeOf,
  metaOf,
  runCalls,
  startClockedProxy,
  until,
  type TestProxy,
} from './helpers/resilient-proxy.js';
import { freshClaims, signRaw } from './helpers/security.js';

const AT_ONCE = '/v1/endpoints/total_signups/run';
const FULL_WAY = '/v1/endpoints/total%5Fsignups/run';
const ORIGIN = 'https://app.example';
const secret = randomBytes(36).toString('base64url');

let proxy: TestProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function start(env: Record<string, string> = {}) {
  const started = await startClockedProxy({ PH_EMBED_SECRET: secret, PH_EMBED_CORS_ORIGINS: ORIGIN, ...env });
  proxy = started.proxy;
  return started;
}

const bearer = async (claims: Parameters<typeof mintEmbedToken>[0]) =>
  `Bearer ${await mintEmbedToken(claims, secret)}`;

function post(p: TestProxy, path: string, headers: Record<string, string>, body = '{}') {
  return p.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}

/** Everything a browser sees of an answer but its request id. */
function seen(answer: ProxyAnswer) {
  const headers = [...answer.headers].filter(([name]) => name !== 'x-request-id' && name !== 'date');
  return { status: answer.status, headers, body: answer.text };
}

/** Calls both ways with the same request; asserts they answer alike, and returns the answer. */
async function same(p: TestProxy, headers: Record<string, string>, body = '{}'): Promise<ProxyAnswer> {
  const atOnce = await post(p, AT_ONCE, headers, body);
  const fullWay = await post(p, FULL_WAY, headers, body);
  assert.deepEqual(seen(atOnce), seen(fullWay), `${JSON.stringify(headers)} ${body}`);
  assert.ok(atOnce.headers.get('x-request-id'));
  assert.notEqual(atOnce.headers.get('x-request-id'), fullWay.headers.get('x-request-id'));
  return atOnce;
}

describe('cache hits answered at once', () => {
  test('a hit, a 304, CORS headers and every refusal match the full way, and no hit calls PostHog', async () => {
    const { proxy: p } = await start();
    const acme = await bearer({ sub: 'acme', ttlSeconds: 600, vars: { org_id: 'acme' } });
    const open = await bearer({ sub: 'globex', ttlSeconds: 600 });
    // Misses fill the cache (and the verified-token memo) for each caller first.
    assert.equal(metaOf(await post(p, FULL_WAY, { Authorization: open })).cache, 'miss');
    const runs = runCalls(p.fake);

    const hit = await same(p, { Authorization: open, Origin: ORIGIN });
    assert.equal(hit.status, 200);
    assert.equal(metaOf(hit).cache, 'hit');
    assert.equal(hit.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(hit.headers.get('vary'), 'Origin');
    assert.equal(hit.headers.get('x-content-type-options'), 'nosniff');
    assert.match(hit.headers.get('cache-control') ?? '', /^private\b/);
    const etag = hit.headers.get('etag') ?? '';
    assert.match(etag, /^W\/"/);
    assert.equal((await same(p, { Authorization: open, 'If-None-Match': etag })).status, 304);
    assert.equal((await same(p, { Authorization: open }, '{"refresh":"cache"}')).status, 200);
    assert.equal(runCalls(p.fake), runs, 'hits never reach PostHog');

    const refusals: Array<[Record<string, string>, string, number, string]> = [
      [{ Authorization: open, Origin: 'https://evil.example' }, '{}', 403, 'origin_not_allowed'],
      [{}, '{}', 401, 'token_missing'],
      [{ Authorization: 'Bearer not.a.token' }, '{}', 401, 'token_invalid'],
      [{ Authorization: await expired() }, '{}', 401, 'token_expired'],
      [
        { Authorization: await bearer({ sub: 'x', ttlSeconds: 60, endpoints: ['top_events'] }) },
        '{}',
        403,
        'endpoint_not_allowed',
      ],
      [{ Authorization: acme }, '{"variables":{"org_id":"globex"}}', 403, 'variable_locked'],
      [{ Authorization: open }, '{"variables":{"nope":1}}', 400, 'invalid_variables'],
      [{ Authorization: open }, '{"limit":5}', 400, 'invalid_request'],
      [{ Authorization: open }, '{"query_override":{}}', 400, 'invalid_request'],
      [{ Authorization: open }, 'not json', 400, 'invalid_request'],
    ];
    for (const [headers, body, status, code] of refusals) {
      const answer = await same(p, headers, body);
      assert.equal(answer.status, status, `${code}: ${answer.text}`);
      assert.equal(errorCodeOf(answer), code);
    }
    assert.equal(runCalls(p.fake), runs, 'no refusal reaches PostHog');
  });

  test('an answer past its TTL is not a hit: it is served stale while one refresh runs', async () => {
    const { proxy: p, clock } = await start();
    const token = await bearer({ sub: 'acme', ttlSeconds: 600 });
    await post(p, AT_ONCE, { Authorization: token });
    assert.equal(metaOf(await post(p, AT_ONCE, { Authorization: token })).cache, 'hit');
    const runs = runCalls(p.fake);
    // total_signups declares data_freshness_seconds: 3600; half an hour past it, it is stale.
    clock.advance(5400 * 1000);
    assert.equal(metaOf(await post(p, AT_ONCE, { Authorization: token })).cache, 'stale');
    await until(() => runCalls(p.fake) === runs + 1, 'the background refresh');
  });

  test('a forced refresh the token allows always runs, whichever way it comes', async () => {
    const { proxy: p } = await start();
    const token = await bearer({ sub: 'acme', ttlSeconds: 600, refresh: true });
    await post(p, AT_ONCE, { Authorization: token });
    const runs = runCalls(p.fake);
    assert.equal(
      metaOf(await post(p, AT_ONCE, { Authorization: token }, '{"refresh":"force"}')).cache,
      'miss',
    );
    assert.equal(
      metaOf(await post(p, FULL_WAY, { Authorization: token }, '{"refresh":"force"}')).cache,
      'miss',
    );
    assert.equal(runCalls(p.fake), runs + 2);
  });

  test('hits and full calls spend one budget: the call past it is refused whichever way it comes', async () => {
    const { proxy: p } = await start({ PH_EMBED_RATE_LIMIT: '4', PH_EMBED_RATE_LIMIT_IP: '1000' });
    const token = await bearer({ sub: 'acme', ttlSeconds: 600 });
    const paths = [FULL_WAY, AT_ONCE, FULL_WAY, AT_ONCE];
    for (const path of paths) assert.equal((await post(p, path, { Authorization: token })).status, 200);
    for (const path of [AT_ONCE, FULL_WAY]) {
      const refused = await post(p, path, { Authorization: token });
      assert.equal(refused.status, 429, path);
      assert.equal(errorCodeOf(refused), 'rate_limited');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
    assert.match(
      (await p.request('/metrics')).text,
      /^ph_embed_limiter_rejections_total\{limiter="tenant"\} 2$/m,
    );
    assert.match(
      (await p.request('/metrics')).text,
      /^ph_embed_cache_requests_total\{endpoint="total_signups",result="hit"\} 3$/m,
    );
  });

  test('a client that leaves halfway through its body has its call logged once as cancelled, and the proxy serves on', async () => {
    const { proxy: p } = await start();
    const token = await bearer({ sub: 'acme', ttlSeconds: 600 });
    assert.equal(metaOf(await post(p, AT_ONCE, { Authorization: token })).cache, 'miss');
    const socket = connect(Number(new URL(p.server.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    // The head and part of the body, then the end of the connection: the proxy reads both, in order.
    await new Promise((resolve) =>
      socket.write(
        `POST ${AT_ONCE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{"variables":',
        resolve,
      ),
    );
    socket.destroy();
    await until(
      () => p.logs.entries().some((entry) => entry.msg === 'client closed the request'),
      'the cancelled call is logged',
    );
    const accessLines = p.logs.entries().filter((entry) => entry.msg === 'request');
    assert.deepEqual(
      accessLines.map((entry) => entry.status),
      [200, 503],
    );
    assert.equal(metaOf(await post(p, AT_ONCE, { Authorization: token })).cache, 'hit');
  });
});

/** A token signed with the right secret whose `exp` has passed (mintEmbedToken refuses to make one). */
async function expired(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = freshClaims({ iat: now - 120, exp: now - 60, endpoints: ['total_signups'] });
  return `Bearer ${await signRaw(claims, secret)}`;
}
