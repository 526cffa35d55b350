/**
 * Property-based tests (fast-check) of request parsing, variable validation, token verification and
 * locked-variable merging: whatever the input, the answer is a 4xx with the error contract or a
 * success, never a 5xx or an exception of the wrong kind. Seeds are fixed, so a failure replays.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { ErrorBody } from '../../src/data/types.js';
import { mergeLocked, openGrant } from '../../src/server/auth/grant.js';
import { createTokenVerifier, mintEmbedToken } from '../../src/server/auth/tokens.js';
import { ApiError } from '../../src/server/errors/api-error.js';
import { parseRunRequest, readRunRequest } from '../../src/server/routes/run-request.js';
import { variableSpecSchema, type VariableSchema } from '../../src/server/variables/spec.js';
import { validateVariables } from '../../src/server/variables/validate.js';
import { makeSecret, secureApp, type SecureApp } from './helpers/security.js';

const RUNS = { numRuns: 300, seed: 0x5ec };

/** Throws unless `error` is the ApiError a browser may see for bad input. */
function assertClientError(error: unknown, statuses: readonly number[]): void {
  if (!(error instanceof ApiError)) throw error;
  assert.ok(statuses.includes(error.status), `status ${error.status}: ${error.message}`);
}

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const variableName = fc.oneof(
  fc.constantFrom(
    'org_id',
    'min_count',
    'since',
    'tags',
    'include_bots',
    'date_from',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 20 }),
);
const variables = fc.dictionary(variableName, jsonValue, { maxKeys: 6 });

const bodyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  jsonValue.map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        variables: fc.oneof(variables, jsonValue),
        refresh: fc.constantFrom('cache', 'force', 'direct', 1, null),
        limit: fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.double(), fc.string()),
        offset: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constant(null)),
        query_override: jsonValue,
      },
      { requiredKeys: [] },
    )
    .map((body) => JSON.stringify(body)),
);

describe('request parsing', () => {
  test('readRunRequest accepts or refuses with 400/413, for any body', async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (text) => {
        try {
          const parsed = await readRunRequest(
            new Request('http://proxy/run', { method: 'POST', body: text }),
          );
          assert.equal(typeof parsed, 'object');
        } catch (error) {
          assertClientError(error, [400, 413]);
        }
      }),
      RUNS,
    );
  });
});

describe('variable validation', () => {
  const spec = fc
    .record(
      {
        type: fc.constantFrom('String', 'Number', 'Boolean', 'List', 'Date'),
        required: fc.boolean(),
        enum: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { minLength: 1, maxLength: 4 }),
        min: fc.integer({ min: -10, max: 10 }),
        max: fc.integer({ min: 10, max: 100 }),
        pattern: fc.constantFrom('[a-z]+', '\\d{1,4}', '.*', '(a|b)+'),
        maxLength: fc.integer({ min: 1, max: 50 }),
      },
      { requiredKeys: ['type'] },
    )
    .filter((candidate) => variableSpecSchema.safeParse(candidate).success);
  const schema = fc
    .dictionary(fc.constantFrom('a', 'b', 'c', 'org_id'), spec, { maxKeys: 4 })
    .map((specs): VariableSchema => ({ variables: new Map(Object.entries(specs)), source: 'config' }));

  test('validateVariables passes or refuses with 400 invalid_variables naming a variable', () => {
    fc.assert(
      fc.property(schema, variables, (checked, values) => {
        try {
          validateVariables(checked, values);
          for (const name of Object.keys(values))
            assert.ok(checked.variables.has(name), 'only known names pass');
        } catch (error) {
          assertClientError(error, [400]);
          assert.equal((error as ApiError).code, 'invalid_variables');
          assert.match((error as ApiError).message, /[Vv]ariable "/);
        }
      }),
      RUNS,
    );
  });

  test('merging locked variables either refuses with 403 or keeps every locked value', () => {
    const locked = fc.dictionary(
      fc.constantFrom('org_id', 'region', 'tags'),
      fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
      ),
      { maxKeys: 3 },
    );
    fc.assert(
      fc.property(locked, fc.option(variables, { nil: undefined }), (lockedVars, sent) => {
        const grant = { ...openGrant('t'), locked: lockedVars };
        try {
          const merged = mergeLocked(grant, sent) ?? {};
          for (const [name, value] of Object.entries(lockedVars)) assert.deepEqual(merged[name], value);
        } catch (error) {
          assertClientError(error, [403]);
          assert.equal((error as ApiError).code, 'variable_locked');
        }
      }),
      RUNS,
    );
  });
});

