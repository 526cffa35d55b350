/**
 * The fake PostHog is only worth trusting if it is as strict as the real one: these tests pin the
 * refusals DESIGN.md section 2 describes, so a proxy bug cannot hide behind a lenient fake.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFakePostHog, type FakePostHog, type Fixture } from './helpers/fake-posthog.js';
import { makeKey } from './helpers/harness.js';

const RETIRED: Fixture = {
  endpoint: { name: 'retired', is_active: false, current_version: 1, query: { kind: 'TrendsQuery' } },
  run: { results: [] },
};
const ORG_ROWS: Fixture = {
  endpoint: {
    name: 'org_rows',
    is_active: true,
    current_version: 2,
    query: {
      kind: 'HogQLQuery',
      query: 'select n from numbers where org = {variables.org_id}',
      variables: { 'v-org': { variableId: 'v-org', code_name: 'org_id', value: null } },
    },
  },
  run: { results: [[1], [2], [3]], columns: ['n'] },
};
/** Materialized, so `refresh: "direct"` is allowed and the breakdown variable is required. */
const LIVE_BROWSERS: Fixture = {
  endpoint: {
    name: 'live_browsers',
    is_active: true,
    is_materialized: true,
    current_version: 1,
    query: {
      kind: 'TrendsQuery',
      breakdownFilter: { breakdowns: [{ property: '$browser', type: 'event' }] },
    },
  },
  run: { results: [{ label: 'Chrome', data: [1], days: ['2024-01-01'] }] },
};
/** Two breakdowns, as the new `breakdowns` list holds them: both are variables. */
const BY_BROWSER_AND_OS: Fixture = {
  endpoint: {
    name: 'by_browser_and_os',
    is_active: true,
    current_version: 1,
    query: {
      kind: 'TrendsQuery',
      breakdownFilter: { breakdowns: [{ property: '$browser' }, { property: '$os', type: 'event' }] },
    },
  },
  run: { results: [] },
};
/** SQL variables: two with a code_name, and one stored without (known to /run by no name at all). */
const ORG_SINCE: Fixture = {
  endpoint: {
    name: 'org_since',
    is_active: true,
    current_version: 1,
    query: {
      kind: 'HogQLQuery',
      query: 'select 1',
      variables: {
        'v-org': { variableId: 'v-org', code_name: 'org_id', value: null },
        'v-since': { variableId: 'v-since', code_name: 'since', value: '2024-01-01' },
        'v-bare': { variableId: 'v-bare', value: 'x' },
      },
    },
  },
  run: { results: [[1]], columns: ['1'] },
};

const key = makeKey();
let fake: FakePostHog;
before(async () => {
  fake = await startFakePostHog({
    key,
    endpoints: {
      retired: RETIRED,
      org_rows: ORG_ROWS,
      live_browsers: LIVE_BROWSERS,
      by_browser_and_os: BY_BROWSER_AND_OS,
      org_since: ORG_SINCE,
    },
  });
});
after(() => fake.close());

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set('Authorization', init.auth ?? `Bearer ${key}`);
  const response = await fetch(`${fake.url}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function run(body: unknown, name = 'total_signups', contentType = 'application/json', query = '') {
  return call(`/api/projects/4242/endpoints/${name}/run/${query}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A DRF ValidationError as drf-exceptions-hog renders it. */
function assertInvalid(answer: { status: number; body: unknown }, attr: string | null, detail: string) {
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.body, { type: 'validation_error', code: 'invalid_input', detail, attr });
}

/** The plain `{error}` bodies api.py's run() builds by hand. */
function assertError(
  answer: { status: number; body: unknown },
  status: number,
  body: Record<string, unknown>,
) {
  assert.equal(answer.status, status);
  assert.deepEqual(answer.body, body);
}

