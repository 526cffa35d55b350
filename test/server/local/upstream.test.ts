import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { summarizeEndpoint } from '../../../src/server/shape/endpoint-summary.js';
import { LocalDatabase } from '../../../src/server/local/db.js';
import { loadEndpoints, parseEndpointFile } from '../../../src/server/local/endpoints.js';
import { generateDataset } from '../../../src/server/local/generator.js';
import {
  createLocalUpstream,
  DEFAULT_ENDPOINTS_DIR,
  EndpointFileError,
  LoadEventsError,
  LocalUpstream,
} from '../../../src/server/local/index.js';
import { UpstreamError } from '../../../src/server/upstreams/errors.js';

const NOW = new Date('2026-05-20T09:00:00Z');
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/endpoints/${name}.json`, import.meta.url), 'utf8'));

/** A 400 or 404 as PostHog sends it. */
const upstreamError = (status: number, body: Record<string, unknown>) => (error: unknown) => {
  assert.ok(error instanceof UpstreamError, String(error));
  assert.equal(error.status, status);
  assert.deepEqual(error.body, body);
  return true;
};

describe('LocalUpstream', () => {
  let upstream: LocalUpstream;
  const call = {};

  before(async () => {
    const endpoints = await loadEndpoints(DEFAULT_ENDPOINTS_DIR);
    // A deliberately slow query, to prove an abort interrupts DuckDB.
    const slow = parseEndpointFile(
      'slow.json',
      JSON.stringify({
        name: 'slow',
        description: 'A three-way self join',
        query: {
          kind: 'HogQLQuery',
          query: 'SELECT count() FROM events a, events b, events c WHERE a.uuid < b.uuid AND b.uuid < c.uuid',
        },
      }),
    );
    endpoints.set('slow', slow);
    const data = generateDataset({ seed: 5, now: NOW, events: 20_000 });
    const db = await LocalDatabase.create();
    await db.insertEvents(data.events);
    await db.insertPersons(data.persons);
    await db.lock();
    upstream = new LocalUpstream({ db, endpoints, now: NOW });
  });
  after(() => upstream.close());

  it('describes an endpoint as PostHog GET .../endpoints/{name}/ does', async () => {
    const definition = await upstream.getEndpoint('daily_active_users', call);
    assert.equal(definition.name, 'daily_active_users');
    assert.equal(definition.is_active, true);
    assert.equal(definition.current_version, 1);
    assert.equal(definition.data_freshness_seconds, 3600);
    assert.match(definition.id as string, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal((definition.query as { kind: string }).kind, 'InsightVizNode');
    assert.equal('columns' in definition, false);
    // The proxy reads it as it reads PostHog's.
    assert.deepEqual(summarizeEndpoint(definition), {
      name: 'daily_active_users',
      kind: 'TrendsQuery',
      description: 'Unique users per day over the last 30 days',
      display: 'ActionsLineGraph',
      variables: { date_from: { default: '-30d' }, date_to: {} },
    });
  });

  it('stores SQL variables in the query as PostHog does, so the proxy lists them, and gives the columns', async () => {
    const definition = await upstream.getEndpoint('top_pages', call);
    assert.deepEqual(definition.columns, ['page', 'pageviews', 'visitors']);
    const source = (definition.query as { source: { variables: Record<string, Record<string, unknown>> } })
      .source;
    const [[id, variable]] = Object.entries(source.variables) as [[string, Record<string, unknown>]];
    assert.deepEqual(variable, { variableId: id, code_name: 'org_id', value: 'acme' });
    assert.deepEqual(summarizeEndpoint(definition)?.variables, { org_id: { default: 'acme' } });
    const events = await upstream.getEndpoint('events_table', call);
    assert.deepEqual(summarizeEndpoint(events)?.variables, { org_id: { default: null } });
  });

  it('lists every endpoint, sorted', async () => {
    const names = (await upstream.listEndpoints(call)).map((d) => d.name);
    assert.deepEqual(names, [...names].sort());
    const shipped = await loadEndpoints(DEFAULT_ENDPOINTS_DIR);
    assert.deepEqual(names, [...shipped.keys(), 'slow'].sort());
  });

  it("runs SQL endpoints and answers in /run's shape", async () => {
    const answer = await upstream.run('top_pages', { variables: { org_id: 'globex' } }, call);
    assert.deepEqual(Object.keys(answer).slice(0, 4), ['results', 'columns', 'types', 'hasMore']);
    assert.deepEqual(answer.columns, ['page', 'pageviews', 'visitors']);
    assert.deepEqual(answer.types, [
      ['page', 'Nullable(String)'],
      ['pageviews', 'UInt64'],
      ['visitors', 'UInt64'],
    ]);
    assert.equal(answer.name, 'top_pages');
    assert.equal(answer.is_cached, false);
    assert.equal(answer.last_refresh, NOW.toISOString());
    assert.equal(answer.timezone, 'UTC');
    assert.equal(answer.endpoint_version, 1);
    const paged = await upstream.run('events_table', { limit: 10, offset: 10 }, call);
    assert.deepEqual(
      [(paged.results as unknown[]).length, paged.hasMore, paged.limit, paged.offset],
      [10, true, 10, 10],
    );
  });

  it("sends insight endpoints to the insight engine and answers with the fixtures' fields", async () => {
    const trends = await upstream.run('daily_active_users', {}, call);
    const series = (trends.results as Array<Record<string, unknown>>)[0]!;
    const sample = fixture('daily_active_users').run.results[0];
    for (const key of ['label', 'data', 'labels', 'days', 'count', 'action']) {
      assert.equal(typeof series[key], typeof sample[key], key);
    }
    assert.equal((series.data as number[]).length, 31);
    assert.deepEqual(Object.keys(trends).slice(0, 3), ['results', 'name', 'is_cached']);
    const funnel = (await upstream.run('activation_funnel', {}, call)).results as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(
      funnel.map((step) => step.name),
      ['signed_up', 'project_created', 'invited_teammate', 'purchase'],
    );
    const retention = (await upstream.run('weekly_retention', {}, call)).results as Array<
      Record<string, unknown>
    >;
    assert.equal(retention.length, 8);
    const recent = await upstream.run(
      'pageviews_by_browser',
      { variables: { date_from: '-7d', $browser: 'Safari' } },
      call,
    );
    assert.deepEqual(
      (recent.results as Array<{ breakdown_value: string }>).map((s) => s.breakdown_value),
      ['Safari'],
    );
  });

  it("answers an unknown endpoint with PostHog's 404", async () => {
    const notFound = { type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null };
    for (const name of ['nope', '../top_pages', 'top pages']) {
      await assert.rejects(upstream.run(name, {}, call), upstreamError(404, notFound));
      await assert.rejects(upstream.getEndpoint(name, call), upstreamError(404, notFound));
    }
  });

  it('answers bad variables and pagination with a 400 naming the field', async () => {
    const invalid = (attr: string, detail: string) => ({
      type: 'validation_error',
      code: 'invalid_input',
      detail,
      attr,
    });
    await assert.rejects(
      upstream.run('top_pages', { variables: { org: 'acme' } }, call),
      upstreamError(400, invalid('variables', 'Unknown variable(s): org')),
    );
    await assert.rejects(
      upstream.run('top_pages', { variables: { org_id: 42 } }, call),
      upstreamError(400, invalid('variables.org_id', "Variable 'org_id' must be a string")),
    );
    await assert.rejects(
      upstream.run('daily_active_users', { variables: { org_id: 'acme' } }, call),
      upstreamError(400, invalid('variables', 'Unknown variable(s): org_id')),
    );
    await assert.rejects(
      upstream.run('daily_active_users', { limit: 5 }, call),
      upstreamError(
        400,
        invalid('limit', 'Limit/offset parameters are only supported for HogQLQuery, not TrendsQuery'),
      ),
    );
  });

  it('stops a running SQL query when the caller aborts', { timeout: 30_000 }, async () => {
    await assert.rejects(upstream.run('top_pages', {}, { signal: AbortSignal.abort() }), {
      name: 'AbortError',
    });
    // The query would run for hours: if the abort did not interrupt DuckDB, this test would time out.
    // The timer only picks a moment, likely mid-query, to abort at; nothing waits on it.
    const controller = new AbortController();
    const running = upstream.run('slow', {}, { signal: controller.signal });
    const timer = setTimeout(() => controller.abort(), 300);
    await assert.rejects(running, { name: 'AbortError' });
    clearTimeout(timer);
    // The engine is still usable afterwards.
    assert.ok(Array.isArray((await upstream.run('top_pages', {}, call)).results));
  });
});

describe('createLocalUpstream', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ph-embed-local-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads an events file, locks the database and logs the rows loaded', async () => {
    const csv = join(dir, 'events.csv');
    await writeFile(
      csv,
      'uuid,event,timestamp,distinct_id,person_id,properties\n' +
        'a,signed_up,2026-05-19T10:00:00Z,d1,p1,{}\n' +
        'b,signed_up,2026-05-19T11:00:00Z,d2,p2,{}\n',
    );
    const logged: Array<[object, string]> = [];
    const upstream = await createLocalUpstream({
      eventsFile: csv,
      now: NOW,
      logger: { info: (o, m) => logged.push([o, m]) },
    });
    try {
      assert.equal(logged.length, 1);
      const shipped = (await loadEndpoints(DEFAULT_ENDPOINTS_DIR)).size;
      assert.equal(logged[0]![1], `local engine ready: 2 events, 2 persons, ${shipped} endpoints`);
      assert.deepEqual(
        { ...logged[0]![0], ms: 0 },
        { events: 2, persons: 2, endpoints: shipped, source: 'file', ms: 0 },
      );
      const total = await upstream.run('total_signups', {}, {});
      assert.equal((total.results as Array<{ aggregated_value: number }>)[0]!.aggregated_value, 2);
      const sneaky = await upstream.run('top_events', {}, {});
      assert.ok(Array.isArray(sneaky.results));
    } finally {
      upstream.close();
    }
  });

  it('generates data by default, the same for the same seed and now', async () => {
    const first = await createLocalUpstream({ seed: 9, now: NOW });
    const second = await createLocalUpstream({ seed: 9, now: NOW });
    try {
      const answer = async (upstream: LocalUpstream) =>
        (await upstream.run('revenue_by_plan', {}, {})).results;
      assert.deepEqual(await answer(first), await answer(second));
    } finally {
      first.close();
      second.close();
    }
  });

  it('stops with an error naming the bad endpoint file or events file', async () => {
    await writeFile(join(dir, 'broken.json'), '{}');
    await assert.rejects(createLocalUpstream({ endpointsDir: dir, now: NOW }), EndpointFileError);
    await assert.rejects(
      createLocalUpstream({ eventsFile: join(dir, 'none.parquet'), now: NOW }),
      LoadEventsError,
    );
  });
});
