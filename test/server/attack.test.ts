/**
 * The attack suite: hostile requests against a proxy with tokens, CORS and variable schemas on. Every
 * case asserts the status, the error code, and that the upstream was not called at all (not even for
 * an endpoint definition). The last cases speak raw HTTP to a real server for what `fetch` cannot
 * send: header injection and oversized headers.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ErrorCode } from '../../src/data/types.js';
import { mintEmbedToken } from '../../src/server/auth/tokens.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { captureLogs } from './helpers/harness.js';
import { errorOf } from './helpers/routing.js';
import {
  b64,
  freshClaims,
  makeSecret,
  recordingUpstream,
  secureApp,
  signRaw,
  type SecureApp,
} from './helpers/security.js';

const ORIGIN = 'https://app.example.com';
const secret = makeSecret();
const otherSecret = makeSecret();

interface Attack {
  title: string;
  send: () => Response | Promise<Response>;
  status: number;
  code: ErrorCode;
}

let unit: SecureApp;
let token: string;

/** A valid token for tenant acme: two endpoints, org_id locked. */
async function goodToken(
  extra: Parameters<typeof mintEmbedToken>[0] | undefined = undefined,
): Promise<string> {
  return mintEmbedToken(
    extra ?? {
      sub: 'acme',
      endpoints: ['org_events', 'total_signups'],
      vars: { org_id: 'acme' },
      ttlSeconds: 600,
    },
    secret,
  );
}

/** HS-signs header.payload by hand, for headers jose would never produce. */
function handSigned(header: Record<string, unknown>, payload: Record<string, unknown>, key = secret): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

const run = (
  body: unknown,
  auth: string | undefined,
  headers: Record<string, string> = {},
  name = 'org_events',
) =>
  unit.app.request(`/v1/endpoints/${name}/run`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'Content-Type': 'application/json',
      ...(auth === undefined ? {} : { Authorization: auth }),
      ...headers,
    },
  });
const bearer = (value: string) => `Bearer ${value}`;
const ok = { variables: { min_count: 2 } };

before(async () => {
  unit = secureApp({
    secrets: [secret],
    corsOrigins: [ORIGIN],
    maxTokenTtlS: 3600,
    endpointVariables: {
      org_events: {
        org_id: { type: 'String', required: true, pattern: '[a-z0-9-]{1,40}' },
        min_count: { type: 'Number', min: 1, max: 1000 },
        since: { type: 'Date' },
      },
    },
  });
  token = await goodToken();
});

const now = () => Math.floor(Date.now() / 1000);

