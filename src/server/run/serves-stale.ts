/**
 * Which failures a stale answer may cover (stale-if-error): the upstream being slow, down, throttled or
 * broken. Not a 400 or a 404: those are answers about the request or the endpoint, and old data would
 * hide that the endpoint changed or is gone. Not a 401 or 403 either: PostHog no longer lets the proxy's
 * key read it, and a day of old data would keep a revoked key working and the operator unaware
 * (DESIGN.md section 3: a 502, logged loudly). Not a bug in the proxy either.
 */
import { ApiError } from '../errors/api-error.js';
import { UpstreamConnectionError, UpstreamError, UpstreamTimeoutError } from '../upstreams/errors.js';

const REFUSALS = new Set([400, 401, 403, 404]);

export function servesStale(error: unknown): boolean {
  if (error instanceof UpstreamTimeoutError || error instanceof UpstreamConnectionError) return true;
  if (error instanceof UpstreamError) {
    return error.failure !== 'status' || !REFUSALS.has(error.status);
  }
  // The concurrency queue being full is the proxy's own overload, which old data answers well.
  return error instanceof ApiError && error.status === 503;
}
