import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { UpstreamError } from '../../src/server/upstreams/errors.js';
import { FixturesUpstream } from '../../src/server/upstreams/fixtures.js';
import { FIXTURES_DIR } from './helpers/fake-posthog.js';

const upstream = new FixturesUpstream(FIXTURES_DIR);
const NAMES = readdirSync(FIXTURES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -5))
  .sort();

async function rejection(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UpstreamError, String(error));
    return error;
  }
  assert.fail('expected a rejection');
}

describe('FixturesUpstream', () => {
  test('is of kind fixtures and lists every fixture by name', async () => {
    assert.equal(upstream.kind, 'fixtures');
    const list = await upstream.listEndpoints({});
    assert.deepEqual(
      list.map((endpoint) => endpoint.name),
      NAMES,
    );
  });

  test('serves the recorded definition and run answer', async () => {
    const endpoint = await upstream.getEndpoint('daily_active_users', {});
    assert.equal(endpoint.name, 'daily_active_users');
    assert.equal((endpoint.query as { kind: string }).kind, 'InsightVizNode');
    const run = await upstream.run('daily_active_users', {}, {});
    assert.ok(Array.isArray(run.results));
    assert.equal(run.name, 'daily_active_users');
  });

  test("an unknown name is PostHog's 404", async () => {
    const error = await rejection(upstream.run('no_such_endpoint', {}, {}));
    assert.equal(error.status, 404);
    assert.deepEqual(error.body, {
      type: 'invalid_request',
      code: 'not_found',
      detail: 'Not found.',
      attr: null,
    });
  });

  test('names are validated before they reach a path', async () => {
    for (const name of ['../package', '..%2Fpackage', 'a/b', '', '.hidden', 'x'.repeat(129), 'é']) {
      assert.equal((await rejection(upstream.getEndpoint(name, {}))).status, 404, name);
    }
  });

  test('SQL endpoints honour limit and offset', async () => {
    const all = await upstream.run('top_events', {}, {});
    const rows = all.results as unknown[];
    const page = await upstream.run('top_events', { limit: 10, offset: 5 }, {});
    assert.deepEqual(page.results, rows.slice(5, 15));
    assert.equal(page.hasMore, true);
    assert.equal(page.limit, 10);
    assert.equal(page.offset, 5);
    const last = await upstream.run('top_events', { limit: 10, offset: rows.length - 3 }, {});
    assert.equal((last.results as unknown[]).length, 3);
    assert.equal(last.hasMore, false);
  });

  test('limit on an insight endpoint is refused like PostHog does', async () => {
    const error = await rejection(upstream.run('daily_active_users', { limit: 5 }, {}));
    assert.equal(error.status, 400);
  });

  test('a broken fixture file is a bad upstream answer, and is skipped when listing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-fixtures-'));
    writeFileSync(join(dir, 'broken.json'), '{"endpoint": ');
    writeFileSync(join(dir, 'partial.json'), '{"endpoint": {}}');
    writeFileSync(join(dir, 'notes.txt'), 'not a fixture');
    const broken = new FixturesUpstream(dir);
    assert.equal((await rejection(broken.run('broken', {}, {}))).failure, 'bad_shape');
    assert.equal((await rejection(broken.getEndpoint('partial', {}))).failure, 'bad_shape');
    assert.deepEqual(await broken.listEndpoints({}), []);
  });
});
