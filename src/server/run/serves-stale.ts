/**
 * Which failures a stale answer may cover (stale-if-error): the upstream being slow, down, throttled,
 * broken or misconfigured. Not a 400 or a 404: those are answers about the request or the endpoint,
 * and old data would hide that the endpoint changed or is gone. Not a bug in the proxy either.
 */
import { ApiError } from '../errors/api-error.js';
import { UpstreamConnectionError, UpstreamError, UpstreamTimeoutError } from '../upstreams/errors.js';

export function servesStale(error: unknown): boolean {
  if (error instanceof UpstreamTimeoutError || error instanceof UpstreamConnectionError) return true;
  if (error instanceof UpstreamError) {
    return error.failure !== 'status' || (error.status !== 400 && error.status !== 404);
  }
  // The concurrency queue being full is the proxy's own overload, which old data answers well.
  return error instanceof ApiError && error.status === 503;
}
