/**
 * Record mode: answers from PostHog are written as `{endpoint, run}` fixtures, which the fixtures
 * upstream then replays to the same browser answer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { startServer } from '../../src/server/main.js';
import { recordEndpoints } from '../../src/server/record.js';
import { PostHogUpstream } from '../../src/server/upstreams/posthog.js';
import { FIXTURES_DIR, readFixture, type FakePostHog } from './helpers/fake-posthog.js';
import { captureLogs } from './helpers/harness.js';
import { runCalls, startFake, startProxy, until, withoutMeta } from './helpers/resilient-proxy.js';

const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('PH_EMBED_RECORD_DIR', () => {
  test('writes each whole answer verbatim, and the fixtures upstream replays it to the same answer', async () => {
    const dir = tempDir('ph-embed-record-');
    const live = await startProxy({ env: { PH_EMBED_RECORD_DIR: dir } });
    let liveAnswer: unknown;
    try {
      const answer = await live.run('daily_active_users');
      assert.equal(answer.status, 200);
      liveAnswer = answer.json;
      assert.equal((await live.run('top_events', { limit: 5 })).status, 200);
      for (const file of readdirSync(dir))
        assert.ok(!readFileSync(join(dir, file), 'utf8').includes(live.key));
    } finally {
      await live.close();
    }
    assert.deepEqual(readdirSync(dir), ['daily_active_users.json'], 'a page of a SQL result is not recorded');
    const recorded = readJson(join(dir, 'daily_active_users.json'));
    const original = readFixture('daily_active_users');
    assert.deepEqual(recorded, original, 'PostHog answers, verbatim');

    const replayConfig = loadConfig(
      {
        PORT: '0',
        PH_EMBED_UPSTREAM: 'fixtures',
        PH_EMBED_FIXTURES_DIR: dir,
        PH_EMBED_DEMO_DIR: join(dir, 'x'),
      },
      { cwd: dir },
    );
    const replay = await startServer(replayConfig, { logger: createLogger({ destination: captureLogs() }) });
    try {
      const response = await fetch(`${replay.url}/v1/endpoints/daily_active_users/run`, { method: 'POST' });
      const replayed = (await response.json()) as Record<string, unknown>;
      assert.deepEqual(withoutMeta(replayed), withoutMeta(liveAnswer));
    } finally {
      await replay.close();
    }
  });

  test('a folder that cannot be written is logged and the browser still gets its answer', async () => {
    const dir = tempDir('ph-embed-record-bad-');
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    const proxy = await startProxy({ env: { PH_EMBED_RECORD_DIR: notADir } });
    try {
      assert.equal((await proxy.run('total_signups')).status, 200);
      await until(
        () => proxy.logs.entries().some((e) => e.msg === 'could not record the endpoint'),
        'the log line',
      );
    } finally {
      await proxy.close();
    }
  });
});

describe('recordEndpoints', () => {
  let fake: FakePostHog;
  before(async () => {
    fake = await startFake();
  });
  after(() => fake.close());

  const upstream = () =>
    new PostHogUpstream({
      host: fake.url,
      projectId: fake.projectId,
      personalApiKey: fake.key,
      timeoutMs: 5000,
    });

  test('runs every listed endpoint once and writes its fixture', async () => {
    fake.reset();
    const dir = tempDir('ph-embed-record-all-');
    const summary = await recordEndpoints({ upstream: upstream(), dir });
    const expected = readdirSync(FIXTURES_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort();
    assert.deepEqual(readdirSync(dir).sort(), expected);
    assert.equal(summary.written.length, expected.length);
    assert.deepEqual(summary.failed, []);
    assert.equal(runCalls(fake), expected.length);
    for (const file of expected)
      assert.deepEqual(readJson(join(dir, file)), readFixture(file.slice(0, -'.json'.length)));
  });

  test('one failing endpoint is reported and the others are still written', async () => {
    fake.reset();
    fake.script('run', (request) =>
      request.url.includes('/top_events/') ? { status: 500, json: { detail: 'boom' } } : undefined,
    );
    const dir = tempDir('ph-embed-record-some-');
    const summary = await recordEndpoints({
      upstream: upstream(),
      dir,
      names: ['top_events', 'total_signups'],
    });
    assert.deepEqual(readdirSync(dir), ['total_signups.json']);
    assert.deepEqual(
      summary.failed.map((failure) => failure.name),
      ['top_events'],
    );
    assert.ok(!JSON.stringify(summary).includes(fake.key));
  });

  test('names that are not endpoint names never become paths', async () => {
    fake.reset();
    const dir = tempDir('ph-embed-record-names-');
    const summary = await recordEndpoints({ upstream: upstream(), dir, names: ['../escape', 'a/b'] });
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(summary.failed.length, 2);
  });
});
