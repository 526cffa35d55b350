/**
 * The personal API key must never reach a browser or a log. Every suite built on the harness already
 * checks each answer and every log line; this one drives every kind of answer in one place (success,
 * each error mapping, refusals, PostHog echoing the key back) and then checks everything once more.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Reply } from './helpers/fake-posthog.js';
import { startHarness, type Harness } from './helpers/harness.js';

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
    statuses.push((await harness.run('total_signups', { variables: { a: 1 } })).status);
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
