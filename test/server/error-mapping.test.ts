import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import type { ErrorBody } from '../../src/data/types.js';
import { mapUpstreamError } from '../../src/server/errors/map-upstream-error.js';
import { createLogger } from '../../src/server/logger.js';
import { UpstreamError } from '../../src/server/upstreams/errors.js';
import { UNAUTHENTICATED, type Reply } from './helpers/fake-posthog.js';
import { captureLogs, startHarness, type Harness } from './helpers/harness.js';

interface Case {
  title: string;
  reply: Reply;
  status: number;
  code: string;
  retryable: boolean;
  message?: RegExp;
  retryAfter?: number;
}

const CASES: Case[] = [
  {
    title: 'PostHog 400 about variables -> 400 invalid_variables with its message',
    reply: {
      status: 400,
      json: {
        type: 'validation_error',
        code: 'invalid_input',
        detail: 'Variable "country" is required.',
        attr: 'variables',
      },
    },
    status: 400,
    code: 'invalid_variables',
    retryable: false,
    message: /^Variable "country" is required\.$/,
  },
  {
    title: 'PostHog 400 on something else -> 400 invalid_request',
    reply: {
      status: 400,
      json: {
        type: 'validation_error',
        code: 'query_performance_limit',
        detail: 'Query is too\nexpensive.',
        attr: null,
      },
    },
    status: 400,
    code: 'invalid_request',
    retryable: false,
    message: /^Query is too expensive\.$/,
  },
  {
    title: 'PostHog 400 with an {error} body -> 400 carrying it, truncated',
    reply: { status: 400, json: { error: 'x'.repeat(1000) } },
    status: 400,
    code: 'invalid_request',
    retryable: false,
    message: /^x{299}…$/,
  },
  {
    title: 'PostHog 401 -> 502 upstream_error that does not mention tokens',
    reply: {
      status: 401,
      json: UNAUTHENTICATED,
    },
    status: 502,
    code: 'upstream_error',
    retryable: false,
  },
  {
    title: 'PostHog 403 -> 502 upstream_error',
    reply: {
      status: 403,
      json: { type: 'authentication_error', code: 'permission_denied', detail: 'Missing scope', attr: null },
    },
    status: 502,
    code: 'upstream_error',
    retryable: false,
  },
  {
    title: 'PostHog 404 -> 404 endpoint_not_found',
    reply: {
      status: 404,
      json: { type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null },
    },
    status: 404,
    code: 'endpoint_not_found',
    retryable: false,
  },
  {
    title: 'PostHog 429 with Retry-After -> 429 rate_limited with the same delay',
    reply: {
      status: 429,
      json: { type: 'throttled_error', code: 'throttled', detail: 'slow', attr: null },
      headers: { 'Retry-After': '42' },
    },
    status: 429,
    code: 'rate_limited',
    retryable: true,
    retryAfter: 42,
  },
  {
    title: 'PostHog 429 without Retry-After -> 429 with the default delay',
    reply: { status: 429, json: { detail: 'slow' } },
    status: 429,
    code: 'rate_limited',
    retryable: true,
    retryAfter: 60,
  },
  {
    title: 'PostHog 503 -> 503 upstream_unavailable',
    reply: {
      status: 503,
      json: { type: 'server_error', code: 'query_capacity', detail: 'busy', attr: null },
    },
    status: 503,
    code: 'upstream_unavailable',
    retryable: true,
  },
  {
    title: 'PostHog 202 (query still running, again after the retries) -> 503 upstream_unavailable',
    reply: { status: 202, json: { query_status: { complete: false, id: 'q1' } } },
    status: 503,
    code: 'upstream_unavailable',
    retryable: true,
    message: /still computing/,
  },
  {
    title: 'PostHog 500 -> 502 upstream_error',
    reply: { status: 500, json: { detail: 'boom' } },
    status: 502,
    code: 'upstream_error',
    retryable: true,
  },
  {
    title: 'PostHog 502 with an HTML page -> 502 upstream_error',
    reply: { status: 502, text: '<html>bad gateway</html>' },
    status: 502,
    code: 'upstream_error',
    retryable: true,
  },
  {
    title: 'a 200 that is not JSON -> 502 upstream_error',
    reply: { status: 200, text: '<html>login</html>' },
    status: 502,
    code: 'upstream_error',
    retryable: false,
  },
  {
    title: 'a 400 that is not JSON -> 502 upstream_error',
    reply: { status: 400, text: 'Bad Request' },
    status: 502,
    code: 'upstream_error',
    retryable: false,
  },
  {
    title: 'a 200 whose results are not a list -> 502 upstream_error',
    reply: { status: 200, json: { results: { surprise: true } } },
    status: 502,
    code: 'upstream_error',
    retryable: false,
  },
  {
    title: 'a dropped connection -> 503 upstream_unavailable',
    reply: { destroy: true },
    status: 503,
    code: 'upstream_unavailable',
    retryable: true,
  },
];

