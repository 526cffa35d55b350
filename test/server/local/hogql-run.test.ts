import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LocalDatabase, type EventRow } from '../../../src/server/local/db.js';
import { LocalQueryError } from '../../../src/server/local/errors.js';
import { readPropertyTypes, type PropertyTypes } from '../../../src/server/local/hogql/property-types.js';
import { runHogQLQuery, type HogQLRunOptions } from '../../../src/server/local/hogql/run.js';
import type { VariableDefinition } from '../../../src/server/local/hogql/variables.js';

const NOW = new Date('2024-03-07T00:00:00Z');

const event = (
  uuid: string,
  name: string,
  at: string,
  person: string,
  properties: Record<string, unknown>,
): EventRow => ({
  uuid,
  event: name,
  timestamp: new Date(at),
  distinct_id: `${person}-device`,
  person_id: person,
  properties,
});

/** Hand-made: 2024-03-03 is a Sunday. */
const EVENTS = [
  event('e1', '$pageview', '2024-03-03T10:00:00Z', 'p1', {
    $browser: 'Chrome',
    org_id: 'acme',
    $pathname: '/a',
  }),
  event('e2', '$pageview', '2024-03-04T11:00:00Z', 'p1', {
    $browser: 'Chrome',
    org_id: 'acme',
    $pathname: '/b',
  }),
  event('e3', '$pageview', '2024-03-05T12:00:00Z', 'p2', {
    $browser: 'Safari',
    org_id: 'globex',
    $pathname: '/a',
  }),
  event('e4', 'purchase', '2024-03-05T13:00:00Z', 'p1', { plan: 'pro', amount: 99, org_id: 'acme' }),
  event('e5', 'purchase', '2024-03-06T13:00:00Z', 'p2', { plan: 'starter', amount: 29.5, org_id: 'globex' }),
  event('e6', '$pageview', '2024-03-06T14:00:00Z', 'p2', { $browser: '', org_id: 'globex', $pathname: '/a' }),
];

const DEFINITIONS: VariableDefinition[] = [
  { code_name: 'org_id', type: 'String', default: 'acme' },
  { code_name: 'min_amount', type: 'Number' },
  { code_name: 'paid', type: 'Boolean' },
  { code_name: 'since', type: 'Date', default: '2024-03-01' },
  { code_name: 'kinds', type: 'List', default: ['purchase'] },
];