const ATTACKS: Attack[] = [
  { title: 'no Authorization header', send: () => run(ok, undefined), status: 401, code: 'token_missing' },
  { title: 'an empty bearer', send: () => run(ok, 'Bearer '), status: 401, code: 'token_missing' },
  {
    title: 'Basic credentials',
    send: () => run(ok, 'Basic dXNlcjpwYXNz'),
    status: 401,
    code: 'token_invalid',
  },
  { title: 'a garbage token', send: () => run(ok, bearer('not.a.jwt!')), status: 401, code: 'token_invalid' },
  {
    title: 'the token in the query string instead of the header',
    send: () =>
      unit.app.request(`/v1/endpoints/org_events/run?token=${token}`, { method: 'POST', body: '{}' }),
    status: 401,
    code: 'token_missing',
  },
  {
    title: 'a token forged with another secret',
    send: async () => run(ok, bearer(await signRaw(freshClaims(), otherSecret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'alg: none without a signature',
    send: () => run(ok, bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(freshClaims())}.`)),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'alg: none with a made-up signature',
    send: () => run(ok, bearer(`${b64({ alg: 'none' })}.${b64(freshClaims())}.AAAA`)),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'HS512 with the right secret',
    send: async () => run(ok, bearer(await signRaw(freshClaims(), secret, { alg: 'HS512' }))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'RS256 in the header over an HMAC signature (algorithm confusion)',
    send: () => run(ok, bearer(handSigned({ alg: 'RS256' }, freshClaims()))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'a wrong audience',
    send: async () => run(ok, bearer(await signRaw(freshClaims({ aud: 'posthog' }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'no audience',
    send: async () => run(ok, bearer(await signRaw(freshClaims({ aud: undefined }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'an expired token',
    send: async () =>
      run(ok, bearer(await signRaw(freshClaims({ iat: now() - 600, exp: now() - 60 }), secret))),
    status: 401,
    code: 'token_expired',
  },
  {
    title: 'a token not valid yet (nbf)',
    send: async () => run(ok, bearer(await signRaw(freshClaims({ nbf: now() + 300 }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'a token issued in the future',
    send: async () =>
      run(ok, bearer(await signRaw(freshClaims({ iat: now() + 300, exp: now() + 600 }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'a lifetime over PH_EMBED_MAX_TOKEN_TTL_S',
    send: async () => run(ok, bearer(await signRaw(freshClaims({}, 7200), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'no exp',
    send: async () => run(ok, bearer(await signRaw(freshClaims({ exp: undefined }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'no sub',
    send: async () => run(ok, bearer(await signRaw(freshClaims({ sub: undefined }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'a tampered payload under a valid signature',
    send: () => {
      const [header, , signature] = token.split('.');
      const payload = b64(
        freshClaims({ sub: 'globex', endpoints: ['org_events'], vars: { org_id: 'globex' } }),
      );
      return run(ok, bearer(`${header}.${payload}.${signature}`));
    },
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'an oversized token',
    send: () => run(ok, bearer(`${'a'.repeat(9000)}.b.c`)),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'a critical header extension',
    send: () => run(ok, bearer(handSigned({ alg: 'HS256', crit: ['exp'], exp: 1 }, freshClaims()))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'malformed claims under a valid signature',
    send: async () =>
      run(ok, bearer(await signRaw(freshClaims({ endpoints: 'all', vars: { org_id: { $ne: 1 } } }), secret))),
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'two bearer tokens',
    send: () => {
      const headers = new Headers({ 'Content-Type': 'application/json' });
      headers.append('Authorization', bearer(token));
      headers.append('Authorization', bearer(token));
      return unit.app.request('/v1/endpoints/org_events/run', { method: 'POST', body: '{}', headers });
    },
    status: 401,
    code: 'token_invalid',
  },
  {
    title: 'an endpoint the token does not name',
    send: () => run({}, bearer(token), {}, 'top_events'),
    status: 403,
    code: 'endpoint_not_allowed',
  },
  {
    title: 'a locked variable overridden',
    send: () => run({ variables: { org_id: 'globex' } }, bearer(token)),
    status: 403,
    code: 'variable_locked',
  },
  {
    title: 'a locked variable wrapped in a list',
    send: () => run({ variables: { org_id: ['acme', 'globex'] } }, bearer(token)),
    status: 403,
    code: 'variable_locked',
  },
  {
    title: 'a locked variable in another case',
    send: () => run({ variables: { org_id: 'ACME' } }, bearer(token)),
    status: 403,
    code: 'variable_locked',
  },
  {
    title: 'a locked variable sent twice in the JSON (the last one wins in JSON.parse)',
    send: () => run('{"variables":{"org_id":"acme","org_id":"globex"}}', bearer(token)),
    status: 403,
    code: 'variable_locked',
  },
  {
    title: 'a locked variable nulled',
    send: () => run({ variables: { org_id: null } }, bearer(token)),
    status: 403,
    code: 'variable_locked',
  },
  {
    title: 'an unknown variable injected',
    send: () => run({ variables: { tenant: 'globex' } }, bearer(token)),
    status: 400,
    code: 'invalid_variables',
  },
  {
    title: 'SQL in a Number variable',
    send: () => run({ variables: { min_count: '1 OR 1=1' } }, bearer(token)),
    status: 400,
    code: 'invalid_variables',
  },
  {
    title: 'an object where a value goes',
    send: () => run({ variables: { since: { $gt: '2020-01-01' } } }, bearer(token)),
    status: 400,
    code: 'invalid_variables',
  },
  {
    title: 'a __proto__ variable',
    send: () => run('{"variables":{"__proto__":{"org_id":"globex"}}}', bearer(token)),
    status: 400,
    code: 'invalid_variables',
  },
  {
    title: 'query_override',
    send: () =>
      run({ query_override: { kind: 'HogQLQuery', query: 'select * from persons' } }, bearer(token)),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'an oversized body',
    send: () => run(`{"variables":{"min_count":1},"pad":"${'x'.repeat(20_000)}"}`, bearer(token)),
    status: 413,
    code: 'payload_too_large',
  },
  {
    title: 'a path trick in the name (..%2F)',
    send: () => run({}, bearer(token), {}, '..%2F..%2Fetc%2Fpasswd'),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'a double-encoded path trick',
    send: () => run({}, bearer(token), {}, '%252e%252e%252fadmin'),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'a unicode name',
    send: () => run({}, bearer(token), {}, 'org_%C3%A9vents'),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'a 200-character name',
    send: () => run({}, bearer(token), {}, 'a'.repeat(200)),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'a NUL in the name',
    send: () => run({}, bearer(token), {}, 'org_events%00'),
    status: 400,
    code: 'invalid_request',
  },
  {
    title: 'CORS from an unlisted origin',
    send: () => run(ok, bearer(token), { Origin: 'https://evil.example' }),
    status: 403,
    code: 'origin_not_allowed',
  },
  {
    title: 'a CORS preflight from an unlisted origin',
    send: () =>
      unit.app.request('/v1/endpoints/org_events/run', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      }),
    status: 403,
    code: 'origin_not_allowed',
  },
  {
    title: 'an allowed origin as a prefix of a hostile one',
    send: () => run(ok, bearer(token), { Origin: `${ORIGIN}.evil.example` }),
    status: 403,
    code: 'origin_not_allowed',
  },
  {
    title: 'Origin: null (a sandboxed frame)',
    send: () => run(ok, bearer(token), { Origin: 'null' }),
    status: 403,
    code: 'origin_not_allowed',
  },
  {
    title: 'a text/plain simple request from an unlisted origin (no preflight)',
    send: () => run(ok, bearer(token), { Origin: 'https://evil.example', 'Content-Type': 'text/plain' }),
    status: 403,
    code: 'origin_not_allowed',
  },
];

describe('the attack suite', () => {
  test(`holds at least 30 attacks (${ATTACKS.length})`, () => assert.ok(ATTACKS.length >= 30));

  for (const attack of ATTACKS) {
    test(attack.title, async () => {
      unit.upstream.calls.length = 0;
      const response = await attack.send();
      assert.equal(response.status, attack.status);
      const error = await errorOf(response);
      assert.equal(error.code, attack.code);
      assert.ok(response.headers.get('x-request-id'), 'the answer carries a request id');
      assert.deepEqual(unit.upstream.calls, [], 'no upstream call');
    });
  }

  test('the same token and body without the attack succeed (the cases are not refused for another reason)', async () => {
    unit.upstream.calls.length = 0;
    const response = await run({ variables: { org_id: 'acme', min_count: 2 } }, bearer(token), {
      Origin: ORIGIN,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(unit.upstream.runs().length, 1);
  });
});

describe('raw HTTP against the real server', () => {
  let server: RunningServer;
  const upstream = recordingUpstream();

  before(async () => {
    const config = loadConfig(
      { PORT: '0', HOST: '127.0.0.1', PH_EMBED_SECRET: secret, PH_EMBED_DEMO_DIR: '/nonexistent' },
      { cwd: '/' },
    );
    server = await startServer(config, { upstream, logger: createLogger({ destination: captureLogs() }) });
  });
  after(() => server.close());

  /** Writes raw bytes and reads the whole answer (the server closes the connection). */
  function raw(request: string): Promise<string> {
    const { hostname, port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end(request));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
  }

  const cases: Array<[string, () => string, string]> = [
    [
      'a CR/LF header injection',
      () =>
        `POST /v1/endpoints/org_events/run HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rX-Injected: 1\r\n` +
        `Content-Length: 2\r\n\r\n{}`,
      '400',
    ],
    [
      'a NUL byte in a header value',
      () => `GET /v1/endpoints HTTP/1.1\r\nHost: x\r\nX-Name: a\u0000b\r\n\r\n`,
      '400',
    ],
    [
      'oversized headers',
      () => `GET /v1/endpoints HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(80_000)}\r\n\r\n`,
      '431',
    ],
  ];
  for (const [title, request, status] of cases) {
    test(`${title}: ${status} invalid_request, nothing upstream, server unharmed`, async () => {
      upstream.calls.length = 0;
      const answer = await raw(request());
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      assert.match(head, new RegExp(`^HTTP/1.1 ${status} `));
      assert.match(head, /\r\nX-Request-Id: [0-9a-f-]{36}\r\n/i);
      assert.doesNotMatch(head, /X-Injected/i);
      assert.equal((JSON.parse(body) as { error: { code: string } }).error.code, 'invalid_request');
      assert.deepEqual(upstream.calls, []);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });
  }
});

describe('DNS rebinding against a proxy without tokens on loopback', () => {
  let server: RunningServer;
  const upstream = recordingUpstream();
  before(async () => {
    const config = loadConfig(
      { PORT: '0', HOST: '127.0.0.1', PH_EMBED_DEMO_DIR: '/nonexistent' },
      { cwd: '/' },
    );
    server = await startServer(config, { upstream, logger: createLogger({ destination: captureLogs() }) });
  });
  after(() => server.close());

  /** node:http, because fetch will not send a Host header of our choosing. */
  function post(host: string): Promise<{ status: number; body: string }> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/endpoints/total_signups/run',
          headers: { Host: host, Origin: `http://${host}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  test('a page whose name points at 127.0.0.1 is refused with 403 origin_not_allowed, nothing upstream', async () => {
    const { port } = new URL(server.url);
    upstream.calls.length = 0;
    const rebound = await post(`evil.example:${port}`);
    assert.equal(rebound.status, 403);
    assert.equal((JSON.parse(rebound.body) as { error: { code: string } }).error.code, 'origin_not_allowed');
    assert.deepEqual(upstream.calls, []);
    assert.equal((await post(`localhost:${port}`)).status, 200, 'loopback names still work');
    assert.equal((await post(`127.0.0.1:${port}`)).status, 200);
  });
});
