/**
 * A `PhClient` for component tests: answers from test/fixtures/endpoints the way the proxy would,
 * and lets a test hold answers, fail them, count calls and see aborts.
 */
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };
import activationFunnelByVariant from '../fixtures/endpoints/activation_funnel_by_variant.json' with { type: 'json' };
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import pageviewsByBrowserVersion from '../fixtures/endpoints/pageviews_by_browser_version.json' with { type: 'json' };
import signupRetention from '../fixtures/endpoints/signup_retention.json' with { type: 'json' };
import signupsThisWeek from '../fixtures/endpoints/signups_this_week.json' with { type: 'json' };
import topEvents from '../fixtures/endpoints/top_events.json' with { type: 'json' };
import totalSignups from '../fixtures/endpoints/total_signups.json' with { type: 'json' };
import { PhApiError } from '../../src/data/errors.js';
import { proxyAnswer } from './fixture-answers.mjs';
import type { PhClient, RequestOptions } from '../../src/data/client.js';
import type { EndpointSummary, RunRequest, RunResponse } from '../../src/data/types.js';
import type { EndpointFixture } from './fixture-answers.mjs';

const fixtures = [
  activationFunnel,
  activationFunnelByVariant,
  dailyActiveUsers,
  pageviewsByBrowser,
  pageviewsByBrowserVersion,
  signupRetention,
  signupsThisWeek,
  topEvents,
  totalSignups,
] as unknown as EndpointFixture[];

/** Every sample endpoint's name. */
export const FIXTURE_NAMES: readonly string[] = fixtures.map((f) => f.endpoint.name);

/** The proxy's 200 body for an endpoint fixture (a fresh copy each time). */
export function fixtureResponse(name: string): RunResponse | undefined {
  const fixture = fixtures.find((f) => f.endpoint.name === name);
  return fixture ? proxyAnswer(fixture) : undefined;
}

/** One `run()` the element made. */
export interface FakeCall {
  readonly name: string;
  readonly request: RunRequest;
  readonly signal: AbortSignal | undefined;
  /**
   * What the client returned to the caller. Awaiting it after `resolve()` resumes the test only
   * after the caller's own `await` on it has run (promise reactions run in order).
   */
  readonly answer: Promise<RunResponse>;
  /** Answers a held call: with `response`, else the endpoint's fixture (a 404 when there is none). */
  resolve(response?: RunResponse): void;
  reject(error: unknown): void;
}

export class FakeClient implements PhClient {
  /** Every `run()` so far, oldest first. */
  readonly calls: FakeCall[] = [];
  /** Answers by endpoint name, used before the fixtures. */
  readonly responses = new Map<string, RunResponse>();
  /** While true, calls wait for the test to `resolve()` or `reject()` them. */
  hold = false;
  /** When set, calls fail with it. */
  failWith: unknown;
  /** Keeps answering after an abort, like a client that ignores its signal (a stale answer). */
  ignoreAbort = false;

  private readonly _waiters: Array<(call: FakeCall) => void> = [];

  /** Resolves with the next call made after this one. */
  nextCall(): Promise<FakeCall> {
    return new Promise((resolve) => this._waiters.push(resolve));
  }

  run(name: string, request: RunRequest, options: RequestOptions = {}): Promise<RunResponse> {
    const { signal } = options;
    let settle!: { resolve: (response: RunResponse) => void; reject: (error: unknown) => void };
    const answer = new Promise<RunResponse>((resolve, reject) => (settle = { resolve, reject }));
    const call: FakeCall = {
      name,
      request,
      signal,
      answer,
      resolve: (response) => {
        const found = response ?? this.responses.get(name) ?? fixtureResponse(name);
        if (found) settle.resolve(found);
        else settle.reject(notFound(name));
      },
      reject: settle.reject,
    };
    this.calls.push(call);
    if (signal && !this.ignoreAbort) {
      if (signal.aborted) settle.reject(signal.reason);
      signal.addEventListener('abort', () => settle.reject(signal.reason), { once: true });
    }
    for (const waiter of this._waiters.splice(0)) waiter(call);
    if (!this.hold) {
      if (this.failWith !== undefined) call.reject(this.failWith);
      else call.resolve();
    }
    return answer;
  }

  async list(): Promise<EndpointSummary[]> {
    return fixtures.map((f) => ({ name: f.endpoint.name, kind: fixtureResponse(f.endpoint.name)?.kind }));
  }
}

function notFound(name: string): PhApiError {
  return new PhApiError({
    status: 404,
    code: 'endpoint_not_found',
    message: `No endpoint named ${name}.`,
    retryable: false,
  });
}

/** A trends answer with the given series data, for tests that need a shape no fixture has. */
export function trendsResponse(
  name: string,
  series: Array<Array<number | null>>,
  display?: string,
): RunResponse {
  const days = ['2024-01-01', '2024-01-02', '2024-01-03'];
  return {
    name,
    kind: 'TrendsQuery',
    display,
    results: series.map((data, i) => ({
      label: `Series ${i + 1}`,
      data,
      days: days.slice(0, data.length),
      labels: [],
    })),
    meta: { cache: 'hit', age_s: 5, upstream_ms: 0 },
  };
}
