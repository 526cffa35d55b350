/**
 * Variables: the checks (type, required, enum, min/max, pattern, maxLength), the three schema sources
 * (config file, PostHog's openapi.json, the endpoint definition), and that a refused variable never
 * reaches the upstream's run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../src/server/errors/api-error.js';
import { createLogger } from '../../src/server/logger.js';
import type { EndpointDefinition } from '../../src/server/upstreams/types.js';
import { VariableSchemas } from '../../src/server/variables/schemas.js';
import { schemaFromDefinition, schemaFromOpenApi } from '../../src/server/variables/sources.js';
import type { VariableSchema, VariableSpec } from '../../src/server/variables/spec.js';
import { validateVariables } from '../../src/server/variables/validate.js';
import { openApiDocument } from './helpers/fake-openapi.js';
import { captureLogs, startHarness, type Harness } from './helpers/harness.js';
import { errorOf } from './helpers/routing.js';
import { ORG_EVENTS, ORG_EVENTS_TYPES, recordingUpstream, secureApp } from './helpers/security.js';

function schema(variables: Record<string, VariableSpec>): VariableSchema {
  return { variables: new Map(Object.entries(variables)), source: 'config' };
}

function refusedWith(spec: Record<string, VariableSpec>, values: Record<string, unknown>): string {
  try {
    validateVariables(schema(spec), values);
  } catch (error) {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_variables');
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(values)} to be refused`);
}

const accepts = (spec: Record<string, VariableSpec>, values: Record<string, unknown>) =>
  assert.doesNotThrow(() => validateVariables(schema(spec), values), JSON.stringify(values));

describe('validateVariables', () => {
  test('unknown names are refused, naming the variable and what the endpoint takes', () => {
    assert.equal(
      refusedWith({ org_id: { type: 'String' } }, { org: 'x' }),
      'Unknown variable "org": this endpoint takes "org_id"',
    );
    assert.match(refusedWith({}, { a: 1 }), /takes no variables/);
    assert.match(refusedWith({}, { ['__proto__']: 1 }), /Unknown variable "__proto__"/);
    assert.match(refusedWith({}, { 'a\nb\u0000': 1 }), /Unknown variable "a\?b\?"/);
  });

  test('each type takes its own values only', () => {
    const cases: Array<[VariableSpec['type'], unknown[], unknown[]]> = [
      ['String', ['', 'acme'], [1, true, ['a'], { a: 1 }]],
      ['Number', [0, -1.5, 1e9], ['1', NaN, Infinity, true]],
      ['Boolean', [true, false], ['true', 0, 1]],
      [
        'Date',
        ['2024-02-29', '2024-01-31T12:00:00Z', '2024-01-31 23:59:59+02:00'],
        ['2023-02-29', '31/01/2024', '-7d', 20240131, '2024-01-31T24:00:00'],
      ],
      ['List', [[], ['a', 'b']], ['a', [1], [['a']], [null]]],
    ];
    for (const [type, good, bad] of cases) {
      for (const value of good) accepts({ v: { type } }, { v: value });
      for (const value of bad)
        assert.match(
          refusedWith({ v: { type } }, { v: value }),
          /^Variable "v" /,
          `${type} ${String(value)}`,
        );
    }
  });

  test('required, enum, min, max, pattern and maxLength', () => {
    assert.equal(refusedWith({ org: { type: 'String', required: true } }, {}), 'Variable "org" is required');
    assert.match(
      refusedWith({ org: { type: 'String', required: true } }, { org: null }),
      /required and cannot be null/,
    );
    accepts({ org: { type: 'String' } }, { org: null });
    assert.match(
      refusedWith({ plan: { type: 'String', enum: ['free', 'pro'] } }, { plan: 'gold' }),
      /one of "free", "pro"/,
    );
    accepts({ plan: { type: 'String', enum: ['free', 'pro'] } }, { plan: 'pro' });
    assert.match(refusedWith({ n: { type: 'Number', min: 1, max: 10 } }, { n: 0 }), /at least 1/);
    assert.match(refusedWith({ n: { type: 'Number', min: 1, max: 10 } }, { n: 11 }), /at most 10/);
    assert.match(refusedWith({ s: { type: 'String', pattern: '[a-z]+' } }, { s: 'abc1' }), /expected format/);
    accepts({ s: { type: 'String', pattern: '[a-z]+|x' } }, { s: 'abc' });
    assert.match(
      refusedWith({ s: { type: 'String', pattern: 'a|b' } }, { s: 'ab' }),
      /expected format/,
      'anchored as a whole',
    );
    assert.match(refusedWith({ s: { type: 'String', maxLength: 3 } }, { s: 'abcd' }), /at most 3 characters/);
    assert.match(refusedWith({ l: { type: 'List', max: 2 } }, { l: ['a', 'b', 'c'] }), /at most 2 items/);
    assert.match(
      refusedWith({ l: { type: 'List', maxLength: 2 } }, { l: ['abc'] }),
      /invalid item \(each item must be at most 2/,
    );
    assert.match(refusedWith({ l: { type: 'List', enum: ['a'] } }, { l: ['a', 'b'] }), /invalid item/);
  });

  test('untyped variables (named by a definition) take scalars and lists of strings, nothing nested', () => {
    for (const value of ['x', 1, true, null, ['a']]) accepts({ v: {} }, { v: value });
    for (const value of [{ a: 1 }, [{ a: 1 }], NaN, 'x'.repeat(4097)])
      assert.match(refusedWith({ v: {} }, { v: value }), /^Variable "v"/);
  });
});

describe('schema sources', () => {
  test('openapi.json as PostHog builds it: types, required when there is no default', () => {
    const document = openApiDocument({
      endpoint: ORG_EVENTS.endpoint,
      projectId: '1',
      origin: 'http://x',
      variableTypes: ORG_EVENTS_TYPES,
    });
    const parsed = schemaFromOpenApi(document, ORG_EVENTS.endpoint as EndpointDefinition);
    assert.deepEqual(Object.fromEntries(parsed?.variables ?? []), {
      org_id: { type: 'String', required: true },
      min_count: { type: 'Number' },
      since: { type: 'Date' },
      tags: { type: 'List' },
      include_bots: { type: 'Boolean' },
    });
  });

  test('an endpoint without variables has no Variables schema: it takes none', () => {
    const endpoint = { name: 'plain', query: { kind: 'HogQLQuery', query: 'select 1' } };
    const document = openApiDocument({ endpoint, projectId: '1', origin: 'http://x', variableTypes: {} });
    assert.equal((document.components.schemas as Record<string, unknown>).Variables, undefined);
    assert.equal(schemaFromOpenApi(document, endpoint)?.variables.size, 0);
    assert.equal(schemaFromOpenApi({ not: 'openapi' }, endpoint), undefined);
  });

  test('insights take date_from, date_to and their single breakdown property', () => {
    const definition = {
      name: 'by_browser',
      query: {
        kind: 'InsightVizNode',
        source: { kind: 'TrendsQuery', breakdownFilter: { breakdown: '$browser' } },
      },
    };
    assert.deepEqual(
      [...schemaFromDefinition(definition).variables.keys()],
      ['date_from', 'date_to', '$browser'],
    );
    const fromOpenApi = schemaFromOpenApi(
      openApiDocument({ endpoint: definition, projectId: '1', origin: 'x', variableTypes: {} }),
      definition,
    );
    assert.deepEqual([...(fromOpenApi?.variables.keys() ?? [])].sort(), ['$browser', 'date_from', 'date_to']);
    const dates = schema({ date_from: schemaFromDefinition(definition).variables.get('date_from') ?? {} });
    for (const good of ['-7d', 'mStart', 'all', '2024-01-31', '2024-01-31T00:00:00Z'])
      validateVariables(dates, { date_from: good });
    assert.throws(
      () => validateVariables(dates, { date_from: "'; drop table events; --" }),
      /expected format/,
    );
  });

  test('the openapi schema is fetched once per endpoint version and falls back when unavailable', async () => {
    const upstream = recordingUpstream();
    const log = createLogger({ destination: captureLogs() });
    let now = 0;
    const schemas = new VariableSchemas({ upstream, ttlMs: 1000, now: () => now });
    const definition = ORG_EVENTS.endpoint as EndpointDefinition;
    const [first, second] = await Promise.all([
      schemas.resolve(definition, { log }),
      schemas.resolve(definition, { log }),
    ]);
    assert.equal(first.source, 'openapi');
    assert.equal(second, first);
    await schemas.resolve(definition, { log });
    assert.equal(upstream.calls.filter((call) => call.method === 'getOpenApi').length, 1);
    now = 1001;
    await schemas.resolve(definition, { log });
    await schemas.resolve({ ...definition, current_version: 4 }, { log });
    assert.equal(upstream.calls.filter((call) => call.method === 'getOpenApi').length, 3);

    const failing = recordingUpstream();
    failing.getOpenApi = async () => {
      throw new Error('boom');
    };
    const fallback = await new VariableSchemas({ upstream: failing }).resolve(definition, { log });
    assert.equal(fallback.source, 'definition');
    assert.deepEqual(
      [...fallback.variables.keys()],
      ['org_id', 'min_count', 'since', 'tags', 'include_bots'],
    );
  });
});

describe('variables in the run route', () => {
  const configured = {
    org_events: {
      org_id: { type: 'String' as const, required: true, pattern: '[a-z0-9-]{1,40}' },
      min_count: { type: 'Number' as const, min: 1, max: 1000 },
    },
  };

  test('a schema from the config file is checked before any upstream call', async () => {
    const unit = secureApp({ auth: 'none', secrets: [], endpointVariables: configured });
    const cases: Array<[unknown, RegExp]> = [
      [{}, /"org_id" is required/],
      [{ variables: { org_id: 'Acme!' } }, /"org_id" does not have the expected format/],
      [{ variables: { org_id: 'acme', min_count: 0 } }, /"min_count" must be at least 1/],
      [{ variables: { org_id: 'acme', since: '2024-01-01' } }, /Unknown variable "since"/],
    ];
    for (const [body, message] of cases) {
      const response = await unit.run('org_events', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = await errorOf(response);
      assert.equal(error.code, 'invalid_variables');
      assert.match(error.message, message);
    }
    assert.deepEqual(unit.upstream.calls, []);
    assert.equal((await unit.run('org_events', { variables: { org_id: 'acme', min_count: 5 } })).status, 200);
  });

  test('without a config schema, openapi.json decides, checked before the run', async () => {
    const unit = secureApp({ auth: 'none', secrets: [] });
    const bad = await unit.run('org_events', { variables: { org_id: 'acme', min_count: 'lots' } });
    assert.equal(bad.status, 400);
    assert.equal((await errorOf(bad)).message, 'Variable "min_count" must be a number');
    const unknown = await unit.run('org_events', { variables: { org: 'acme' } });
    assert.match((await errorOf(unknown)).message, /Unknown variable "org"/);
    assert.deepEqual(unit.upstream.runs(), []);
    const good = await unit.run('org_events', {
      variables: { org_id: 'acme', since: '2024-03-01', tags: ['a'] },
    });
    assert.equal(good.status, 200);
    assert.equal(unit.upstream.runs().length, 1);
  });

  test('without openapi.json, the names in the definition decide', async () => {
    const unit = secureApp({ auth: 'none', secrets: [], upstream: recordingUpstream({ openapi: false }) });
    assert.equal((await unit.run('org_events', { variables: { min_count: 'lots' } })).status, 200, 'untyped');
    const unknown = await unit.run('org_events', { variables: { nope: 1 } });
    assert.equal(unknown.status, 400);
    assert.match((await errorOf(unknown)).message, /Unknown variable "nope"/);
    const nested = await unit.run('total_signups', { variables: { date_from: { $gt: 1 } } });
    assert.equal((await errorOf(nested)).code, 'invalid_variables');
  });
});

describe('against the fake PostHog over HTTP', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({
      fake: { endpoints: { org_events: ORG_EVENTS }, variableTypes: ORG_EVENTS_TYPES },
    });
  });
  after(() => harness.close());

  test('the proxy reads openapi.json once and forwards only checked variables', async () => {
    const paths = () =>
      harness.fake.requests.map(
        (request) =>
          `${request.method} ${new URL(request.url, 'http://x').pathname.split('/').slice(-2).join('/')}`,
      );
    const refused = await harness.run('org_events', { variables: { org_id: 7 } });
    assert.equal(refused.status, 400);
    assert.equal(
      (refused.json as { error: { message: string } }).error.message,
      'Variable "org_id" must be a string',
    );
    assert.deepEqual(paths(), ['GET org_events/', 'GET org_events/openapi.json']);
    const ok = await harness.run('org_events', { variables: { org_id: 'acme', min_count: 3 } });
    assert.equal(ok.status, 200);
    const run = harness.fake.requests.find((request) => request.method === 'POST');
    assert.deepEqual(JSON.parse(run?.body ?? '{}'), { variables: { org_id: 'acme', min_count: 3 } });
    assert.equal(paths().filter((path) => path.endsWith('openapi.json')).length, 1, 'cached');
  });

  test('no variables, no openapi.json request', async () => {
    harness.fake.reset();
    assert.equal((await harness.run('total_signups')).status, 200);
    assert.ok(!harness.fake.requests.some((request) => request.url.includes('openapi')));
  });

  test('the fake serves openapi.json with or without the trailing slash, GET only, with the key only', async () => {
    const base = `${harness.fake.url}/api/projects/${harness.fake.projectId}/endpoints/org_events/openapi.json`;
    const auth = { Authorization: `Bearer ${harness.key}` };
    for (const url of [base, `${base}/`]) {
      const response = await fetch(url, { headers: auth });
      assert.equal(response.status, 200);
      const document = (await response.json()) as {
        openapi: string;
        components: { schemas: Record<string, unknown> };
      };
      assert.equal(document.openapi, '3.0.3');
      assert.ok(document.components.schemas.Variables);
    }
    assert.equal((await fetch(base, { method: 'POST', headers: auth })).status, 405);
    assert.equal((await fetch(base)).status, 401);
  });

  test('a PostHog that does not serve openapi.json falls back to the names its definition carries', async () => {
    const old = await startHarness({ fake: { endpoints: { org_events: ORG_EVENTS }, openapi: false } });
    try {
      assert.equal((await old.run('org_events', { variables: { org_id: 'acme' } })).status, 200);
      const unknown = await old.run('org_events', { variables: { region: 'eu' } });
      assert.equal(unknown.status, 400);
      assert.equal(old.fake.requests.filter((request) => request.method === 'POST').length, 1);
    } finally {
      await old.close();
    }
  });
});
