import { isFiniteNumber } from '../format/missing.js';
import { PhApiError, isAbortError, isErrorBody, isRetryableStatus, parseRetryAfter } from './errors.js';
import { abortReason } from './abort.js';
import { SharedRequests, canonicalJson } from './shared-requests.js';
import { credentialsOf, fixedToken, tokenSourceFor } from './token-source.js';
import type { TokenProvider, TokenSource } from './token-source.js';
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
   * Fetches embed tokens as they are needed, instead of a fixed `token` (which it overrides): see
   * {@linkcode TokenProvider}. Clients given the same function share its tokens.
   */
  tokenProvider?: TokenProvider | undefined;
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

/** Only this answer means "the same request with a newer token would work". */
function isExpiredToken(error: unknown): boolean {
  return error instanceof PhApiError && error.status === 401 && error.code === 'token_expired';
}

/**
 * The default `PhClient`: talks to the ph-embed proxy over `fetch` (the only browser code that
 * does). Identical requests in flight at once (same proxy, token, endpoint and body) share one
 * `fetch`; see {@linkcode SharedRequests}. With a `tokenProvider`, every request takes the current
 * token from the page's one {@linkcode TokenSource} for it, which calls the provider only when a new
 * token is due; a 401 `token_expired` is answered by getting a fresh token and sending the request
 * once more (any other error, a second 401 included, is the caller's to handle).
 */
export class FetchClient implements PhClient {
  readonly proxy: string;
  /** The fixed token, when there is one (with a `tokenProvider`, tokens change: none is fixed). */
  readonly token: string | undefined;
  private readonly _tokens: TokenSource | undefined;
  private readonly _fetch: typeof fetch;
  private readonly _runs = new SharedRequests<RunResponse>();

  constructor(options: FetchClientOptions = {}) {
    this.proxy = (options.proxy ?? defaultProxy()).replace(/\/+$/, '');
    const credentials = credentialsOf(options);
    this.token = typeof credentials === 'string' ? credentials : undefined;
    this._tokens =
      typeof credentials === 'function'
        ? tokenSourceFor(credentials)
        : this.token
          ? fixedToken(this.token)
          : undefined;
    // Wrapped, not stored bare: `fetch` called as a method of another object throws "Illegal invocation".
    this._fetch = options.fetchImpl ?? ((input, init) => fetch(input, init));
  }

  run(name: string, request: RunRequest, options: RequestOptions = {}): Promise<RunResponse> {
    const body = canonicalJson(request);
    return this._withToken(options.signal, (token) => {
      // Keyed by the token actually sent: callers holding a token the proxy refused never join a
      // request made with its successor, and after a refresh every retry shares one request again.
      const key = canonicalJson([this.proxy, token ?? null, name, body]);
      return this._runs.run(
        key,
        async (signal) => {
          const url = `${this.proxy}/v1/endpoints/${encodeURIComponent(name)}/run`;
          const answer = await this._request(url, token, { method: 'POST', body, signal });
          if (!isRunResponse(answer)) throw badResponse(200);
          return answer;
        },
        options.signal,
      );
    });
  }

  async list(options: RequestOptions = {}): Promise<EndpointSummary[]> {
    const answer = await this._withToken(options.signal, (token) =>
      this._request(`${this.proxy}/v1/endpoints`, token, { method: 'GET', signal: options.signal }),
    );
    const endpoints = (answer as { endpoints?: unknown } | null)?.endpoints;
    if (!Array.isArray(endpoints)) throw badResponse(200);
    return endpoints as EndpointSummary[];
  }

  /** Calls `send` with the current token and, after a 401 `token_expired`, once more with a fresh one. */
  private async _withToken<T>(
    signal: AbortSignal | undefined,
    send: (token: string | undefined) => Promise<T>,
  ): Promise<T> {
    const tokens = this._tokens;
    if (!tokens) return send(undefined);
    const token = await tokens.token(signal);
    try {
      return await send(token);
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
      const fresh = await tokens.refresh(token, signal);
      // The same token again would be refused again: report the expiry instead of asking twice.
      if (fresh === undefined || fresh === token) throw error;
      return send(fresh);
    }
  }

  /** Sends one request and returns its parsed JSON body, or throws a `PhApiError` (or the abort). */
  private async _request(
    url: string,
    token: string | undefined,
    init: { method: 'GET' | 'POST'; body?: string; signal?: AbortSignal | undefined },
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers['authorization'] = `Bearer ${token}`;

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
      retryAfterS: isFiniteNumber(retry_after_s)
        ? retry_after_s
        : parseRetryAfter(response.headers.get('retry-after')),
    });
  }
}
