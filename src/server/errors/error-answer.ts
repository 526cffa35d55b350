/**
 * What the browser is told when a call fails: an ApiError as itself, an upstream failure mapped per
 * DESIGN.md section 3, a client that left as a quiet 503, and anything else as a 500 whose details
 * stay in the log. Nothing unexpected leaves as a stack trace.
 */
import type { Answer } from '../http/call.js';
import type { ProxyLogger } from '../logger.js';
import { ApiError, internalError } from './api-error.js';
import { mapUpstreamError } from './map-upstream-error.js';

export interface ErrorAnswerContext {
  log: ProxyLogger;
  /** Cut out of any upstream text passed on. */
  secrets: readonly string[];
  /** Whether the client has gone away. */
  aborted: () => boolean;
}

export function errorAnswer(error: unknown, { log, secrets, aborted }: ErrorAnswerContext): Answer {
  if (error instanceof ApiError) return error.toAnswer();
  const mapped = mapUpstreamError(error, log, secrets);
  if (mapped) return mapped.toAnswer();
  if (aborted()) {
    // The browser left; nobody reads this answer, and it is not the proxy's failure.
    log.info('client closed the request');
    return new ApiError(503, 'upstream_unavailable', 'The request was cancelled').toAnswer();
  }
  log.error({ err: error }, 'unhandled error');
  return internalError().toAnswer();
}
