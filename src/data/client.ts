import { PhApiError, isAbortError, isErrorBody, isRetryableStatus, parseRetryAfter } from './errors.js';
import { SharedRequests, abortReason, canonicalJson } from './shared-requests.js';
import type { EndpointSummary, RunRequest, RunResponse } from './types.js';

/** Options every client call takes. */
export interface RequestOptions {
  /** Aborting rejects the call with the signal's `AbortError` (never a `PhApiError`). */
  signal?: AbortSignal | undefined;
}

/**
 * What elements need from the network: run an endpoint, list the endpoints this caller may run.
 * Elements get one through `phClientContext`, so tests, stories and the demo can swap it.
 * Failures reject with a `PhApiError`.
 */
export interface PhClient {
  run(name: string, request: RunRequest, options?: RequestOptions): Promise<RunResponse>;
  list(options?: RequestOptions): Promise<EndpointSummary[]>;
}

export interface FetchClientOptions {
  /** Base URL of the ph-embed proxy, e.g. `https://analytics.example.com`. Default: the page's origin. */
  proxy?: string | undefined;
  /** Embed token sent as `Authorization: Bearer <token>`; none when the proxy runs with `auth: none`. */
  token?: string | undefined;
  /**
   * Replaces `fetch` for every request this client makes (the seam include-fragment offers with
   * its overridable `fetch()`): add headers, log, or answer from memory in a test.
   */
  fetchImpl?: typeof fetch | undefined;
}

/** The page's origin, or '' (relative URLs) where there is none, as in server rendering. */
function defaultProxy(): string {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? origin : '';
}

function isRunResponse(body: unknown): body is RunResponse {
  if (typeof body !== 'object' || body === null) return false;
  return 'results' in body && typeof (body as { kind?: unknown }).kind === 'string';
}

function badResponse(status: number): PhApiError {
  return new PhApiError({
    status,
    code: 'bad_response',
    message: `The analytics proxy sent an answer it should not have (HTTP ${status}).`,
    retryable: isRetryableStatus(status),
  });
}

/**
 * The default `PhClient`: talks to the ph-embed proxy over `fetch` (the only browser code that
 * does). Identical requests in flight at once (same proxy, token, endpoint and body) share one
 * `fetch`; see {@linkcode SharedRequests}.
 */
export class FetchClient implements PhClient {
  readonly proxy: string;
  readonly token: string | undefined;
  private readonly _fetch: typeof fetch;
  private readonly _runs = new SharedRequests<RunResponse>();

  constructor(options: FetchClientOptions = {}) {
    this.proxy = (options.proxy ?? defaultProxy()).replace(/\/+$/, '');
    this.token = options.token || undefined;
    // Wrapped, not stored bare: `fetch` called as a method of another object throws "Illegal invocation".
    this._fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  run(name: string, request: RunRequest, options: RequestOptions = {}): Promise<RunResponse> {
    const body = canonicalJson(request);
    const key = canonicalJson([this.proxy, this.token ?? null, name, body]);
    return this._runs.run(
      key,
      async (signal) => {
        const url = `${this.proxy}/v1/endpoints/${encodeURIComponent(name)}/run`;
        const answer = await this._request(url, { method: 'POST', body, signal });
        if (!isRunResponse(answer)) throw badResponse(200);
        return answer;
      },
      options.signal,
    );
  }

  async list(options: RequestOptions = {}): Promise<EndpointSummary[]> {
    const answer = await this._request(`${this.proxy}/v1/endpoints`, {
      method: 'GET',
      signal: options.signal,
    });
    const endpoints = (answer as { endpoints?: unknown } | null)?.endpoints;
    if (!Array.isArray(endpoints)) throw badResponse(200);
    return endpoints as EndpointSummary[];
  }

  /** Sends one request and returns its parsed JSON body, or throws a `PhApiError` (or the abort). */
  private async _request(
    url: string,
    init: { method: 'GET' | 'POST'; body?: string; signal?: AbortSignal | undefined },
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;

    let response: Response;
    let text: string;
    try {
      response = await this._fetch(url, { ...init, headers });
      text = await response.text();
    } catch (error) {
      if (init.signal?.aborted) throw abortReason(init.signal);
      if (isAbortError(error)) throw error;
      throw new PhApiError({
        status: 0,
        code: 'network_error',
        message: 'Could not reach the analytics proxy. Check the connection and try again.',
        retryable: true,
      });
    }

    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badResponse(response.status);
    }
    if (response.ok) return body;
    if (!isErrorBody(body)) throw badResponse(response.status);
    const { code, message, retryable, retry_after_s } = body.error;
    throw new PhApiError({
      status: response.status,
      code,
      message,
      retryable: typeof retryable === 'boolean' ? retryable : isRetryableStatus(response.status),
      retryAfterS: retry_after_s ?? parseRetryAfter(response.headers.get('retry-after')),
    });
  }
}
