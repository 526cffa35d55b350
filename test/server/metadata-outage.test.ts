/**
 * A PostHog outage seen through endpoint metadata (definitions and `openapi.json`), through the real
 * server over HTTP in front of the fake PostHog, with a fake clock to age entries: cache hits never wait
 * for a metadata lookup, a failed lookup is remembered for a short back-off instead of being repeated by
 * every request, and a healthy PostHog still brings a new endpoint version within about a minute.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { METADATA_RETRY_MS } from '../../src/server/run/definitions.js';
import {
  NOT_FOUND,
  readFixture,
  UNAUTHENTICATED,
  type RecordedRequest,
  type Reply,
} from './helpers/fake-posthog.js';
import {
  errorCodeOf,
  metaOf,
  runCalls,
  startClockedProxy,
  type FakeClock,
  type TestProxy,
} from './helpers/resilient-proxy.js';

/** Past the definition cache's one minute of freshness. */
const PAST_FRESH_MS = 61_000;
const NAME = 'daily_active_users';
const SERVER_ERROR = {
  status: 500,
  json: { type: 'server_error', code: 'error', detail: 'boom', attr: null },
};

let proxy: TestProxy | undefined;
let clock: FakeClock;
/** Lets go of whatever a test left the fake holding, so closing the proxy does not wait for it. */
let releaseHeld: () => void = () => undefined;
afterEach(async () => {
  releaseHeld();
  releaseHeld = () => undefined;
  await proxy?.close();
  proxy = undefined;
});

async function start(env: Record<string, string> = {}): Promise<TestProxy> {
  ({ proxy, clock } = await startClockedProxy(env));
  return proxy;
}

const isDefinitionLookup = (name: string) => (request: RecordedRequest) =>
  request.method === 'GET' && request.url.endsWith(`/endpoints/${name}/`);

function definitionLookups(p: TestProxy, name = NAME): number {
  return p.fake.requests.filter(isDefinitionLookup(name)).length;
}

function openApiLookups(p: TestProxy, name = NAME): number {
  return p.fake.requests.filter((request) => request.url.includes(`/endpoints/${name}/openapi.json`)).length;
}

/** Answers definition lookups of `name` with `reply`; every other route is the fake's default. */
function scriptDefinition(p: TestProxy, name: string, reply: Reply): void {
  p.fake.script('get', (request) => (isDefinitionLookup(name)(request) ? reply : undefined));
}

/**
 * A run answer in the cache, fresh for an hour, with the proxy's definition past its freshness; the
 * fake's record of requests starts after it.
 */
async function primedPastFresh(env: Record<string, string> = {}): Promise<TestProxy> {
  const p = await start(env);
  assert.equal(metaOf(await p.run(NAME)).cache, 'miss');
  p.fake.reset();
  clock.advance(PAST_FRESH_MS);
  return p;
}

/** Waits for the background definition refreshes a request may have started. */
function refreshesSettled(p: TestProxy): Promise<void> {
  return p.server.services.definitions.settled();
}

