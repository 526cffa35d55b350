/**
 * A `PhClient` for component tests: answers from test/fixtures/endpoints the way the proxy would,
 * and lets a test hold answers, fail them, count calls and see aborts.
 */
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import totalSignups from '../fixtures/endpoints/total_signups.json' with { type: 'json' };
import { PhApiError } from '../../src/data/errors.js';
import type { PhClient, RequestOptions } from '../../src/data/client.js';
import type { EndpointSummary, QueryKind, RunRequest, RunResponse } from '../../src/data/types.js';

interface StoredQuery {
  kind: string;
  source?: StoredQuery;
  trendsFilter?: { display?: string };
  funnelsFilter?: { funnelVizType?: string };
}

interface EndpointFixture {
  endpoint: { name: string; query: unknown };
  run: { results: unknown; timezone?: string; last_refresh?: string | null; is_cached?: boolean };
}

const fixtures = [activationFunnel, dailyActiveUsers, pageviewsByBrowser, totalSignups] as EndpointFixture[];

/** What the proxy keeps of a series: no `persons_urls`, no `filter`, no filter internals in `action`. */
function allowlisted(row: unknown): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  const kept: Record<string, unknown> = { ...row };
  delete kept['persons_urls'];
  delete kept['filter'];
  if (typeof kept['action'] === 'object' && kept['action'] !== null) {
    const { name, custom_name, math, order } = kept['action'] as Record<string, unknown>;
    kept['action'] = { name, custom_name, math, order };
  }
  return kept;
}

/** The proxy's 200 body for an endpoint fixture. */
export function fixtureResponse(name: string): RunResponse | undefined {
  const fixture = fixtures.find((f) => f.endpoint.name === name);
  if (!fixture) return undefined;
  const stored = fixture.endpoint.query as StoredQuery;
  const query = stored.source ?? stored;
  const results = fixture.run.results;
  return {
    name,
    kind: query.kind as QueryKind,
    display: query.trendsFilter?.display ?? query.funnelsFilter?.funnelVizType,
    results: Array.isArray(results) ? results.map(allowlisted) : results,
    timezone: fixture.run.timezone ?? 'UTC',
    is_cached: fixture.run.is_cached ?? false,
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
  };
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
