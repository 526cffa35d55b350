import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LocalQueryError } from '../../../../src/server/local/errors.js';
import { insightVariableNames } from '../../../../src/server/local/insights/index.js';
import { eventProperty } from '../../../../src/server/local/insights/sql.js';
import { database, ev, pageviews, run } from './helpers.js';

const trends = (extra: Record<string, unknown>) => ({ kind: 'TrendsQuery', series: [pageviews()], ...extra });
const funnel = (funnelsFilter: Record<string, unknown>) => ({
  kind: 'FunnelsQuery',
  series: [pageviews(), { kind: 'EventsNode', event: 'signed_up' }],
  funnelsFilter,
});

const refused: Array<[string, Record<string, unknown>, string]> = [
  [
    'hogql math',
    trends({ series: [pageviews({ math: 'hogql', math_hogql: 'count()' })] }),
    'series[0].math_hogql',
  ],
  ['math without hogql text', trends({ series: [pageviews({ math: 'hogql' })] }), 'series[0].math'],
  ['actions', trends({ series: [{ kind: 'ActionsNode', id: 3 }] }), 'series[0].kind'],
  [
    'group math',
    trends({ series: [pageviews({ math: 'unique_group', math_group_type_index: 0 })] }),
    'series[0].math_group_type_index',
  ],
  ['formulas', trends({ trendsFilter: { formula: 'A/B' } }), 'trendsFilter.formula'],
  ['smoothing', trends({ trendsFilter: { smoothingIntervals: 7 } }), 'trendsFilter.smoothingIntervals'],
  ['calendar heatmap', trends({ trendsFilter: { display: 'CalendarHeatmap' } }), 'trendsFilter.display'],
  ['minute interval', trends({ interval: 'minute' }), 'interval'],
  [
    'compare to a date',
    trends({ compareFilter: { compare: true, compare_to: '-1y' } }),
    'compareFilter.compare_to',
  ],
  [
    'cohort breakdown',
    trends({ breakdownFilter: { breakdown: [3], breakdown_type: 'cohort' } }),
    'breakdownFilter.breakdown',
  ],
  [
    'session breakdown',
    trends({ breakdownFilter: { breakdown: '$session_duration', breakdown_type: 'session' } }),
    'breakdownFilter.breakdown_type',
  ],
  [
    'multiple breakdowns',
    trends({ breakdownFilter: { breakdowns: [{ property: '$browser' }] } }),
    'breakdownFilter.breakdowns',
  ],
  [
    'histogram breakdown',
    trends({ breakdownFilter: { breakdown: 'amount', breakdown_histogram_bin_count: 5 } }),
    'breakdownFilter.breakdown_histogram_bin_count',
  ],
  ['cohort filter', trends({ properties: [{ key: 'id', value: 3, type: 'cohort' }] }), 'properties[0].type'],
  [
    'nested session filter',
    trends({
      properties: {
        type: 'AND',
        values: [
          { type: 'AND', values: [] },
          { type: 'OR', values: [{ key: '$session_duration', value: 3, type: 'session' }] },
        ],
      },
    }),
    'properties.values[1].values[0].type',
  ],
  [
    'between operator',
    trends({ properties: [{ key: 'amount', value: [1, 2], operator: 'between', type: 'event' }] }),
    'properties[0].operator',
  ],
  ['groups', trends({ aggregation_group_type_index: 0 }), 'aggregation_group_type_index'],
  ['funnel trends', funnel({ funnelVizType: 'trends' }), 'funnelsFilter.funnelVizType'],
  ['unordered funnel', funnel({ funnelOrderType: 'unordered' }), 'funnelsFilter.funnelOrderType'],
  [
    'funnel exclusions',
    funnel({ exclusions: [{ kind: 'EventsNode', event: 'x', funnelFromStep: 0, funnelToStep: 1 }] }),
    'funnelsFilter.exclusions',
  ],
  [
    'step attribution',
    funnel({ breakdownAttributionType: 'step' }),
    'funnelsFilter.breakdownAttributionType',
  ],
  [
    'optional steps',
    { kind: 'FunnelsQuery', series: [pageviews(), pageviews({ optionalInFunnel: true }), pageviews()] },
    'series[1].optionalInFunnel',
  ],
  [
    'first-ever retention',
    { kind: 'RetentionQuery', retentionFilter: { retentionType: 'retention_first_ever_occurrence' } },
    'retentionFilter.retentionType',
  ],
  [
    'retention of actions',
    { kind: 'RetentionQuery', retentionFilter: { targetEntity: { id: 1, type: 'actions' } } },
    'retentionFilter.targetEntity.type',
  ],
  [
    'stickiness criteria',
    {
      kind: 'StickinessQuery',
      series: [pageviews()],
      stickinessFilter: { stickinessCriteria: { operator: 'gte', value: 3 } },
    },
    'stickinessFilter.stickinessCriteria',
  ],
  ['paths', { kind: 'PathsQuery' }, 'kind'],
];

