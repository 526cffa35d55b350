/**
 * The one error type routes throw, and the one JSON shape every 4xx/5xx has:
 * `{error: {code, message, retryable, retry_after_s?}}` (ErrorBody in src/data/types.ts).
 */
import type { ErrorBody, ErrorCode } from '../../data/types.js';
import type { Answer } from '../http/call.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 413 | 429 | 500 | 502 | 503 | 504;

export interface ApiErrorInit {
  retryable?: boolean;
  retryAfterS?: number;
  /** Extra response headers, such as `Allow` on a 405. */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly retryable: boolean;
  readonly retryAfterS: number | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: ErrorStatus,
    readonly code: ErrorCode,
    message: string,
    init: ApiErrorInit = {},
  ) {
    super(message);
    this.retryable = init.retryable ?? false;
    this.retryAfterS = init.retryAfterS;
    this.headers = { ...init.headers };
    if (this.retryAfterS !== undefined) this.headers['Retry-After'] = String(this.retryAfterS);
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.retryAfterS !== undefined) error.retry_after_s = this.retryAfterS;
    return { error };
  }

  toAnswer(): Answer {
    return {
      status: this.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...this.headers },
      body: JSON.stringify(this.toBody()),
    };
  }

  toResponse(headers: Record<string, string> = {}): Response {
    const answer = this.toAnswer();
    return new Response(answer.body, { status: answer.status, headers: { ...answer.headers, ...headers } });
  }
}

export function notFound(message = 'Not found'): ApiError {
  return new ApiError(404, 'endpoint_not_found', message);
}

export function methodNotAllowed(allow: readonly string[]): ApiError {
  return new ApiError(405, 'method_not_allowed', `Use ${allow.join(' or ')} here`, {
    headers: { Allow: allow.join(', ') },
  });
}

export function internalError(): ApiError {
  return new ApiError(500, 'internal_error', 'The proxy failed unexpectedly; the request id is in the logs', {
    retryable: true,
  });
}
