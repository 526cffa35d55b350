import type { ErrorBody, ErrorCode } from './types.js';

/**
 * Codes the client adds to the proxy's own (`ErrorCode`): `network_error` when no HTTP answer
 * arrived at all, `bad_response` when one arrived but was not the JSON the contract promises,
 * `token_unavailable` when the page's `tokenProvider` failed, so no request could be sent.
 */
export type PhErrorCode = ErrorCode | 'network_error' | 'bad_response' | 'token_unavailable';

/** What a {@linkcode PhApiError} is built from. */
export interface PhApiErrorInit {
  status: number;
  code: PhErrorCode;
  message: string;
  retryable: boolean;
  retryAfterS?: number | undefined;
  /** What went wrong underneath, for developers (never shown: the message is). */
  cause?: unknown;
}

/**
 * Every failure of a `PhClient` call except an abort (which rejects with the signal's
 * `AbortError`, as `fetch` does, so callers can tell "cancelled" from "failed").
 * `status` is 0 when no HTTP answer arrived.
 */
export class PhApiError extends Error {
  override readonly name = 'PhApiError';
  readonly status: number;
  readonly code: PhErrorCode;
  readonly retryable: boolean;
  /** Seconds to wait before retrying, from the body's `retry_after_s` or the `Retry-After` header. */
  readonly retryAfterS: number | undefined;

  constructor(init: PhApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterS = init.retryAfterS;
  }
}

/** True for the rejection an aborted signal causes (a `DOMException` named `AbortError`). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** True when `body` has the proxy's `{error: {code, message, retryable}}` shape. */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** Seconds from a `Retry-After` header; the HTTP-date form counts from now. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A 5xx, a 429 or a lost connection may succeed on a second try; a 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}
