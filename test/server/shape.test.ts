import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { FunnelStep, RetentionRow, RunResponse, TrendsSeries } from '../../src/data/types.js';
import { readQueryInfo } from '../../src/server/shape/query-info.js';
import { shapeResults } from '../../src/server/shape/results.js';
import { buildRunResponse } from '../../src/server/shape/run-response.js';
import { UpstreamError } from '../../src/server/upstreams/errors.js';
import type { EndpointDefinition, RawRunResponse } from '../../src/server/upstreams/types.js';
import { FIXTURES_DIR } from './helpers/fake-posthog.js';
import { allKeys, forbiddenKeys } from './helpers/harness.js';

interface Fixture {
  endpoint: EndpointDefinition;
  run: RawRunResponse;
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}.json`, 'utf8')) as Fixture;
}

function shape(name: string): RunResponse {
  const { endpoint, run } = fixture(name);
  return buildRunResponse({
    name,
    info: readQueryInfo(endpoint.query),
    definition: endpoint,
    raw: run,
    upstreamMs: 12,
  });
}

/** Every key a shaped answer may contain, at any depth. */
const ALLOWED_KEYS = new Set([
  ...['name', 'kind', 'display', 'format', 'results', 'columns', 'types', 'hasMore', 'limit', 'offset'],
  ...['timezone', 'last_refresh', 'is_cached', 'meta', 'cache', 'age_s', 'upstream_ms'],
  ...['axis', 'prefix', 'postfix', 'decimalPlaces', 'customNames', 'hidden'],
  ...['label', 'data', 'labels', 'days', 'count', 'aggregated_value', 'breakdown_value', 'compare'],
  ...['compare_label', 'status', 'action', 'custom_name', 'math', 'order'],
  ...['average_conversion_time', 'median_conversion_time', 'bins', 'date', 'values'],
]);

function unexpectedKeys(value: unknown): string[] {
  return [...allKeys(value)].filter((key) => !ALLOWED_KEYS.has(key) && !/^\d+$/.test(key));
}

const EXPECTED: Record<string, Pick<RunResponse, 'kind' | 'display' | 'format'>> = {
  daily_active_users: {
    kind: 'TrendsQuery',
    display: 'ActionsLineGraph',
    format: { customNames: { 0: 'Pageviews' } },
  },
  pageviews_by_browser: { kind: 'TrendsQuery', display: 'ActionsLineGraph', format: { hidden: [2] } },
  pageviews_by_browser_version: { kind: 'TrendsQuery', display: 'ActionsBarValue', format: { hidden: [2] } },
  total_signups: { kind: 'TrendsQuery', display: 'BoldNumber' },
  signups_this_week: { kind: 'TrendsQuery', display: 'BoldNumber' },
  activation_funnel: { kind: 'FunnelsQuery', display: 'steps' },
  activation_funnel_by_variant: { kind: 'FunnelsQuery', display: 'steps' },
  signup_retention: { kind: 'RetentionQuery' },
  top_events: { kind: 'HogQLQuery' },
};

describe('shaping every fixture endpoint', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(name, () => {
      const answer = shape(name);
      assert.equal(answer.name, name);
      assert.equal(answer.kind, expected.kind);
      assert.equal(answer.display, expected.display);
      assert.deepEqual(answer.format, expected.format);
      assert.deepEqual(forbiddenKeys(answer), []);
      assert.deepEqual(unexpectedKeys(answer), []);
      assert.equal(answer.meta.cache, 'miss');
      assert.equal(answer.meta.upstream_ms, 12);
      const raw = fixture(name).run.results as unknown[];
      assert.equal((answer.results as unknown[]).length, raw.length, 'no row is lost');
    });
  }

  test('trends series keep their data and the display part of action only', () => {
    const [series] = shape('daily_active_users').results as TrendsSeries[];
    assert.deepEqual(Object.keys(series ?? {}), ['label', 'data', 'labels', 'days', 'count', 'action']);
    assert.deepEqual(series?.action, { name: '$pageview', custom_name: null, math: null, order: 0 });
    assert.deepEqual(series?.data, [0, 0, 0, 15625, 22870, 15044, 6675, 796]);
  });

  test('a breakdown funnel stays a list of step lists', () => {
    const results = shape('activation_funnel_by_variant').results as unknown[][];
    assert.ok(results.every(Array.isArray));
    assert.deepEqual(results[0]?.[0], {
      name: 'signup started',
      custom_name: null,
      order: 0,
      count: 859,
      average_conversion_time: null,
      median_conversion_time: null,
      breakdown_value: ['test-1'],
    });
  });

  test('retention rows keep date, label and counts', () => {
    const [row] = shape('signup_retention').results as Array<{ values: unknown[] }>;
    assert.deepEqual(Object.keys(row ?? {}), ['values', 'date', 'label']);
    assert.deepEqual(row?.values[0], { count: 0 });
  });

  test('SQL answers keep rows, columns, hasMore and the refresh time', () => {
    const answer = shape('top_events');
    assert.deepEqual(answer.columns, ['event', 'person.properties.email', 'properties.$browser', 'count()']);
    assert.deepEqual((answer.results as unknown[][])[0], ['$autocapture', 'test@posthog.com', 'Chrome', 324]);
    assert.equal(answer.hasMore, false);
    assert.equal(answer.last_refresh, '2023-06-06T10:56:05.984440Z');
    assert.ok(answer.meta.age_s > 0);
  });
});

describe('results are rebuilt defensively', () => {
  test('junk fields are dropped and mistyped fields omitted or normalised', () => {
    const [series] = shapeResults('TrendsQuery', undefined, [
      {
        label: null,
        data: [1, 'x', null, Infinity, '2.50', '-3', '1e3', ' 4', '0x10', ''],
        labels: 'nope',
        days: [1, { a: 1 }],
        count: '3',
        aggregated_value: 'many',
        compare: 'yes',
        compare_label: 'previous',
        status: 'exploded',
        action: { name: 'a', math: 'dau', properties: [{ key: 'email' }], id: 7 },
        persons_urls: [{ url: '/x' }],
        filter: {},
        hogql: 'select 1',
        converted_people_url: '/y',
      },
      'not a series',
    ]) as TrendsSeries[];
    assert.deepEqual(series, {
      label: '',
      // A decimal sent as text (Django REST framework's way with Decimal) is a number; nothing else is.
      data: [1, null, null, null, 2.5, -3, null, null, null, null],
      labels: [],
      days: ['1', ''],
      count: 3,
      compare_label: 'previous',
      action: { name: 'a', math: 'dau' },
    });
  });

  test('counts and times sent as decimal text are numbers in funnels and retention too', () => {
    const [step] = shapeResults('FunnelsQuery', undefined, [
      { name: 'a', order: '0', count: '10', average_conversion_time: '12.5', median_conversion_time: null },
    ]) as FunnelStep[];
    assert.deepEqual(step, {
      name: 'a',
      count: 10,
      average_conversion_time: 12.5,
      median_conversion_time: null,
    });
    const [row] = shapeResults('RetentionQuery', undefined, [
      { date: '2024-01-01', label: 'Day 0', values: [{ count: '3' }, { count: 'n/a' }] },
    ]) as RetentionRow[];
    assert.deepEqual(
      row?.values.map((cell) => cell.count),
      [3, null],
    );
  });

  test('results in the wrong container are an upstream error, not a crash', () => {
    for (const [kind, results] of [
      ['TrendsQuery', { a: 1 }],
      ['RetentionQuery', 'x'],
      ['HogQLQuery', null],
      ['FunnelsQuery', 5],
    ] as const) {
      assert.throws(
        () => shapeResults(kind, undefined, results),
        (error: unknown) => error instanceof UpstreamError && error.failure === 'bad_shape',
        kind,
      );
    }
  });

  test('funnel time to convert keeps the average and the bins', () => {
    const shaped = shapeResults('FunnelsQuery', 'time_to_convert', {
      average_conversion_time: 42,
      bins: [[10, 3], [20, 'x'], 'junk', [30]],
      people: [],
    });
    assert.deepEqual(shaped, {
      average_conversion_time: 42,
      bins: [
        [10, 3],
        [20, 0],
      ],
    });
  });

  test('funnel trends are shaped as series', () => {
    const [series] = shapeResults('FunnelsQuery', 'trends', [
      { count: 2, data: [1], days: ['d'], labels: ['l'], x: 1 },
    ]) as TrendsSeries[];
    assert.deepEqual(series, { label: '', data: [1], labels: ['l'], days: ['d'], count: 2 });
  });

  test('SQL cells keep data and lose structure', () => {
    const rows = shapeResults('HogQLQuery', undefined, [
      [1, 'a', null, true, [1, [2]], { k: 'v' }, NaN],
      'not a row',
    ]);
    assert.deepEqual(rows, [[1, 'a', null, true, [1, [2]], '{"k":"v"}', null]]);
  });

  test('SQL columns and types accept strings or [name, type] pairs', () => {
    const answer = buildRunResponse({
      name: 'q',
      info: { kind: 'HogQLQuery', storedKind: 'HogQLQuery' },
      definition: { name: 'q' },
      raw: { results: [], columns: ['a', ['b', 'String'], 3, {}], types: [['a', 'Int64'], 'String', null] },
      upstreamMs: 1,
    });
    assert.deepEqual(answer.columns, ['a', 'b', '3', '']);
    assert.deepEqual(answer.types, [['a', 'Int64'], 'String', '']);
  });

  test('envelope fields are copied only when well typed', () => {
    const answer = buildRunResponse({
      name: 'asked_for',
      info: { kind: 'TrendsQuery', storedKind: 'TrendsQuery' },
      definition: { name: 'asked_for' },
      raw: {
        results: [],
        name: 'something_else',
        timezone: 'Europe/Berlin<script>',
        last_refresh: '2024-01-01T00:00:00Z',
        is_cached: 'yes',
        hasMore: 1,
        limit: -3,
        query: 'select secret',
        execution_id: 'abc',
      },
      upstreamMs: 3.6,
      now: Date.parse('2024-01-01T00:01:00Z'),
    });
    assert.deepEqual(answer, {
      name: 'asked_for',
      kind: 'TrendsQuery',
      results: [],
      last_refresh: '2024-01-01T00:00:00Z',
      meta: { cache: 'miss', age_s: 60, upstream_ms: 4 },
    });
  });
});