let harness: Harness;

before(async () => {
  harness = await startHarness({ env: { PH_EMBED_TIMEOUT_MS: '200' } });
});
afterEach(() => harness.fake.reset());
after(() => harness.close());

function errorOf(json: unknown): ErrorBody['error'] {
  const body = json as ErrorBody;
  assert.ok(body.error, 'an ErrorBody');
  return body.error;
}

describe('PostHog answers map to the browser contract', () => {
  for (const item of CASES) {
    test(item.title, async () => {
      harness.fake.script('run', item.reply);
      const answer = await harness.run('total_signups');
      assert.equal(answer.status, item.status);
      const error = errorOf(answer.json);
      assert.equal(error.code, item.code);
      assert.equal(error.retryable, item.retryable);
      if (item.message) assert.match(error.message, item.message);
      assert.doesNotMatch(error.message, /token|refresh|Traceback|at \w+ \(/i);
      assert.equal(error.retry_after_s, item.retryAfter);
      assert.equal(
        answer.headers.get('retry-after'),
        item.retryAfter === undefined ? null : String(item.retryAfter),
      );
      assert.equal(answer.headers.get('content-type'), 'application/json; charset=utf-8');
    });
  }

  test('a hanging PostHog -> 504 upstream_timeout, quickly', async () => {
    harness.fake.script('run', { hang: true });
    const started = performance.now();
    const answer = await harness.run('total_signups');
    assert.equal(answer.status, 504);
    assert.equal(errorOf(answer.json).code, 'upstream_timeout');
    assert.equal(errorOf(answer.json).retryable, true);
    assert.ok(performance.now() - started < 2000, 'answers near the 200 ms timeout');
  });

  test('a failing definition lookup maps the same way', async () => {
    harness.fake.script('get', { status: 503, json: { detail: 'busy' }, headers: { 'Retry-After': '5' } });
    const answer = await harness.run('signups_this_week');
    assert.equal(answer.status, 503);
    assert.equal(errorOf(answer.json).retry_after_s, 5);
  });

  test('a PostHog that refuses connections -> 503 upstream_unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await startHarness({ env: { POSTHOG_HOST: `http://127.0.0.1:${port}` } });
    try {
      const answer = await unreachable.run('total_signups');
      assert.equal(answer.status, 503);
      assert.equal(errorOf(answer.json).code, 'upstream_unavailable');
      assert.equal(errorOf(answer.json).retryable, true);
    } finally {
      await unreachable.close();
    }
  });

  test('a 202 is asked again, and the finished answer is served', async () => {
    // Its own proxy, with a deadline that always leaves room for the retry's backoff (up to 200 ms).
    const patient = await startHarness({ env: { PH_EMBED_TIMEOUT_MS: '5000' } });
    try {
      let asked = 0;
      patient.fake.script('run', () =>
        ++asked === 1 ? { status: 202, json: { query_status: { complete: false } } } : undefined,
      );
      const answer = await patient.run('total_signups');
      assert.equal(answer.status, 200);
      assert.equal(asked, 2);
    } finally {
      await patient.close();
    }
  });

  test('401 and 403 are logged at error level for the operator', async () => {
    harness.fake.script('run', { status: 401, json: UNAUTHENTICATED });
    await harness.run('total_signups');
    const logged = harness.logs.entries().find((entry) => entry.upstreamStatus === 401);
    assert.equal(logged?.level, 50);
    assert.match(String(logged?.msg), /POSTHOG_PERSONAL_API_KEY/);
  });
});

describe('mapUpstreamError', () => {
  const logger = createLogger({ destination: captureLogs() });

  test('returns undefined for errors that are not upstream errors', () => {
    assert.equal(mapUpstreamError(new Error('x'), logger), undefined);
    assert.equal(mapUpstreamError('x', logger), undefined);
  });

  test('other 4xx statuses become 502, redirects and oversize answers too', () => {
    for (const error of [
      new UpstreamError('x', { status: 409, body: {} }),
      new UpstreamError('x', { status: 302, failure: 'redirect' }),
      new UpstreamError('x', { status: 200, failure: 'too_large' }),
    ]) {
      assert.equal(mapUpstreamError(error, logger)?.status, 502);
    }
  });

  test('a 400 whose detail is a DRF field map still yields its message', () => {
    const mapped = mapUpstreamError(
      new UpstreamError('x', { status: 400, body: { detail: { variables: ['Unknown variable "x".'] } } }),
      logger,
    );
    assert.equal(mapped?.code, 'invalid_variables');
    assert.equal(mapped?.message, 'Unknown variable "x".');
  });
});
