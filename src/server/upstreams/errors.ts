/**
 * What an upstream throws. Routes never see fetch or file-system errors: every upstream turns its own
 * failures into one of these, and errors/map-upstream-error.ts turns these into the browser's answer.
 */

/** PostHog's error body: `{type, code, detail, attr}`, or sometimes a bare `{error}`. */
export interface PostHogErrorBody {
  type?: unknown;
  code?: unknown;
  detail?: unknown;
  attr?: unknown;
  error?: unknown;
}

/** Why an answer could not be used, beyond its status. */
export type UpstreamFailure = 'status' | 'not_json' | 'too_large' | 'bad_shape' | 'redirect';

export interface UpstreamErrorInit {
  /** HTTP status the upstream answered with (200 when the body, not the status, was at fault). */
  status: number;
  failure?: UpstreamFailure;
  /** The parsed error body, when it was JSON. */
  body?: PostHogErrorBody;
  /** From the `Retry-After` header, in seconds. */
  retryAfterS?: number;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly status: number;
  readonly failure: UpstreamFailure;
  readonly body: PostHogErrorBody | undefined;
  readonly retryAfterS: number | undefined;

  constructor(message: string, init: UpstreamErrorInit) {
    super(message);
    this.status = init.status;
    this.failure = init.failure ?? 'status';
    this.body = init.body;
    this.retryAfterS = init.retryAfterS;
  }
}

/** The upstream did not answer within the configured timeout. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`upstream did not answer within ${timeoutMs} ms`);
  }
}

/** The upstream could not be reached, or hung up mid-answer (refused, reset, DNS). */
export class UpstreamConnectionError extends Error {
  override readonly name = 'UpstreamConnectionError';
  constructor(
    message: string,
    /** The system error code when there is one, such as ECONNREFUSED. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** PostHog's own 404 body, which the fixtures upstream copies so both paths look the same. */
export const NOT_FOUND_BODY: PostHogErrorBody = Object.freeze({
  type: 'invalid_request',
  code: 'not_found',
  detail: 'Not found.',
  attr: null,
});