describe('token verification', () => {
  const secret = makeSecret();
  const verify = createTokenVerifier({ secrets: [secret], maxTtlS: 3600 });
  const segment = fc.oneof(fc.base64String({ maxLength: 60 }), fc.string({ maxLength: 40 }), fc.constant(''));

  test('any string is refused with a 401, never an exception of another kind', async () => {
    const candidate = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
      fc
        .jsonValue()
        .map(
          (claims) =>
            `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(candidate, async (token) => {
        try {
          await verify(token);
          assert.fail('an arbitrary string verified');
        } catch (error) {
          assertClientError(error, [401]);
        }
      }),
      RUNS,
    );
  });
});

describe('the whole app', () => {
  let unit: SecureApp;
  let token: string;
  before(async () => {
    unit = secureApp({ corsOrigins: ['https://app.example.com'] });
    token = await mintEmbedToken(
      { sub: 'acme', vars: { org_id: 'acme' }, endpoints: ['org_events', 'top_events'], ttlSeconds: 600 },
      unit.secret,
    );
  });

  test('no method, name, header or body yields a 5xx; every refusal has the error contract', async () => {
    const name = fc.oneof(
      fc.constantFrom('org_events', 'top_events', 'total_signups', '..%2F', '%00', 'a'.repeat(129)),
      fc.stringMatching(/^[A-Za-z0-9_%.-]{1,40}$/),
    );
    const auth = fc.oneof(
      fc.constant(undefined),
      fc.constant('valid'),
      fc.string({ maxLength: 50 }).map((text) => `Bearer ${text}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'POST', 'GET', 'PUT', 'OPTIONS'),
        name,
        auth,
        fc.constantFrom(undefined, 'https://app.example.com', 'https://evil.example', 'null'),
        bodyText,
        async (method, endpoint, authorization, origin, body) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (authorization)
            headers.Authorization = authorization === 'valid' ? `Bearer ${token}` : authorization;
          if (origin) headers.Origin = origin;
          const response = await unit.app.request(`/v1/endpoints/${endpoint}/run`, {
            method,
            headers,
            body: method === 'GET' ? undefined : body,
          });
          assert.ok(
            response.status < 500,
            `${response.status} for ${method} ${endpoint} ${body.slice(0, 80)}`,
          );
          if (response.status >= 400) {
            const error = ((await response.json()) as ErrorBody).error;
            assert.equal(typeof error.code, 'string');
            assert.equal(typeof error.retryable, 'boolean');
          }
        },
      ),
      { numRuns: 400, seed: 0xa77 },
    );
    const errors = unit.logs.entries().filter((entry) => Number(entry.level) >= 50);
    assert.deepEqual(errors, []);
  });
});

describe('remembered run bodies', () => {
  test('the same short body gives the same frozen request, equal to a fresh parse of it', () => {
    fc.assert(
      fc.property(
        fc.record(
          { variables: fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.string(), fc.integer())) },
          { requiredKeys: [] },
        ),
        (body) => {
          const text = JSON.stringify(body);
          let first: ReturnType<typeof parseRunRequest>;
          try {
            first = parseRunRequest(text);
          } catch (error) {
            assert.ok(error instanceof ApiError && error.status === 400);
            return;
          }
          assert.equal(parseRunRequest(text), first);
          assert.ok(Object.isFrozen(first));
          if (first.variables) assert.ok(Object.isFrozen(first.variables));
          assert.deepEqual(first, parseRunRequest(` ${text}`), 'another text, parsed afresh');
        },
      ),
    );
  });

  test('a refused body is refused every time, and a long body is parsed afresh each time', () => {
    for (let i = 0; i < 2; i++) assert.throws(() => parseRunRequest('{"query_override":{}}'), ApiError);
    const long = JSON.stringify({ variables: { note: 'x'.repeat(2000) } });
    assert.notEqual(parseRunRequest(long), parseRunRequest(long));
    assert.throws(() => {
      (parseRunRequest('{"variables":{"a":1}}').variables as Record<string, unknown>).a = 2;
    }, TypeError);
  });
});
