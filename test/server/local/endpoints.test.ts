import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalDatabase } from '../../../src/server/local/db.js';
import {
  EndpointFileError,
  loadEndpoints,
  parseEndpointFile,
  type LocalEndpoint,
} from '../../../src/server/local/endpoints.js';
import { generateDataset } from '../../../src/server/local/generator.js';
import { readPropertyTypes } from '../../../src/server/local/hogql/property-types.js';
import { runHogQLQuery } from '../../../src/server/local/hogql/run.js';
import { DEFAULT_ENDPOINTS_DIR } from '../../../src/server/local/index.js';

const NOW = new Date('2026-05-20T09:00:00Z');
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'));

/** The endpoints the demo uses, plus the fixture names, with the kind each must be. */
const EXPECTED: Record<string, string> = {
  daily_active_users: 'TrendsQuery',
  pageviews_by_browser: 'TrendsQuery',
  signups_this_week: 'TrendsQuery',
  revenue_by_plan: 'TrendsQuery',
  activation_funnel: 'FunnelsQuery',
  weekly_retention: 'RetentionQuery',
  user_lifecycle: 'LifecycleQuery',
  user_stickiness: 'StickinessQuery',
  top_pages: 'HogQLQuery',
  events_table: 'HogQLQuery',
  total_signups: 'TrendsQuery',
  pageviews_by_browser_version: 'TrendsQuery',
  signup_retention: 'RetentionQuery',
  top_events: 'HogQLQuery',
  activation_funnel_by_variant: 'FunnelsQuery',
};

describe('the shipped endpoint files', () => {
  let endpoints: Map<string, LocalEndpoint>;
  let db: LocalDatabase;

  before(async () => {
    endpoints = await loadEndpoints(DEFAULT_ENDPOINTS_DIR);
    const data = generateDataset({ seed: 11, now: NOW, events: 20_000 });
    db = await LocalDatabase.create();
    await db.insertEvents(data.events);
    await db.insertPersons(data.persons);
    await db.lock();
  });
  after(() => db.close());

  it('all load, with the names and kinds the demo and the fixtures use', () => {
    for (const [name, kind] of Object.entries(EXPECTED)) assert.equal(endpoints.get(name)?.kind, kind, name);
    assert.ok(endpoints.size >= 10);
    for (const endpoint of endpoints.values()) assert.ok(endpoint.description.length > 10, endpoint.name);
  });

  it('store the display types the demo draws', () => {
    const display = (name: string) => {
      const source = endpoints.get(name)!.source;
      return ((source.trendsFilter ?? source.stickinessFilter ?? {}) as { display?: string }).display;
    };
    assert.equal(display('daily_active_users'), 'ActionsLineGraph');
    assert.equal(display('signups_this_week'), 'BoldNumber');
    assert.deepEqual(endpoints.get('signups_this_week')!.source.compareFilter, { compare: true });
    assert.equal(display('revenue_by_plan'), 'ActionsStackedBar');
    assert.equal((endpoints.get('activation_funnel')!.source.series as unknown[]).length, 4);
    assert.equal(
      (endpoints.get('weekly_retention')!.source.retentionFilter as { totalIntervals: number })
        .totalIntervals,
      8,
    );
    assert.match(endpoints.get('top_pages')!.source.query as string, /\{variables\.org_id\}/);
  });

  it('every SQL endpoint runs with its default variables and answers like PostHog HogQL', async () => {
    const sample = fixture('posthog/hogql-data-table.json');
    const propertyTypes = await readPropertyTypes(db);
    for (const endpoint of [...endpoints.values()].filter((e) => e.kind === 'HogQLQuery')) {
      const result = await runHogQLQuery(db, endpoint.source.query as string, {
        now: NOW,
        definitions: endpoint.variables,
        propertyTypes,
      });
      assert.ok(result.results.length > 0, `${endpoint.name} returns rows`);
      assert.equal(typeof result.hasMore, 'boolean');
      assert.deepEqual(
        result.types.map(([name]) => name),
        result.columns,
        endpoint.name,
      );
      for (const [, type] of result.types) assert.match(type, /^[A-Z][A-Za-z0-9]*(\(.*\))?$/, endpoint.name);
      for (const row of result.results) {
        assert.equal(row.length, result.columns.length, endpoint.name);
        for (const cell of row)
          assert.ok(
            cell === null || ['string', 'number', 'boolean'].includes(typeof cell),
            `${endpoint.name}: ${cell}`,
          );
      }
    }
    const topEvents = await runHogQLQuery(db, endpoints.get('top_events')!.source.query as string, {
      now: NOW,
      propertyTypes,
    });
    assert.deepEqual(
      topEvents.columns,
      sample.columns,
      "top_events' columns are PostHog's for the same query",
    );
    assert.deepEqual(topEvents.types.at(-1), ['count()', 'UInt64']);
  });

  it('events_table pages with limit and offset, and top_pages follows org_id', async () => {
    const events = endpoints.get('events_table')!;
    const page = await runHogQLQuery(db, events.source.query as string, {
      now: NOW,
      definitions: events.variables,
      limit: 25,
      offset: 50,
    });
    assert.equal(page.results.length, 25);
    assert.deepEqual([page.hasMore, page.limit, page.offset], [true, 25, 50]);
    const pages = endpoints.get('top_pages')!;
    const run = (org: string) =>
      runHogQLQuery(db, pages.source.query as string, {
        now: NOW,
        definitions: pages.variables,
        variables: { org_id: org },
      });
    const [acme, hooli] = [await run('acme'), await run('hooli')];
    assert.notDeepEqual(acme.results, hooli.results);
    assert.deepEqual((await run('nobody')).results, []);
  });
});

