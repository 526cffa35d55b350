/**
 * A stand-in for the ph-embed proxy inside web-test-runner's dev server, so `FetchClient` is
 * tested over real HTTP (headers, status codes, aborted connections) with no proxy running.
 *
 * `POST /__proxy/v1/endpoints/<name>/run` behaves by endpoint name:
 *   echo*       200, a TrendsQuery with no rows, named as asked, plus `echo: {method, headers, body}`
 *   error       answers `variables.status` with `variables.body` (object: JSON, string: text)
 *               and `Retry-After: variables.retry_after` when given
 *   not_json    200 with an HTML body
 *   unexpected  200 with JSON that is not a run response
 *   held        answers like echo once the test posts `/__proxy/__control/release/<test_id>`,
 *               or never, when the browser gives up first (counted as an abort)
 *   secure*     like echo (`secure_<fixture>`: like <fixture>), but only with `Authorization:
 *               Bearer <token>` (else 401 token_missing); a token the test has ruled on answers
 *               as ruled (see `tokens` below)
 *   drop        destroys the connection without answering
 *   <fixture>   the proxy's answer for test/fixtures/endpoints/<fixture>.json (daily_active_users...)
 *   (other)     404 endpoint_not_found
 * `GET /__proxy/v1/endpoints` lists `echo` and reports the Authorization header it saw.
 *
 * Test files run in parallel pages, so per-test state is keyed by `variables.test_id`.
 * `GET /__proxy/__control/stats/<id>?requests=N&aborted=N` answers `{requests, aborted}` once
 * the counts reach N (waiting for the server to see what the browser did, without sleeping).
 * `GET /__proxy/__control/runs/<id>` lists every run request of a test:
 * `{runs: [{name, body, authorization}]}` (`authorization`: the header as sent, or null).
 * `POST /__proxy/__control/tokens/<id>` with `{"<token>": rule}` rules on tokens for `secure*`
 * (`"*"`: every token not ruled on), each rule one of `expired` (401 token_expired), `invalid`
 * (401 token_invalid), `upstream_error` (502, the proxy's own PostHog key refused) or null (accept).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { proxyAnswer } from './fixture-answers.mjs';

const PREFIX = '/__proxy';
/** Only a safety net for a test that forgets to release; no test waits for it. */
const HELD_LIMIT_MS = 20_000;

const FIXTURES_DIR = new URL('../fixtures/endpoints/', import.meta.url);
/** @type {Map<string, unknown>} endpoint name to its fixture */
const fixtures = new Map(
  readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.slice(0, -5), JSON.parse(readFileSync(new URL(file, FIXTURES_DIR), 'utf8'))]),
);

/** What the real proxy answers for each token rule: [status, code, message]. */
const TOKEN_RULES = {
  expired: [401, 'token_expired', 'The embed token has expired.'],
  invalid: [401, 'token_invalid', 'The embed token is not valid.'],
  upstream_error: [502, 'upstream_error', 'The analytics service refused the proxy.'],
};

/** @type {Map<string, {requests: number, aborted: number, runs: Array<{name: string, body: unknown, authorization: string | null}>, tokens: Record<string, string | null>, releases: Array<() => void>, watchers: Set<() => void>}>} */
const tests = new Map();

function stateOf(id) {
  let state = tests.get(id);
  if (!state) {
    state = { requests: 0, aborted: 0, runs: [], tokens: {}, releases: [], watchers: new Set() };
    tests.set(id, state);
  }
  return state;
}

function changed(state) {
  for (const watcher of [...state.watchers]) watcher();
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function json(ctx, status, body) {
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
}

function echo(ctx, name, body) {
  const { authorization, accept } = ctx.headers;
  json(ctx, 200, {
    name,
    kind: 'TrendsQuery',
    results: [],
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
    echo: {
      method: ctx.method,
      headers: {
        authorization: authorization ?? null,
        'content-type': ctx.headers['content-type'] ?? null,
        accept,
      },
      body,
    },
  });
}

/** Resolves true when released, false when the browser closed the connection first. */
function hold(ctx, state) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), HELD_LIMIT_MS);
    state.releases.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
    ctx.res.on('close', () => {
      if (ctx.res.writableEnded) return;
      clearTimeout(timer);
      state.aborted += 1;
      changed(state);
      resolve(false);
    });
  });
}

