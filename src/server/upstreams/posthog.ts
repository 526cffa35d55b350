/**
 * The production upstream: PostHog's Endpoints API (DESIGN.md section 2). The personal API key lives in
 * a private field and goes into exactly one place, the `Authorization` header. Every call is bounded
 * in time (the configured timeout, combined with the browser's own abort) and in size.
 */
import { isEndpointName } from '../endpoint-name.js';
import { isRecord } from '../is-record.js';
import { NOT_FOUND_BODY, UpstreamConnectionError, UpstreamError, UpstreamTimeoutError } from './errors.js';
import {
  MAX_UPSTREAM_BODY_BYTES,
  parseJson,
  parseRetryAfter,
  readCappedText,
  toErrorBody,
} from './http-body.js';
import type { EndpointDefinition, RawRunResponse, RunBody, Upstream, UpstreamCallOptions } from './types.js';

export interface PostHogUpstreamOptions {
  /** e.g. https://us.posthog.com, without a trailing slash. */
  host: string;
  projectId: string;
  personalApiKey: string;
  timeoutMs: number;
  /** Upper bound on `next` links followed when listing. */
  maxListPages?: number;
  maxBodyBytes?: number;
}

const RUN_FIELDS = ['variables', 'refresh', 'limit', 'offset'] as const;

export class PostHogUpstream implements Upstream {
  readonly kind = 'posthog';
  readonly #key: string;
  readonly #base: string;
  readonly #apiRoot: URL;
  readonly #timeoutMs: number;
  readonly #maxListPages: number;
  readonly #maxBodyBytes: number;

  constructor(options: PostHogUpstreamOptions) {
    this.#key = options.personalApiKey;
    this.#base = `${options.host}/api/projects/${encodeURIComponent(options.projectId)}/endpoints/`;
    this.#apiRoot = new URL(`${options.host}/api/`);
    this.#timeoutMs = options.timeoutMs;
    this.#maxListPages = options.maxListPages ?? 20;
    this.#maxBodyBytes = options.maxBodyBytes ?? MAX_UPSTREAM_BODY_BYTES;
  }

  /** Not cached here: the proxy's definition cache (run/definitions.ts) sits in front of every caller. */
  async getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition> {
    assertName(name);
    const json = await this.#request('GET', `${this.#base}${name}/`, undefined, options.signal);
    if (!isDefinition(json)) throw badShape('endpoint definition is not an object with a name');
    return json;
  }

  async listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]> {
    const endpoints: EndpointDefinition[] = [];
    let url: string | undefined = this.#base;
    for (let page = 0; url !== undefined && page < this.#maxListPages; page++) {
      const json = await this.#request('GET', url, undefined, options.signal);
      const results = Array.isArray(json) ? json : isRecord(json) ? json.results : undefined;
      if (!Array.isArray(results)) throw badShape('endpoint list has no results');
      endpoints.push(...results.filter(isDefinition));
      url = isRecord(json) ? this.#sameOriginNext(json.next) : undefined;
    }
    return endpoints;
  }

  async run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse> {
    assertName(name);
    const json = await this.#request(
      'POST',
      `${this.#base}${name}/run/`,
      pickRunFields(body),
      options.signal,
    );
    if (!isRecord(json)) throw badShape('run answer is not an object');
    return json;
  }

  /** `GET .../endpoints/{name}/openapi.json`; undefined from a PostHog too old to serve it. */
  async getOpenApi(name: string, options: UpstreamCallOptions): Promise<unknown> {
    assertName(name);
    try {
      return await this.#request('GET', `${this.#base}${name}/openapi.json`, undefined, options.signal);
    } catch (error) {
      if (error instanceof UpstreamError && (error.status === 404 || error.status === 405)) return undefined;
      throw error;
    }
  }

  /** Pagination links are followed only within PostHog's own API, so the key is never sent elsewhere. */
  #sameOriginNext(next: unknown): string | undefined {
    if (typeof next !== 'string' || next === '') return undefined;
    try {
      const url = new URL(next, this.#base);
      const inApi = url.origin === this.#apiRoot.origin && url.pathname.startsWith(this.#apiRoot.pathname);
      return inApi ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  async #request(method: 'GET' | 'POST', url: string, body: object | undefined, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.#key}`,
    };
    if (body) headers['Content-Type'] = 'application/json';
    try {
      // `manual`: a redirect would be followed with the key to wherever it points.
      const response = await fetch(url, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: combined,
        redirect: 'manual',
      });
      const text = await readCappedText(response, this.#maxBodyBytes);
      return interpret(response, text);
    } catch (error) {
      throw translateFailure(error, timeout, signal, this.#timeoutMs);
    }
  }
}

function interpret(response: Response, text: string): unknown {
  const json = parseJson(text);
  const status = response.status;
  if (status >= 300 && status < 400) {
    throw new UpstreamError(`upstream redirected (${status}); POSTHOG_HOST should be the final URL`, {
      status,
      failure: 'redirect',
    });
  }
  // 202: PostHog took the query but has not finished it (its query_status says so); the answer comes later.
  if (!response.ok || status === 202) {
    throw new UpstreamError(`upstream answered ${status}`, {
      status,
      failure: json === undefined ? 'not_json' : 'status',
      body: toErrorBody(json),
      retryAfterS: parseRetryAfter(response.headers.get('retry-after')),
    });
  }
  if (json === undefined) {
    throw new UpstreamError('upstream answer is not JSON', { status, failure: 'not_json' });
  }
  return json;
}

function translateFailure(error: unknown, timeout: AbortSignal, caller: AbortSignal | undefined, ms: number) {
  if (error instanceof UpstreamError) return error;
  // The browser left: an AbortError, so the route can tell it apart from an upstream failure.
  if (caller?.aborted) {
    return caller.reason instanceof Error
      ? caller.reason
      : new DOMException('The caller aborted', 'AbortError');
  }
  if (timeout.aborted) return new UpstreamTimeoutError(ms);
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    return new UpstreamConnectionError(`upstream unreachable: ${code ?? error.message}`, code);
  }
  return error;
}

function pickRunFields(body: RunBody): Partial<RunBody> {
  const picked: Record<string, unknown> = {};
  for (const field of RUN_FIELDS) if (body[field] !== undefined) picked[field] = body[field];
  return picked as Partial<RunBody>;
}

function assertName(name: string): void {
  if (!isEndpointName(name)) {
    throw new UpstreamError('invalid endpoint name', { status: 404, body: NOT_FOUND_BODY });
  }
}

function isDefinition(value: unknown): value is EndpointDefinition {
  return isRecord(value) && isEndpointName(value.name);
}

function badShape(message: string): UpstreamError {
  return new UpstreamError(message, { status: 200, failure: 'bad_shape' });
}