describe('runHogQLQuery', () => {
  let db: LocalDatabase;
  let propertyTypes: PropertyTypes;
  const run = (query: string, options: Partial<HogQLRunOptions> = {}) =>
    runHogQLQuery(db, query, { now: NOW, propertyTypes, definitions: DEFINITIONS, ...options });
  const refuses = (promise: Promise<unknown>, attr: string, pattern: RegExp) =>
    assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof LocalQueryError, String(error));
      assert.equal(error.attr, attr);
      assert.match(error.message, pattern);
      return true;
    });

  before(async () => {
    db = await LocalDatabase.create();
    await db.insertEvents(EVENTS);
    await db.insertPersons([
      {
        id: 'p1',
        created_at: new Date('2024-01-01T00:00:00Z'),
        properties: { email: 'a@acme.com', plan: 'pro' },
      },
      {
        id: 'p2',
        created_at: new Date('2024-02-01T00:00:00Z'),
        properties: { email: 'b@globex.com', plan: 'free' },
      },
    ]);
    await db.lock();
    propertyTypes = await readPropertyTypes(db);
  });
  after(() => db.close());

  it("answers PostHog's data-table query in PostHog's shape", async () => {
    const result = await run(`select event, person.properties.email, properties.$browser, count()
      from events where timestamp > now () - interval 2 day and person.properties.email is not null
      group by event, properties.$browser, person.properties.email order by count() desc, event, person.properties.email, properties.$browser limit 100`);
    assert.deepEqual(result, {
      results: [
        ['$pageview', 'b@globex.com', 'Safari', 1],
        ['$pageview', 'b@globex.com', null, 1],
        ['purchase', 'a@acme.com', null, 1],
        ['purchase', 'b@globex.com', null, 1],
      ],
      columns: ['event', 'person.properties.email', 'properties.$browser', 'count()'],
      types: [
        ['event', 'String'],
        ['person.properties.email', 'Nullable(String)'],
        ['properties.$browser', 'Nullable(String)'],
        ['count()', 'UInt64'],
      ],
      hasMore: false,
    });
  });

  it('buckets dates as ClickHouse does (weeks start on Sunday unless mode 1) and formats them as PostHog', async () => {
    const { results, types } = await run(
      `SELECT uuid, toStartOfWeek(timestamp), toStartOfWeek(timestamp, 1), toStartOfMonth(timestamp), toDate(timestamp),
              toStartOfDay(timestamp), timestamp FROM events WHERE uuid IN ('e1', 'e2') ORDER BY uuid`,
    );
    assert.deepEqual(results, [
      [
        'e1',
        '2024-03-03',
        '2024-02-26',
        '2024-03-01',
        '2024-03-03',
        '2024-03-03T00:00:00Z',
        '2024-03-03T10:00:00Z',
      ],
      [
        'e2',
        '2024-03-03',
        '2024-03-04',
        '2024-03-01',
        '2024-03-04',
        '2024-03-04T00:00:00Z',
        '2024-03-04T11:00:00Z',
      ],
    ]);
    assert.deepEqual(
      types.map(([, type]) => type),
      ['String', 'Date', 'Date', 'Date', 'Date', "DateTime64(6, 'UTC')", "DateTime64(6, 'UTC')"],
    );
  });

  it('sums numeric properties, groups by person properties, and uses today()', async () => {
    const revenue = await run(
      `SELECT properties.plan AS plan, sum(properties.amount) AS revenue, round(avg(properties.amount), 1)
       FROM events WHERE event = 'purchase' GROUP BY plan ORDER BY revenue DESC`,
    );
    assert.deepEqual(revenue.results, [
      ['pro', 99, 99],
      ['starter', 29.5, 29.5],
    ]);
    assert.equal(revenue.types[1]![1], 'Float64');
    const byPlan = await run(
      `SELECT person.properties.plan, uniq(person_id), countIf(event = 'purchase'), today() FROM events GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(byPlan.results, [
      ['free', 1, 1, '2024-03-07'],
      ['pro', 1, 1, '2024-03-07'],
    ]);
  });

  it('binds every variable type, with defaults, and never as text', async () => {
    const base = `SELECT uuid FROM events WHERE properties.org_id = {variables.org_id} ORDER BY uuid`;
    assert.deepEqual((await run(base)).results, [['e1'], ['e2'], ['e4']]);
    assert.deepEqual((await run(base, { variables: { org_id: 'globex' } })).results, [
      ['e3'],
      ['e5'],
      ['e6'],
    ]);
    assert.deepEqual((await run(base, { variables: { org_id: "acme' OR '1'='1" } })).results, []);
    const amount = `SELECT uuid FROM events WHERE properties.amount > {variables.min_amount} ORDER BY uuid`;
    assert.deepEqual((await run(amount, { variables: { min_amount: 50 } })).results, [['e4']]);
    assert.deepEqual((await run(amount, { variables: { min_amount: '29.4' } })).results, [['e4'], ['e5']]);
    assert.deepEqual((await run(amount)).results, [], 'an unset variable is NULL');
    const list = `SELECT uuid FROM events WHERE event IN {variables.kinds} AND timestamp >= {variables.since} ORDER BY uuid`;
    assert.deepEqual((await run(list)).results, [['e4'], ['e5']]);
    assert.deepEqual(
      (await run(list, { variables: { since: '2024-03-06', kinds: ['purchase', '$pageview'] } })).results,
      [['e5'], ['e6']],
    );
    const flag = `SELECT count() FROM events WHERE (event = 'purchase') = {variables.paid}`;
    assert.deepEqual((await run(flag, { variables: { paid: true } })).results, [[2]]);
    assert.deepEqual((await run(flag, { variables: { paid: 'false' } })).results, [[4]]);
  });

  it('refuses unknown and ill-typed variables, naming them', async () => {
    const query = 'SELECT {variables.org_id}';
    await refuses(
      run(query, { variables: { nope: 1, other: 2 } }),
      'variables',
      /^Unknown variable\(s\): nope, other$/,
    );
    await refuses(run(query, { variables: { org_id: 5 } }), 'variables.org_id', /'org_id' must be a string/);
    await refuses(
      run(query, { variables: { min_amount: 'lots' } }),
      'variables.min_amount',
      /must be a number/,
    );
    await refuses(run(query, { variables: { paid: 'yes' } }), 'variables.paid', /true or false/);
    await refuses(run(query, { variables: { since: 'last week' } }), 'variables.since', /must be a date/);
    await refuses(
      run(query, { variables: { kinds: [1, 'a'] } }),
      'variables.kinds',
      /list of strings or a list of numbers/,
    );
    await refuses(
      run(query, { definitions: [{ code_name: 'org_id', type: 'String', required: true }] }),
      'variables.org_id',
      /Required variable\(s\) 'org_id' not provided/,
    );
  });

  it('paginates with limit/offset, fetching one more row to know hasMore, under the query LIMIT', async () => {
    const query = 'SELECT uuid FROM events ORDER BY timestamp';
    assert.deepEqual(await run(query, { limit: 2 }), {
      results: [['e1'], ['e2']],
      columns: ['uuid'],
      types: [['uuid', 'String']],
      hasMore: true,
      limit: 2,
      offset: 0,
    });
    const last = await run(query, { limit: 2, offset: 4 });
    assert.deepEqual([last.results, last.hasMore, last.offset], [[['e5'], ['e6']], false, 4]);
    const capped = await run(`${query} LIMIT 3`, { limit: 2, offset: 2 });
    assert.deepEqual([capped.results, capped.hasMore], [[['e3']], false]);
    const shifted = await run(`${query} LIMIT 3 OFFSET 1`, { limit: 2 });
    assert.deepEqual([shifted.results, shifted.hasMore], [[['e2'], ['e3']], true]);
    await refuses(run(query, { offset: 2 }), 'offset', /offset requires limit/);
  });

  it("caps a query without LIMIT at PostHog's 100 rows and says there is more", async () => {
    const result = await run('SELECT a.uuid FROM events a, events b, events c');
    assert.equal(result.results.length, 100);
    assert.equal(result.hasMore, true);
    assert.equal('limit' in result, false);
  });

  it("turns DuckDB's errors into a 400 on the query, and honours an aborted signal", async () => {
    await refuses(run('SELECT nope FROM events'), 'query', /Binder Error/);
    await refuses(run('SELECT count() FROM nowhere'), 'query', /nowhere/);
    await assert.rejects(run('SELECT 1', { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});
