/**
 * The personal API key and the embed-token secrets must never reach a browser or a log. Every suite
 * built on the harness already checks each answer and every log line for both; this one drives every
 * kind of answer in one place (success, each error mapping, refusals, PostHog echoing the key back,
 * every kind of bad token) and then checks everything once more.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mintEmbedToken } from '../../src/server/auth/tokens.js';
import type { Reply } from './helpers/fake-posthog.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { b64, freshClaims, makeSecret, signRaw } from './helpers/security.js';

let harness: Harness;
before(async () => {
  harness = await startHarness({ env: { PH_EMBED_TIMEOUT_MS: '200' } });
});
after(() => harness.close());

test('no answer, header or log line carries the key, whatever happens upstream', async () => {
  const key = harness.key;
  const echoes: Reply[] = [
    {
      status: 400,
      json: { type: 'validation_error', detail: `Bad header: Bearer ${key}`, attr: 'variables' },
    },
    { status: 400, json: { error: `token ${key} is not valid here` } },
    { status: 401, json: { detail: `Incorrect credentials ${key}` } },
    { status: 403, json: { detail: key } },
    { status: 429, json: { detail: key }, headers: { 'Retry-After': '3' } },
    { status: 500, text: `Traceback: Authorization: Bearer ${key}` },
    { status: 503, json: { detail: key } },
    { status: 200, text: `not json ${key}` },
    { status: 302, headers: { Location: `https://elsewhere.example/?k=${key}` } },
    { hang: true },
    { destroy: true },
  ];
  const statuses: number[] = [];
  for (const reply of echoes) {
    harness.fake.script('run', reply);
    statuses.push((await harness.run('total_signups', { variables: { date_from: '-7d' } })).status);
  }
  harness.fake.reset();
  assert.deepEqual(statuses, [400, 400, 502, 502, 429, 502, 503, 502, 502, 504, 503]);

  for (const name of [
    'daily_active_users',
    'pageviews_by_browser',
    'activation_funnel',
    'signup_retention',
    'top_events',
  ]) {
    assert.equal((await harness.run(name)).status, 200);
  }
  await harness.request('/v1/endpoints');
  await harness.request('/healthz');
  await harness.request('/v1/endpoints/..%2F/run', { method: 'POST' });
  await harness.request('/v1/endpoints/total_signups/run', { method: 'GET' });
  await harness.request('/nowhere');

  // The harness asserted on every answer above; now the whole log, at debug level.
  assert.ok(harness.logs.lines.length > 20, 'the run was logged');
  harness.assertNoKeyInLogs();
  // Every request PostHog received carried the key, and only in the Authorization header.
  for (const request of harness.fake.requests) {
    assert.equal(request.headers.authorization, `Bearer ${key}`);
    assert.ok(!request.url.includes(key) && !request.body.includes(key));
  }
});

test('with tokens on, no answer or log line carries a secret, the key or a token', async () => {
  const [current, previous] = [makeSecret(), makeSecret()];
  const secured = await startHarness({
    env: { PH_EMBED_SECRET: `${current},${previous}`, PH_EMBED_TIMEOUT_MS: '200' },
  });
  try {
    const token = await mintEmbedToken({ sub: 'acme', refresh: true, ttlSeconds: 600 }, current);
    const rotated = await mintEmbedToken({ sub: 'globex', ttlSeconds: 600 }, previous);
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      await signRaw(freshClaims({ iat: now - 900, exp: now - 300 }), current),
      await signRaw(freshClaims({ aud: 'other' }), current),
      await signRaw(freshClaims(), makeSecret()),
      `${b64({ alg: 'none' })}.${b64(freshClaims())}.`,
      current,
      `${current}.${previous}.${secured.key}`,
      secured.key,
    ];
    const post = (auth: string, body: unknown = {}, name = 'total_signups') =>
      secured.request(`/v1/endpoints/${name}/run`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post(`Bearer ${token}`, { refresh: 'force' })).status, 200);
    assert.equal((await post(`Bearer ${rotated}`)).status, 200);
    for (const candidate of bad) assert.equal((await post(`Bearer ${candidate}`)).status, 401);
    assert.equal((await post(`Basic ${current}`)).status, 401);
    assert.equal((await post(`Bearer ${token}`, { variables: { date_from: `'${current}'` } })).status, 400);
    secured.fake.script('run', { status: 400, json: { detail: `Bearer ${secured.key}`, attr: 'variables' } });
    assert.equal((await post(`Bearer ${token}`, { variables: { date_from: '-7d' } })).status, 400);
    secured.fake.reset();
    assert.equal(
      (await secured.request('/v1/endpoints', { headers: { Authorization: `Bearer ${token}` } })).status,
      200,
    );

    secured.assertNoKeyInLogs();
    for (const line of secured.logs.lines) {
      assert.ok(!line.includes(token) && !line.includes(rotated), `a token was logged: ${line}`);
    }
    for (const request of secured.fake.requests) {
      assert.ok(![current, previous, token].some((value) => JSON.stringify(request).includes(value)));
    }
  } finally {
    await secured.close();
  }
});
