/**
 * A seeded loop of odd requests (names, methods, bodies, headers) against the real server in front
 * of the fake PostHog. None may produce a 5xx or take the server down, and nothing may be logged at
 * error level. The seed is fixed, so a failure replays exactly.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from './helpers/harness.js';

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(0x5eed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (max: number) => Math.floor(random() * max);

const NAMES = [
  'total_signups',
  'top_events',
  'daily_active_users',
  'no_such_endpoint',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%C3%A9t%C3%A9',
  '%F0%9F%98%80',
  '%E0%A4%A',
  '%00',
  'a'.repeat(128),
  'a'.repeat(129),
  'a'.repeat(5000),
  '1abc',
  'constructor',
  '__proto__',
  'toString',
  'a;b',
  "a'b",
  'a%22b',
];

const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -0,
  '',
  'x'.repeat(300),
  '\u0000\u202e',
  [],
  {},
  [[[[[]]]]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

function randomValue(depth = 0): unknown {
  if (depth > 3 || random() < 0.5) return pick(VALUES);
  if (random() < 0.5) return Array.from({ length: int(4) }, () => randomValue(depth + 1));
  return Object.fromEntries(
    Array.from({ length: int(4) }, () => [pick(['a', '__proto__', 'limit', '']), randomValue(depth + 1)]),
  );
}

function randomBody(): string {
  switch (int(9)) {
    case 0:
      return '';
    case 1:
      return JSON.stringify(randomValue());
    case 2:
      return JSON.stringify({
        variables: randomValue(),
        refresh: pick(['cache', 'force', 'direct', 1, null]),
      });
    case 3:
      return JSON.stringify({
        limit: pick([1, 0, 10_000, 10_001, 2.5, '5', null, -1]),
        offset: pick([0, 3, -1, 'a', 1e20]),
      });
    case 4:
      return JSON.stringify({ variables: { [pick(['x', '__proto__', 'a'.repeat(300)])]: randomValue() } });
    case 5:
      return JSON.stringify(randomValue()).slice(0, int(20));
    case 6:
      return String.fromCharCode(...Array.from({ length: int(64) }, () => int(0xffff)));
    case 7:
      return '['.repeat(int(9000)) + ']'.repeat(int(9000));
    default:
      return `{"variables":{"big":"${'z'.repeat(int(30_000))}"}}`;
  }
}

let harness: Harness;
before(async () => {
  harness = await startHarness({ env: { PH_EMBED_TIMEOUT_MS: '2000' } });
});
after(() => harness.close());

test('300 odd requests: never a 5xx, never a crash, nothing logged as an error', async () => {
  const statuses = new Map<number, number>();
  for (let i = 0; i < 300; i++) {
    const method = pick(['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
    const path = pick([
      () => `/v1/endpoints/${pick(NAMES)}/run`,
      () => `/v1/endpoints/${pick(NAMES)}/run?x=${pick(NAMES)}`,
      () => '/v1/endpoints',
      () => `/v1/${pick(NAMES)}`,
      () => '/healthz',
      () => `/${pick(NAMES)}`,
    ])();
    const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
    const headers: Record<string, string> = {};
    if (random() < 0.7)
      headers['Content-Type'] = pick([
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]);
    if (random() < 0.2) headers.Authorization = pick(['Bearer x', 'Basic Zm9vOmJhcg==', '']);
    if (random() < 0.2) headers.Cookie = 'a=b; c=d';
    if (random() < 0.2) headers.Origin = pick(['https://evil.example', 'null']);
    const body = withBody ? randomBody() : undefined;
    const answer = await harness.request(path, { method, headers, body });
    const context = `${method} ${path.slice(0, 80)} ${JSON.stringify(body?.slice(0, 80))}`;
    assert.ok(answer.status < 500, `${answer.status} for ${context}: ${answer.text.slice(0, 200)}`);
    if (answer.status >= 400 && method !== 'HEAD') {
      const error = (answer.json as { error?: { code?: unknown } } | undefined)?.error;
      assert.equal(typeof error?.code, 'string', `ErrorBody for ${context}`);
    }
    statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  }
  assert.ok((statuses.get(200) ?? 0) > 0, 'some requests were valid');
  assert.ok((statuses.get(400) ?? 0) > 0, 'some were refused');
  assert.deepEqual(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  const health = await harness.request('/healthz');
  assert.equal(health.status, 200);
  const errors = harness.logs.entries().filter((entry) => Number(entry.level) >= 50);
  assert.deepEqual(errors, []);
});