describe('endpoint definitions during an outage', () => {
  test('a cached run answers at once while the one definition refresh behind it hangs', async () => {
    // The deadline is far beyond what three local requests take, so an answer that arrives while the
    // lookup is still in flight did not wait for it (code that waits answers only after the deadline).
    const p = await primedPastFresh({ PH_EMBED_TIMEOUT_MS: '5000' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    releaseHeld = release;
    scriptDefinition(p, NAME, {
      wait: gate,
      then: { status: 200, json: { ...readFixture(NAME).endpoint, current_version: 2 } },
    });

    for (let i = 0; i < 3; i++) {
      const answer = await p.run(NAME);
      assert.equal(answer.status, 200);
      assert.equal(metaOf(answer).cache, 'hit');
      assert.equal(p.server.services.concurrency.active, 1, 'the held lookup is the one upstream call');
      assert.equal(definitionLookups(p), 1, 'one definition lookup for every request');
    }

    release();
    await refreshesSettled(p);
    assert.equal(metaOf(await p.run(NAME)).cache, 'miss', 'the refreshed version is a new cache entry');
    assert.equal(runCalls(p.fake, NAME), 1);
    assert.equal(definitionLookups(p), 1);
  });

  test('a failed refresh is retried once per back-off, not per request; a healthy one brings the new version', async () => {
    const p = await primedPastFresh();
    scriptDefinition(p, NAME, SERVER_ERROR);
    for (let i = 0; i < 5; i++) {
      assert.equal(metaOf(await p.run(NAME)).cache, 'hit');
      await refreshesSettled(p);
    }
    assert.equal(definitionLookups(p), 1, 'one lookup within the back-off');

    clock.advance(METADATA_RETRY_MS - 1);
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit');
    await refreshesSettled(p);
    assert.equal(definitionLookups(p), 1, 'still within the back-off');

    clock.advance(1);
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit');
    await refreshesSettled(p);
    assert.equal(definitionLookups(p), 2, 'one more try once the back-off is over');

    clock.advance(METADATA_RETRY_MS);
    scriptDefinition(p, NAME, { status: 200, json: { ...readFixture(NAME).endpoint, current_version: 7 } });
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit', 'the held definition answers while it refreshes');
    await refreshesSettled(p);
    assert.equal(metaOf(await p.run(NAME)).cache, 'miss', 'version 7 is a new cache entry');
    assert.equal(definitionLookups(p), 3);
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit', 'and fresh again: the hit path answers');
    assert.equal(definitionLookups(p), 3);
  });

  test('a 401 on a definition refresh is an error line, and then a 502 rather than the held definition', async () => {
    const p = await primedPastFresh();
    scriptDefinition(p, NAME, {
      status: 401,
      json: UNAUTHENTICATED,
    });
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit');
    await refreshesSettled(p);
    const errors = p.logs.entries().filter((entry) => Number(entry.level) >= 50);
    assert.ok(
      errors.some(
        (entry) => entry.upstreamStatus === 401 && /POSTHOG_PERSONAL_API_KEY/.test(String(entry.msg)),
      ),
      `an error line naming the key setting, got: ${JSON.stringify(errors)}`,
    );
    // A refused key is not stale-if-error material (serves-stale.ts): the next request asks and is told.
    const refused = await p.run(NAME);
    assert.equal(refused.status, 502);
    assert.equal(errorCodeOf(refused), 'upstream_error');
    assert.equal(definitionLookups(p), 2);
  });

  test('an endpoint gone on refresh is not served from the held definition any more', async () => {
    const p = await primedPastFresh();
    scriptDefinition(p, NAME, {
      status: 404,
      json: NOT_FOUND,
    });
    assert.equal(metaOf(await p.run(NAME)).cache, 'hit');
    await refreshesSettled(p);
    const gone = await p.run(NAME);
    assert.equal(gone.status, 404);
    assert.equal(errorCodeOf(gone), 'endpoint_not_found');
    assert.equal(definitionLookups(p), 2, 'the refresh, then the lookup that found it gone');
  });
});

describe('openapi.json during an outage', () => {
  const variables = { date_from: '-7d' };

  test('a failed lookup is remembered for the back-off: hits stay hits, then one more try', async () => {
    const p = await start();
    p.fake.script('openapi', SERVER_ERROR);
    assert.equal(metaOf(await p.run(NAME, { variables })).cache, 'miss');
    for (let i = 0; i < 4; i++) assert.equal(metaOf(await p.run(NAME, { variables })).cache, 'hit');
    assert.equal(openApiLookups(p), 1, 'one openapi.json lookup within the back-off');
    assert.equal(runCalls(p.fake, NAME), 1);

    // Meanwhile variables are checked as when the schema is unavailable: by the definition's names.
    const unknown = await p.run(NAME, { variables: { not_a_variable: 'x' } });
    assert.equal(unknown.status, 400);
    assert.equal(errorCodeOf(unknown), 'invalid_variables');
    assert.equal(openApiLookups(p), 1);

    clock.advance(METADATA_RETRY_MS - 1);
    assert.equal(metaOf(await p.run(NAME, { variables })).cache, 'hit');
    assert.equal(openApiLookups(p), 1, 'still within the back-off');

    clock.advance(1);
    assert.equal(metaOf(await p.run(NAME, { variables })).cache, 'hit');
    assert.equal(openApiLookups(p), 2, 'one more try once the back-off is over');
    assert.equal(metaOf(await p.run(NAME, { variables })).cache, 'hit');
    assert.equal(openApiLookups(p), 2);
    assert.equal(runCalls(p.fake, NAME), 1);
  });
});
