/**
 * The fake PostHog is only worth trusting if it is as strict as the real one: these tests pin the
 * refusals DESIGN.md section 2 describes, so a proxy bug cannot hide behind a lenient fake.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFakePostHog, type FakePostHog } from './helpers/fake-posthog.js';
import { makeKey } from './helpers/harness.js';

const key = makeKey();
let fake: FakePostHog;
before(async () => {
  fake = await startFakePostHog({ key });
});
after(() => fake.close());

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set('Authorization', init.auth ?? `Bearer ${key}`);
  const response = await fetch(`${fake.url}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function run(body: unknown, name = 'total_signups', contentType = 'application/json') {
  return call(`/api/projects/4242/endpoints/${name}/run/`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the fake PostHog', () => {
  test('serves both the projects and the environments paths', async () => {
    assert.equal((await call('/api/projects/4242/endpoints/total_signups/')).status, 200);
    assert.equal((await call('/api/environments/4242/endpoints/total_signups/')).status, 200);
    assert.equal((await run({})).status, 200);
  });

  test('requires the exact bearer key', async () => {
    for (const auth of [null, `Bearer ${key}x`, `bearer ${key}`, key]) {
      const answer = await call('/api/projects/4242/endpoints/', { auth });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, {
        type: 'authentication_error',
        code: 'authentication_failed',
        detail: 'Incorrect authentication credentials.',
        attr: null,
      });
    }
  });

  test('refuses other projects, missing trailing slashes and unknown endpoints', async () => {
    assert.equal((await call('/api/projects/1/endpoints/')).status, 403);
    assert.equal((await call('/api/projects/abc/endpoints/')).status, 404);
    assert.equal((await call('/api/projects/4242/endpoints/total_signups')).status, 404);
    const unknown = await call('/api/projects/4242/endpoints/nope/');
    assert.deepEqual(unknown.body, {
      type: 'invalid_request',
      code: 'not_found',
      detail: 'Not found.',
      attr: null,
    });
  });

  test('answers a wrong method with 405', async () => {
    const answer = await call('/api/projects/4242/endpoints/total_signups/run/');
    assert.equal(answer.status, 405);
    assert.deepEqual(answer.body, {
      type: 'invalid_request',
      code: 'method_not_allowed',
      detail: 'Method "GET" not allowed.',
      attr: null,
    });
    assert.equal((await call('/api/projects/4242/endpoints/', { method: 'POST' })).status, 405);
  });

  test('checks the run body as PostHog does', async () => {
    assert.equal((await run({}, 'total_signups', 'text/plain')).status, 415);
    assert.equal((await run('{')).status, 400);
    assert.equal((await run([])).status, 400);
    assert.equal((await run({ query_override: {} })).body.attr, 'query_override');
    assert.equal((await run({ filters_override: {} })).status, 400);
    assert.equal((await run({ refresh: 'sometimes' })).status, 400);
    assert.equal((await run({ variables: 'x' })).status, 400);
    assert.equal((await run({ offset: 1 }, 'top_events')).status, 400);
    assert.equal((await run({ limit: 1 })).status, 400, 'limit is for SQL endpoints only');
    assert.equal((await run({ refresh: 'direct', version: 1, debug: true, variables: {} })).status, 200);
    const page = await run({ limit: 2, offset: 1 }, 'top_events');
    assert.equal((page.body.results as unknown[]).length, 2);
    assert.equal(page.body.hasMore, true);
  });

  test('records every request', async () => {
    fake.reset();
    await run({ refresh: 'force' });
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]?.body, '{"refresh":"force"}');
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${key}`);
  });
});