describe('the fake PostHog', () => {
  test('serves both the projects and the environments paths', async () => {
    assert.equal((await call('/api/projects/4242/endpoints/total_signups/')).status, 200);
    assert.equal((await call('/api/environments/4242/endpoints/total_signups/')).status, 200);
    assert.equal((await run({})).status, 200);
  });

  test('requires the exact bearer key', async () => {
    for (const auth of [null, `Bearer ${key}x`, `bearer ${key}`, key]) {
      const answer = await call('/api/projects/4242/endpoints/', { auth });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, {
        type: 'authentication_error',
        code: 'authentication_failed',
        detail: 'Incorrect authentication credentials.',
        attr: null,
      });
    }
  });

  test('refuses other projects, missing trailing slashes and unknown endpoints', async () => {
    assert.equal((await call('/api/projects/1/endpoints/')).status, 403);
    assert.equal((await call('/api/projects/abc/endpoints/')).status, 404);
    assert.equal((await call('/api/projects/4242/endpoints/total_signups')).status, 404);
    const unknown = await call('/api/projects/4242/endpoints/nope/');
    assert.deepEqual(unknown.body, {
      type: 'invalid_request',
      code: 'not_found',
      detail: 'Not found.',
      attr: null,
    });
  });

  test('answers a wrong method with 405', async () => {
    const answer = await call('/api/projects/4242/endpoints/total_signups/run/');
    assert.equal(answer.status, 405);
    assert.deepEqual(answer.body, {
      type: 'invalid_request',
      code: 'method_not_allowed',
      detail: 'Method "GET" not allowed.',
      attr: null,
    });
    assert.equal((await call('/api/projects/4242/endpoints/', { method: 'POST' })).status, 405);
  });

  test('checks the run body as PostHog does', async () => {
    assert.equal((await run({}, 'total_signups', 'text/plain')).status, 415);
    assert.equal((await run([])).status, 400);
    assert.equal((await run({ query_override: {} })).body.attr, 'query_override');
    assert.equal((await run({ filters_override: {} })).status, 400);
    assert.equal((await run({ refresh: 'sometimes' })).status, 400);
    assert.equal((await run({ variables: 'x' })).status, 400);
    const accepted = { refresh: 'force', version: 1, debug: true, variables: {}, client_query_id: 'q-1' };
    assert.equal((await run(accepted)).status, 200);
    assert.equal((await run('')).status, 200, 'DRF reads an empty body as no fields');
    const page = await run({ limit: 2, offset: 1 }, 'top_events');
    assert.equal((page.body.results as unknown[]).length, 2);
    assert.equal(page.body.hasMore, true);
  });

  test('answers a body that is not JSON as DRF does', async () => {
    const answer = await run('{');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.type, 'invalid_request');
    assert.equal(answer.body.code, 'parse_error');
    assert.match(String(answer.body.detail), /^JSON parse error - /);
    assert.equal(answer.body.attr, null);
    assertInvalid(
      await run([1]),
      'body',
      'Input should be a valid dictionary or instance of EndpointRunRequest',
    );
  });

  test("refuses fields EndpointRunRequest does not have, with pydantic's message", async () => {
    assertInvalid(await run({ varaibles: {} }), 'varaibles', 'Extra inputs are not permitted');
  });

  test('does not run an inactive endpoint, though it still describes it', async () => {
    const answer = await run({}, 'retired');
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.body, {
      type: 'invalid_request',
      code: 'not_found',
      detail: 'Not found.',
      attr: null,
    });
    assert.equal((await call('/api/projects/4242/endpoints/retired/')).status, 200);
  });

  test('refuses unknown variables on insight and SQL endpoints', async () => {
    assertInvalid(
      await run({ variables: { nope: 1, also: 2 } }),
      'variables',
      'Unknown variable(s): also, nope',
    );
    assertInvalid(
      await run({ variables: { customer_id: 'acme' } }, 'top_events'),
      'variables',
      'Unknown variable(s): customer_id',
    );
    assert.equal((await run({ variables: { date_from: '-7d', date_to: null } })).status, 200);
    assert.equal((await run({ variables: { $lib_version: '1.2' } }, 'pageviews_by_browser')).status, 200);
    assert.equal((await run({ variables: { org_id: 'acme' } }, 'org_rows')).status, 200);
  });

  test('accepts on /run exactly the variables its openapi.json documents', async () => {
    // Each case: the variables openapi.json should list, and names /run might wrongly take as well.
    const cases: Array<[name: string, documented: string[], others: string[]]> = [
      ['pageviews_by_browser', ['$lib_version', 'date_from', 'date_to'], ['$browser', 'nope']],
      ['by_browser_and_os', ['$browser', '$os', 'date_from', 'date_to'], ['$lib_version', 'nope']],
      ['live_browsers', ['$browser'], ['date_from', 'date_to', 'nope']],
      ['org_since', ['org_id', 'since'], ['v-org', 'v-bare', 'date_from', 'nope']],
    ];
    for (const [name, documented, others] of cases) {
      const openapi = await call(`/api/projects/4242/endpoints/${name}/openapi.json`);
      const schemas = (openapi.body.components as { schemas: Record<string, { properties?: object }> })
        .schemas;
      const listed = Object.keys(schemas.Variables?.properties ?? {}).sort();
      assert.deepEqual(listed, [...documented].sort(), `${name}: openapi.json`);
      const values = (names: string[]) => Object.fromEntries(names.map((variable) => [variable, 'x']));
      assert.equal((await run({ variables: values(listed) }, name)).status, 200, `${name}: every listed one`);
      assertInvalid(
        await run({ variables: values([...listed, ...others]) }, name),
        'variables',
        `Unknown variable(s): ${[...others].sort().join(', ')}`,
      );
    }
  });

  test('refuses variables that are not an object', async () => {
    for (const variables of [[1, 2], 'org_id=acme', 3]) {
      assertInvalid(await run({ variables }, 'org_rows'), 'variables', 'Input should be a valid dictionary');
    }
  });

  test('refuses a limit that is not a positive integer', async () => {
    const notInt = 'Input should be a valid integer, unable to parse string as an integer';
    assertInvalid(await run({ limit: 'abc' }, 'org_rows'), 'limit', notInt);
    const fraction = 'Input should be a valid integer, got a number with a fractional part';
    assertInvalid(await run({ limit: 1.5 }, 'org_rows'), 'limit', fraction);
    assertInvalid(await run({ limit: [1] }, 'org_rows'), 'limit', 'Input should be a valid integer');
    assertError(await run({ limit: 0 }, 'org_rows'), 400, { error: 'Invalid limit parameter: 0' });
    assertError(await run({}, 'org_rows', undefined, '?limit=abc'), 400, {
      error: 'Invalid limit parameter: abc',
    });
    const page = await run({ limit: '2' }, 'org_rows');
    assert.deepEqual(page.body.results, [[1], [2]], 'pydantic reads "2" as 2');
  });

  test('refuses an offset without a limit, below zero, or on an insight', async () => {
    assertError(await run({ offset: 1 }, 'org_rows'), 400, { error: 'offset requires limit to be set' });
    assertError(await run({ limit: 1, offset: -1 }, 'org_rows'), 400, {
      error: 'Invalid offset parameter: -1',
    });
    assertInvalid(
      await run({ limit: 1, offset: 1 }),
      'offset',
      'offset is only supported for HogQL endpoints',
    );
    const insight = 'Limit/offset parameters are only supported for HogQLQuery, not TrendsQuery';
    assertInvalid(await run({ limit: 1 }), 'limit', insight);
    const last = await run({ limit: 2, offset: 2 }, 'org_rows');
    assert.deepEqual([last.body.results, last.body.hasMore], [[[3]], false]);
  });

  test('allows refresh "direct" on materialized endpoints only', async () => {
    const detail =
      "'direct' refresh mode is only valid for materialized endpoints. " +
      "Use 'cache' or 'force' instead, or enable materialization on this endpoint.";
    assertInvalid(await run({ refresh: 'direct' }), 'refresh', detail);
    assertInvalid(
      await run({ refresh: 'blocking' }),
      'refresh',
      "Input should be 'cache', 'force' or 'direct'",
    );
    assert.equal(
      (await run({ refresh: 'direct', variables: { $browser: 'Chrome' } }, 'live_browsers')).status,
      200,
    );
  });

  test('requires the breakdown variable of a materialized insight and drops its dates', async () => {
    assertInvalid(
      await run({}, 'live_browsers'),
      'variables',
      "Required variable(s) '$browser' not provided",
    );
    const withDates = { variables: { $browser: 'Chrome', date_from: '-7d' } };
    assertInvalid(await run(withDates, 'live_browsers'), 'variables', 'Unknown variable(s): date_from');
    const limited = await run({ limit: 1, variables: { $browser: 'Chrome' } }, 'live_browsers');
    assert.equal(limited.status, 200, 'a materialized insight ignores limit');
  });

  test('answers a version that does not exist with 404 and the current version', async () => {
    const missing = { error: "Version 99 not found for endpoint 'org_rows'", current_version: 2 };
    assertError(await run({ version: 99 }, 'org_rows'), 404, missing);
    const zero = { error: "Version 0 not found for endpoint 'total_signups'", current_version: 1 };
    assertError(await run({ version: 0 }), 404, zero);
    assertError(await run({}, 'org_rows', undefined, '?version=x'), 400, {
      error: 'Invalid version parameter: x',
    });
    assertInvalid(
      await run({ version: 'x' }),
      'version',
      'Input should be a valid integer, unable to parse string as an integer',
    );
    assert.equal((await run({ version: 2 }, 'org_rows')).status, 200);
  });

  test('refuses query_override always and filters_override as DESIGN.md says', async () => {
    assertInvalid(
      await run({ query_override: { kind: 'HogQLQuery' } }),
      'query_override',
      'Not allowed. Use variables instead.',
    );
    const sql = 'Not allowed for HogQL endpoints. Use variables instead.';
    assertInvalid(await run({ filters_override: { date_from: '-7d' } }, 'org_rows'), 'filters_override', sql);
    const insight = 'filters_override is not allowed. Use variables instead.';
    assertInvalid(await run({ filters_override: { date_from: '-7d' } }), null, insight);
    const shape = 'Input should be a valid dictionary or instance of DashboardFilter';
    assertInvalid(await run({ filters_override: [] }), 'filters_override', shape);
  });

  test('records every request', async () => {
    fake.reset();
    await run({ refresh: 'force' });
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]?.body, '{"refresh":"force"}');
    assert.equal(fake.requests[0]?.headers.authorization, `Bearer ${key}`);
  });
});