describe('what the local engine does not do is refused, naming the field', () => {
  for (const [name, query, attr] of refused) {
    test(name, async () => {
      const db = await database([]);
      await assert.rejects(run(db, query), (error: unknown) => {
        assert.ok(error instanceof LocalQueryError, `expected a LocalQueryError, got ${String(error)}`);
        assert.equal(error.attr, attr);
        assert.match(error.message, new RegExp(attr.replace(/[[\].]/g, '\\$&')));
        return true;
      });
    });
  }

  test('unknown variables and malformed input are invalid, not unsupported', async () => {
    const db = await database([]);
    const invalid = async (promise: Promise<unknown>, attr: string) =>
      assert.rejects(
        promise,
        (e: unknown) => e instanceof LocalQueryError && e.attr === attr && e.code === 'invalid_input',
      );
    await invalid(run(db, trends({}), { variables: { org_id: 'acme' } }), 'variables');
    await invalid(run(db, trends({}), { variables: { date_from: 7 } }), 'variables.date_from');
    await invalid(run(db, trends({}), { timezone: 'Nowhere/Special' }), 'timezone');
    await invalid(run(db, trends({ dateRange: { date_from: 'yesterday-ish' } })), 'dateRange.date_from');
    await invalid(run(db, trends({ series: [] })), 'series');
    await invalid(run(db, trends({ dateRange: { date_from: 7 } })), 'dateRange.date_from');
    await invalid(run(db, trends({ series: [pageviews({ math: 'sum' })] })), 'series[0].math_property');
    await invalid(
      run(db, trends({ properties: [{ key: 'a', value: '(', operator: 'regex', type: 'event' }] })),
      'properties[0].value',
    );
    await invalid(
      run(db, trends({ properties: [{ key: 'a', value: 'ten', operator: 'gt', type: 'event' }] })),
      'properties[0].value',
    );
  });
});

describe('hostile input is bound or quoted, never run', () => {
  const hostileKeys = [
    '$browser',
    'a.b',
    'quote"d',
    "it's",
    'back\\slash',
    "x'); DROP TABLE events; --",
    'new\nline',
    '☃',
    '$.x[0]',
    '"',
    '\\',
    "'",
  ];

  test('property keys with quotes, dots, backslashes and SQL read the right property', async () => {
    const properties = Object.fromEntries(hostileKeys.map((key, i) => [key, `v${i}`]));
    const db = await database([ev('$pageview', '2024-03-14T10:00:00Z', 'a', properties)]);
    for (const [i, key] of hostileKeys.entries()) {
      const [row] = await db.all<{ v: string }>(`SELECT ${eventProperty(key)} AS v FROM events e`);
      assert.equal(row!.v, `v${i}`, JSON.stringify(key));
    }
    assert.throws(() => eventProperty('*'), LocalQueryError);
    assert.throws(() => eventProperty('a\0b'), LocalQueryError);
  });

  test('hostile filter values, keys and breakdowns leave the tables as they were', async () => {
    const db = await database([
      ev('$pageview', '2024-03-14T10:00:00Z', 'a', { "x'); DROP TABLE events; --": 'y' }),
    ]);
    const hostile = "'); DROP TABLE events; --";
    const queries = [
      trends({ properties: [{ key: hostile, value: hostile, type: 'event' }] }),
      trends({
        properties: [
          { key: '$browser', value: [hostile, `${hostile}\\`], operator: 'icontains', type: 'person' },
        ],
      }),
      trends({ breakdownFilter: { breakdown: hostile } }),
      trends({ series: [{ kind: 'EventsNode', event: hostile, math: 'sum', math_property: hostile }] }),
      {
        kind: 'FunnelsQuery',
        series: [{ kind: 'EventsNode', event: hostile }, pageviews()],
        breakdownFilter: { breakdown: hostile },
      },
    ];
    for (const query of queries) await run(db, query);
    await run(db, trends({ breakdownFilter: { breakdown: 'org' } }), {
      variables: { org: hostile, date_from: '-7d' },
    });
    const [row] = await db.all<{ n: number }>('SELECT count(*) AS n FROM events');
    assert.equal(row!.n, 1);
  });
});

describe('the variables an insight endpoint takes', () => {
  test('dates always, and the breakdown property for trends and retention', () => {
    const breakdownFilter = { breakdown: 'org_id' };
    assert.deepEqual(insightVariableNames({ kind: 'TrendsQuery', breakdownFilter }), [
      'date_from',
      'date_to',
      'org_id',
    ]);
    assert.deepEqual(
      insightVariableNames({ kind: 'InsightVizNode', source: { kind: 'RetentionQuery', breakdownFilter } }),
      ['date_from', 'date_to', 'org_id'],
    );
    assert.deepEqual(insightVariableNames({ kind: 'FunnelsQuery', breakdownFilter }), [
      'date_from',
      'date_to',
    ]);
  });
});
