/**
 * Embed tokens: minting, verification against every configured secret, and what the grant lets a
 * caller do, through the app (`app.request()`, tokens on).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { authenticator } from '../../src/server/auth/authenticate.js';
import { createTokenVerifier, mintEmbedToken, parseDuration } from '../../src/server/auth/tokens.js';
import { createLogger } from '../../src/server/logger.js';
import type { ErrorBody } from '../../src/data/types.js';
import { ApiError } from '../../src/server/errors/api-error.js';
import { errorOf } from './helpers/routing.js';
import { freshClaims, makeSecret, secureApp, signRaw } from './helpers/security.js';

const secret = makeSecret();
const verify = createTokenVerifier({ secrets: [secret], maxTtlS: 86_400 });

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('mintEmbedToken', () => {
  test('mints an HS256 token with aud, sub, iat, exp and the given claims', async () => {
    const token = await mintEmbedToken(
      { sub: 'acme', endpoints: ['org_events'], vars: { org_id: 'acme' }, refresh: true, expiresIn: '1h' },
      secret,
      { now: 1_700_000_000 },
    );
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(decodeJwt(token), {
      aud: 'ph-embed',
      sub: 'acme',
      iat: 1_700_000_000,
      exp: 1_700_003_600,
      endpoints: ['org_events'],
      vars: { org_id: 'acme' },
      refresh: true,
    });
  });

  test('leaves out what is not given, and refresh unless true', async () => {
    const claims = decodeJwt(await mintEmbedToken({ sub: 't', ttlSeconds: 60, refresh: false }, secret));
    assert.deepEqual(Object.keys(claims).sort(), ['aud', 'exp', 'iat', 'sub']);
    assert.equal(Number(claims.exp) - Number(claims.iat), 60);
  });

  test('refuses a short secret, a missing lifetime, one over the maximum, and bad claims', async () => {
    await assert.rejects(mintEmbedToken({ sub: 'a', ttlSeconds: 60 }, 'x'.repeat(31)), /at least 32 bytes/);
    await assert.rejects(mintEmbedToken({ sub: 'a' }, secret), /ttlSeconds or expiresIn/);
    await assert.rejects(mintEmbedToken({ sub: 'a', expiresIn: 'soon' }, secret), /positive duration/);
    await assert.rejects(
      mintEmbedToken({ sub: 'a', expiresIn: '2d' }, secret, { maxTtlSeconds: 86_400 }),
      /over the maximum/,
    );
    await assert.rejects(mintEmbedToken({ sub: '', ttlSeconds: 60 }, secret), /"sub"/);
    await assert.rejects(
      mintEmbedToken({ sub: 'a', ttlSeconds: 60, endpoints: ['../x'] }, secret),
      /"endpoints"/,
    );
    await assert.rejects(
      mintEmbedToken({ sub: 'a', ttlSeconds: 60, vars: { org: { nested: 1 } as never } }, secret),
      /"vars"/,
    );
  });

  test('parseDuration reads s, m, h, d and bare seconds', () => {
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('15m'), 900);
    assert.equal(parseDuration('1h'), 3600);
    assert.equal(parseDuration('7d'), 604_800);
    assert.equal(parseDuration('42'), 42);
    assert.equal(parseDuration(3600), 3600);
    for (const bad of ['', '0', '1w', '-1h', '1.5h', 'h', 0, -5, 1.5])
      assert.equal(parseDuration(bad), undefined);
  });
});

describe('token verification', () => {
  test('accepts a minted token and returns its claims', async () => {
    const token = await mintEmbedToken({ sub: 'acme', endpoints: ['a'], ttlSeconds: 600 }, secret);
    const claims = await verify(token);
    assert.equal(claims.sub, 'acme');
    assert.deepEqual(claims.endpoints, ['a']);
  });

  test('every configured secret verifies; the signing one is simply the first', async () => {
    const old = makeSecret();
    const rotating = createTokenVerifier({ secrets: [secret, old], maxTtlS: 3600 });
    const fromOld = await mintEmbedToken({ sub: 'old', ttlSeconds: 60 }, old);
    const fromNew = await mintEmbedToken({ sub: 'new', ttlSeconds: 60 }, secret);
    assert.equal((await rotating(fromOld)).sub, 'old');
    assert.equal((await rotating(fromNew)).sub, 'new');
    const retired = createTokenVerifier({ secrets: [secret], maxTtlS: 3600 });
    assert.equal((await refusal(retired(fromOld))).code, 'token_invalid');
  });

  test('tolerates a few seconds of clock skew, no more', async () => {
    const now = Math.floor(Date.now() / 1000);
    const justExpired = await signRaw(freshClaims({ iat: now - 60, exp: now - 3 }), secret);
    assert.equal((await verify(justExpired)).sub, 'acme');
    const expired = await signRaw(freshClaims({ iat: now - 60, exp: now - 30 }), secret);
    const error = await refusal(verify(expired));
    assert.equal(error.code, 'token_expired');
    assert.equal(error.status, 401);
    const slightlyEarly = await signRaw(freshClaims({ iat: now + 3 }), secret);
    assert.equal((await verify(slightlyEarly)).sub, 'acme');
  });

  test('a token verified once is remembered, but still expires on time', async () => {
    let nowMs = Date.now();
    const clocked = createTokenVerifier({ secrets: [secret], maxTtlS: 3600, now: () => nowMs });
    const token = await mintEmbedToken({ sub: 'acme', ttlSeconds: 60 }, secret, {
      now: Math.floor(nowMs / 1000),
    });
    assert.equal((await clocked(token)).sub, 'acme');
    assert.equal((await clocked(token)).sub, 'acme');
    nowMs += 120_000;
    assert.equal((await refusal(clocked(token))).code, 'token_expired');
  });

  test('known(): only a token verified before and still within its times, decided at once', async () => {
    let nowMs = Date.now();
    const clocked = createTokenVerifier({ secrets: [secret], maxTtlS: 3600, now: () => nowMs });
    const token = await mintEmbedToken({ sub: 'acme', ttlSeconds: 60 }, secret, {
      now: Math.floor(nowMs / 1000),
    });
    assert.equal(clocked.known(token), undefined, 'never verified');
    const claims = await clocked(token);
    assert.equal(clocked.known(token), claims);
    assert.equal(clocked.known(`${token}x`), undefined, 'another text is another token');
    nowMs += 120_000;
    assert.equal(clocked.known(token), undefined, 'expired since');
  });

  test('authenticate.now(): the grant when known at once, else undefined; it never throws', async () => {
    const open = authenticator({ mode: 'none' });
    assert.equal(open.now(undefined, '10.0.0.1')?.tenant, '10.0.0.1');
    const auth = authenticator({ mode: 'token', verify });
    const token = await mintEmbedToken({ sub: 'acme', ttlSeconds: 60, endpoints: ['a'] }, secret);
    for (const header of [undefined, '', 'Bearer', 'Basic abc', `Bearer ${token}`, 'Bearer a.b.c']) {
      assert.equal(auth.now(header, undefined), undefined, String(header));
    }
    const grant = await auth(`Bearer ${token}`, undefined, createLogger({ level: 'silent' }));
    assert.equal(auth.now(`bearer  ${token} `, undefined), grant, 'the same grant, from the same claims');
    assert.deepEqual([...(grant.endpoints ?? [])], ['a']);
  });

  test('a lifetime over the maximum is refused with a message that says so', async () => {
    const strict = createTokenVerifier({ secrets: [secret], maxTtlS: 3600 });
    const long = await mintEmbedToken({ sub: 'a', ttlSeconds: 7200 }, secret);
    const error = await refusal(strict(long));
    assert.equal(error.code, 'token_invalid');
    assert.match(error.message, /lives 7200 s .* at most 3600 s/);
    // A future iat cannot be used to stretch a token past the maximum either.
    const now = Math.floor(Date.now() / 1000);
    const stretched = await signRaw(freshClaims({ iat: now + 86_000, exp: now + 86_400 }), secret);
    assert.match((await refusal(strict(stretched))).message, /issued in the future/);
  });

  test('a token without iat (DESIGN.md does not require it) is accepted, its lifetime counted from now', async () => {
    const strict = createTokenVerifier({ secrets: [secret], maxTtlS: 3600 });
    const now = Math.floor(Date.now() / 1000);
    const withoutIat = { ...freshClaims({ exp: now + 600 }), iat: undefined };
    const claims = await strict(await signRaw(withoutIat, secret));
    assert.equal(claims.sub, 'acme');
    assert.equal(claims.iat, undefined);
    const tooLong = { ...freshClaims({ exp: now + 7200 }), iat: undefined };
    assert.match(
      (await refusal(strict(await signRaw(tooLong, secret)))).message,
      /lives \d+ s \(exp - now\)/,
    );
  });

  test('each refusal is a 401 with a WWW-Authenticate header and no token in it', async () => {
    const token = await signRaw(freshClaims({ aud: 'someone-else' }), secret);
    const error = await refusal(verify(token));
    assert.equal(error.status, 401);
    assert.match(error.headers['WWW-Authenticate'] ?? '', /^Bearer realm="ph-embed", error="invalid_token"/);
    assert.ok(!JSON.stringify(error.toBody()).includes(token));
    assert.match(error.message, /aud must be "ph-embed"/);
  });
});

describe('what a token grants, through the app', () => {
  test('the tenant comes from sub; GET /v1/endpoints lists only the token endpoints', async () => {
    const unit = secureApp();
    const token = await mintEmbedToken(
      { sub: 'acme', endpoints: ['total_signups', 'top_events', 'not_there'], ttlSeconds: 600 },
      unit.secret,
    );
    const response = await unit.app.request('/v1/endpoints', {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    const { endpoints } = (await response.json()) as { endpoints: Array<{ name: string }> };
    assert.deepEqual(endpoints.map((e) => e.name).sort(), ['top_events', 'total_signups']);
    const logged = unit.logs.entries().find((entry) => entry.msg === 'request');
    assert.equal(logged?.tenant, 'acme');
  });

  test('without endpoints in the token, everything the proxy allows', async () => {
    const unit = secureApp({ endpoints: ['total_signups', 'org_events'] });
    const token = await mintEmbedToken({ sub: 'acme', ttlSeconds: 600 }, unit.secret);
    const response = await unit.app.request('/v1/endpoints', {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { endpoints } = (await response.json()) as { endpoints: Array<{ name: string }> };
    assert.deepEqual(endpoints.map((e) => e.name).sort(), ['org_events', 'total_signups']);
  });

  test('locked variables are hidden from the listing, and endpoints that cannot take them are left out', async () => {
    const unit = secureApp();
    const token = await mintEmbedToken(
      { sub: 'acme', endpoints: ['org_events', 'total_signups'], vars: { org_id: 'acme' }, ttlSeconds: 600 },
      unit.secret,
    );
    const response = await unit.app.request('/v1/endpoints', {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { endpoints } = (await response.json()) as {
      endpoints: Array<{ name: string; variables: Record<string, unknown> }>;
    };
    assert.deepEqual(
      endpoints.map((e) => e.name),
      ['org_events'],
    );
    assert.deepEqual(Object.keys(endpoints[0]?.variables ?? {}).sort(), [
      'include_bots',
      'min_count',
      'since',
      'tags',
    ]);
  });

  test('a locked variable is merged into the run; sending the same value is fine', async () => {
    const unit = secureApp();
    const token = await mintEmbedToken(
      {
        sub: 'acme',
        endpoints: ['org_events'],
        vars: { org_id: 'acme', tags: ['web', 'app'] },
        ttlSeconds: 600,
      },
      unit.secret,
    );
    const plain = await unit.run('org_events', { variables: { min_count: 2 } }, token);
    assert.equal(plain.status, 200);
    const same = await unit.run('org_events', { variables: { org_id: 'acme', tags: ['web', 'app'] } }, token);
    assert.equal(same.status, 200);
    assert.deepEqual(
      unit.upstream.runs().map((call) => call.body?.variables),
      [
        { min_count: 2, org_id: 'acme', tags: ['web', 'app'] },
        { org_id: 'acme', tags: ['web', 'app'] },
      ],
    );
  });

  test('a token that locks a variable cannot run an endpoint without it', async () => {
    const unit = secureApp();
    const token = await mintEmbedToken(
      { sub: 'acme', vars: { org_id: 'acme' }, ttlSeconds: 600 },
      unit.secret,
    );
    const response = await unit.run('total_signups', {}, token);
    assert.equal(response.status, 403);
    const error = await errorOf(response);
    assert.equal(error.code, 'endpoint_not_allowed');
    assert.match(error.message, /fixes variable "org_id", which endpoint "total_signups" does not take/);
    assert.deepEqual(unit.upstream.runs(), []);
  });

  test('refresh: force reaches the upstream only when the token allows it', async () => {
    const unit = secureApp();
    const plain = await mintEmbedToken({ sub: 'acme', ttlSeconds: 600 }, unit.secret);
    const fresh = await mintEmbedToken({ sub: 'acme', refresh: true, ttlSeconds: 600 }, unit.secret);
    assert.equal((await unit.run('total_signups', { refresh: 'force' }, plain)).status, 200);
    assert.equal((await unit.run('total_signups', { refresh: 'force' }, fresh)).status, 200);
    assert.deepEqual(
      unit.upstream.runs().map((call) => call.body?.refresh),
      [undefined, 'force'],
    );
  });

  test('auth: none needs no token and grants everything', async () => {
    const unit = secureApp({ auth: 'none', secrets: [] });
    assert.equal((await unit.run('total_signups', { refresh: 'force' })).status, 200);
    assert.equal(unit.upstream.runs()[0]?.body?.refresh, 'force');
  });

  test('/healthz needs no token; /metrics no embed token, but only for clients on this machine', async () => {
    const unit = secureApp();
    assert.equal((await unit.app.request('/healthz')).status, 200);
    assert.equal((await unit.app.request('/metrics', {}, socketFrom('127.0.0.1'))).status, 200);
    assert.equal((await unit.app.request('/metrics', {}, socketFrom('::1'))).status, 200);
    for (const env of [socketFrom('203.0.113.9'), undefined]) {
      const refused = await unit.app.request('/metrics', {}, env);
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as ErrorBody).error.code, 'origin_not_allowed');
    }
    assert.equal((await unit.app.request('/v1/endpoints')).status, 401);
  });

  test('with a metrics token, /metrics answers that bearer token from anywhere, and nothing else', async () => {
    const token = makeSecret();
    const unit = secureApp({ metricsToken: token });
    const scrape = (authorization: string | undefined, address: string) =>
      unit.app.request(
        '/metrics',
        { headers: authorization === undefined ? {} : { Authorization: authorization } },
        socketFrom(address),
      );
    assert.equal((await scrape(`Bearer ${token}`, '203.0.113.9')).status, 200);
    for (const wrong of [
      undefined,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      token,
      `Bearer ${unit.secret}`,
    ]) {
      const refused = await scrape(wrong, '127.0.0.1');
      assert.equal(refused.status, 401, `${wrong} must be refused`);
      assert.equal(((await refused.json()) as ErrorBody).error.code, 'token_invalid');
    }
  });
});

/** The environment @hono/node-server passes: a socket with the client's address. */
function socketFrom(remoteAddress: string) {
  return { incoming: { socket: { remoteAddress } } };
}