describe('endpoint file checks', () => {
  const valid = {
    name: 'my_sql',
    description: 'Some SQL',
    query: { kind: 'HogQLQuery', query: 'SELECT count() FROM events WHERE event = {variables.kind}' },
    variables: [{ code_name: 'kind', type: 'String', default: '$pageview' }],
  };
  const check = (change: (file: Record<string, unknown>) => void, pattern: RegExp, file = 'my_sql.json') => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    change(copy);
    assert.throws(
      () => parseEndpointFile(file, JSON.stringify(copy)),
      (error: unknown) => error instanceof EndpointFileError && pattern.test(error.message),
    );
  };

  it('accepts a valid SQL endpoint and keeps its variables', () => {
    const endpoint = parseEndpointFile('my_sql.json', JSON.stringify(valid));
    assert.equal(endpoint.kind, 'HogQLQuery');
    assert.deepEqual(endpoint.variables, valid.variables);
    assert.equal(endpoint.data_freshness_seconds, 86_400);
  });

  it('names the file and the field of every problem', () => {
    check((f) => (f.name = 'other'), /^endpoint file my_sql\.json: name: must match the file name/);
    check((f) => (f.name = '9lives'), /my_sql\.json: name: must start with a letter/, 'my_sql.json');
    check((f) => delete f.description, /my_sql\.json: description: /);
    check((f) => (f.extra = 1), /my_sql\.json: \(file\): .*extra/);
    check((f) => (f.query = { kind: 'PathsQuery' }), /my_sql\.json: query\.kind: must be one of/);
    check(
      (f) => (f.query = { kind: 'InsightVizNode', source: 'x' }),
      /my_sql\.json: query: must hold a query/,
    );
    check((f) => (f.variables = [{ code_name: 'kind', type: 'Text' }]), /my_sql\.json: variables\.0\.type: /);
    check(
      (f) => (f.variables = [{ code_name: 'bad name', type: 'String' }]),
      /my_sql\.json: variables\.0\.code_name: /,
    );
    check(
      (f) => (f.variables = [...valid.variables, ...valid.variables]),
      /my_sql\.json: variables: kind is declared twice/,
    );
    check(
      (f) => (f.variables = [{ code_name: 'kind', type: 'Number', default: 'many' }]),
      /my_sql\.json: variables\.kind: Variable 'kind' must be a number/,
    );
    check(
      (f) => (f.variables = []),
      /my_sql\.json: query\.query: Query references undefined variable\(s\): kind/,
    );
    check(
      (f) => (f.variables = [...valid.variables, { code_name: 'spare', type: 'String' }]),
      /my_sql\.json: variables: not used in the query: spare/,
    );
    check(
      (f) => (f.query = { kind: 'HogQLQuery', query: 'DROP TABLE events' }),
      /my_sql\.json: query\.query: Only SELECT queries are allowed/,
    );
    check(
      (f) => (f.query = { kind: 'HogQLQuery', query: 'SELECT read_csv(1)' }),
      /my_sql\.json: query\.query: Function read_csv/,
    );
    check((f) => (f.query = { kind: 'TrendsQuery', series: [] }), /my_sql\.json: variables: only SQL/);
    assert.throws(
      () => parseEndpointFile('x.json', '{oops'),
      /endpoint file x\.json: \(file\): not valid JSON/,
    );
  });

  it('reports every bad file of a folder at once, and a missing folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ph-embed-endpoints-'));
    try {
      await writeFile(join(dir, 'a.json'), '{');
      await writeFile(
        join(dir, 'b.json'),
        JSON.stringify({ name: 'b', description: 'b', query: { kind: 'Nope' } }),
      );
      await writeFile(join(dir, 'notes.txt'), 'ignored');
      await assert.rejects(loadEndpoints(dir), (error: unknown) => {
        assert.ok(error instanceof EndpointFileError);
        assert.match(
          error.message,
          /a\.json: \(file\): not valid JSON[^]*\nendpoint file b\.json: query\.kind/,
        );
        return true;
      });
      await assert.rejects(
        loadEndpoints(join(dir, 'missing')),
        /endpoints folder .*missing cannot be read \(ENOENT\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