/** The `secure*` endpoints: a bearer token is required, and answered as the test ruled. */
function secure(ctx, name, body, state) {
  const token = /^Bearer (.+)$/.exec(ctx.headers.authorization ?? '')?.[1];
  if (token === undefined) {
    return json(ctx, 401, {
      error: { code: 'token_missing', message: 'An embed token is required.', retryable: false },
    });
  }
  const rule = token in state.tokens ? state.tokens[token] : state.tokens['*'];
  if (!rule) {
    const fixture = fixtures.get(name.slice('secure_'.length));
    return fixture ? json(ctx, 200, proxyAnswer(fixture)) : echo(ctx, name, body);
  }
  const [status, code, message] = TOKEN_RULES[rule];
  return json(ctx, status, { error: { code, message, retryable: false } });
}

/** Nothing more to send; 499 (nginx's "client closed request") keeps it out of the 404 report. */
function hangUp(ctx) {
  ctx.status = 499;
  ctx.respond = false;
}

async function run(ctx, name) {
  const raw = await readBody(ctx.req);
  let body;
  try {
    body = JSON.parse(raw);
  } catch {
    return json(ctx, 400, {
      error: { code: 'invalid_request', message: 'Body is not JSON.', retryable: false },
    });
  }
  const variables = body.variables ?? {};
  const state = stateOf(String(variables.test_id ?? 'anonymous'));
  state.requests += 1;
  state.runs.push({ name, body, authorization: ctx.headers.authorization ?? null });
  changed(state);

  if (name.startsWith('echo')) return echo(ctx, name, body);
  if (name.startsWith('secure')) return secure(ctx, name, body, state);
  switch (name) {
    case 'error': {
      ctx.status = variables.status;
      if (variables.retry_after !== undefined) ctx.set('retry-after', String(variables.retry_after));
      if (typeof variables.body === 'string') {
        ctx.type = 'text/html';
        ctx.body = variables.body;
      } else {
        json(ctx, variables.status, variables.body);
      }
      return;
    }
    case 'not_json':
      ctx.type = 'text/html';
      ctx.body = '<html><body>Bad gateway</body></html>';
      return;
    case 'unexpected':
      return json(ctx, 200, { hello: 'world' });
    case 'held':
      if (await hold(ctx, state)) return echo(ctx, name, body);
      return hangUp(ctx);
    case 'drop':
      ctx.req.socket.destroy();
      return hangUp(ctx);
    default:
      if (fixtures.has(name)) return json(ctx, 200, proxyAnswer(fixtures.get(name)));
      return json(ctx, 404, {
        error: { code: 'endpoint_not_found', message: `No endpoint named ${name}.`, retryable: false },
      });
  }
}

function stats(ctx, id) {
  const state = stateOf(id);
  const want = { requests: Number(ctx.query.requests ?? 0), aborted: Number(ctx.query.aborted ?? 0) };
  const reached = () => state.requests >= want.requests && state.aborted >= want.aborted;
  return new Promise((resolve) => {
    const answer = () => {
      state.watchers.delete(check);
      clearTimeout(timer);
      json(ctx, 200, { requests: state.requests, aborted: state.aborted });
      resolve();
    };
    const check = () => reached() && answer();
    // Answers with the counts so far rather than hanging the test when they are never reached.
    const timer = setTimeout(answer, 5_000);
    state.watchers.add(check);
    check();
  });
}

/** Koa middleware for web-test-runner's `middleware` option. */
export async function fakeProxy(ctx, next) {
  if (!ctx.path.startsWith(`${PREFIX}/`)) return next();
  const path = ctx.path.slice(PREFIX.length);
  const runMatch = /^\/v1\/endpoints\/([^/]+)\/run$/.exec(path);
  const control = /^\/__control\/(release|stats|runs|tokens)\/([^/]+)$/.exec(path);

  if (runMatch && ctx.method === 'POST') return run(ctx, decodeURIComponent(runMatch[1]));
  if (path === '/v1/endpoints' && ctx.method === 'GET') {
    return json(ctx, 200, {
      endpoints: [
        { name: 'echo', kind: 'TrendsQuery', description: ctx.headers.authorization ?? 'no token' },
      ],
    });
  }
  if (control?.[1] === 'release' && ctx.method === 'POST') {
    const state = stateOf(control[2]);
    for (const release of state.releases.splice(0)) release();
    ctx.status = 204;
    return;
  }
  if (control?.[1] === 'tokens' && ctx.method === 'POST') {
    const rules = JSON.parse(await readBody(ctx.req));
    Object.assign(stateOf(control[2]).tokens, rules);
    ctx.status = 204;
    return;
  }
  if (control?.[1] === 'stats' && ctx.method === 'GET') return stats(ctx, control[2]);
  if (control?.[1] === 'runs' && ctx.method === 'GET')
    return json(ctx, 200, { runs: stateOf(control[2]).runs });
  return json(ctx, 404, {
    error: { code: 'endpoint_not_found', message: 'Unknown fake route.', retryable: false },
  });
}
