/** Reading saved queries: kinds through wrappers, display types, format hints, endpoint summaries. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarizeEndpoint } from '../../src/server/shape/endpoint-summary.js';
import { readQueryInfo } from '../../src/server/shape/query-info.js';
import type { EndpointDefinition } from '../../src/server/upstreams/types.js';
import { readFixture } from './helpers/fake-posthog.js';

function definition(name: string): EndpointDefinition {
  return readFixture(name).endpoint as EndpointDefinition;
}

describe('reading the saved query', () => {
  test('unwraps InsightVizNode, DataTableNode and DataVisualizationNode', () => {
    for (const wrapper of ['InsightVizNode', 'DataTableNode', 'DataVisualizationNode']) {
      const info = readQueryInfo({ kind: wrapper, source: { kind: 'LifecycleQuery' } });
      assert.equal(info.kind, 'LifecycleQuery', wrapper);
    }
    assert.equal(
      readQueryInfo({ kind: 'StickinessQuery', stickinessFilter: { display: 'ActionsBar' } }).display,
      'ActionsBar',
    );
  });

  test('unknown or missing kinds are reported, not guessed', () => {
    assert.deepEqual(readQueryInfo({ kind: 'PathsQuery' }), { kind: undefined, storedKind: 'PathsQuery' });
    assert.equal(readQueryInfo(undefined).kind, undefined);
    assert.equal(readQueryInfo({ kind: 'InsightVizNode', source: null }).kind, undefined);
    assert.equal(readQueryInfo({ kind: '<script>' }).storedKind, undefined);
  });

  test('reads the full display format from trendsFilter and series', () => {
    const info = readQueryInfo({
      kind: 'TrendsQuery',
      series: [{ custom_name: 'Revenue' }, { custom_name: null }, { custom_name: 'Refunds' }],
      trendsFilter: {
        display: 'ActionsBar',
        aggregationAxisFormat: 'currency',
        aggregationAxisPrefix: '$',
        aggregationAxisPostfix: ' USD',
        decimalPlaces: 2,
        resultCustomizations: {
          '1': { assignmentBy: 'position', hidden: true },
          '3': { assignmentBy: 'position', hidden: false },
          '{"series":0}': { assignmentBy: 'value', hidden: true },
        },
      },
    });
    assert.deepEqual(info.format, {
      axis: 'currency',
      prefix: '$',
      postfix: ' USD',
      decimalPlaces: 2,
      customNames: { 0: 'Revenue', 2: 'Refunds' },
      hidden: [1],
    });
  });

  test('ignores format values of the wrong type or out of range', () => {
    const info = readQueryInfo({
      kind: 'TrendsQuery',
      trendsFilter: {
        display: 'Actions Line',
        aggregationAxisFormat: 'bitcoin',
        aggregationAxisPrefix: 7,
        decimalPlaces: -1,
        resultCustomizations: 'none',
      },
    });
    assert.equal(info.display, undefined);
    assert.equal(info.format, undefined);
  });
});

describe('endpoint summaries', () => {
  test('insight endpoints list date variables and their breakdown property', () => {
    const summary = summarizeEndpoint(definition('pageviews_by_browser'));
    assert.deepEqual(summary, {
      name: 'pageviews_by_browser',
      kind: 'TrendsQuery',
      description: 'Daily pageviews broken down by library version',
      display: 'ActionsLineGraph',
      variables: { date_from: {}, date_to: {}, $lib_version: {} },
    });
  });

  test('SQL endpoints list their code names with defaults, never the query text', () => {
    const summary = summarizeEndpoint({
      name: 'by_country',
      query: {
        kind: 'HogQLQuery',
        query: 'select secret from events where country = {variables.country}',
        variables: {
          a1b2: { code_name: 'country', value: 'PY', variableId: 'a1b2' },
          x: { code_name: 'bad name' },
        },
      },
    });
    assert.deepEqual(summary?.variables, { country: { default: 'PY' } });
    assert.ok(!JSON.stringify(summary).includes('secret'));
  });

  test('inactive endpoints and unsupported kinds are left out', () => {
    assert.equal(
      summarizeEndpoint({ name: 'a', is_active: false, query: { kind: 'TrendsQuery' } }),
      undefined,
    );
    assert.equal(summarizeEndpoint({ name: 'b', query: { kind: 'PathsQuery' } }), undefined);
  });
});
