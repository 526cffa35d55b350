/**
 * CORS as an allowlist that refuses, not just one that withholds headers: a cross-origin call from an
 * origin not on the list gets a 403 `origin_not_allowed` before authentication or any upstream call,
 * so a page elsewhere cannot spend the proxy's quota or probe it with simple requests (a text/plain
 * POST needs no preflight). Calls without `Origin` (servers, curl) and same-origin calls (the demo
 * served by the proxy itself) pass.
 */
import { ApiError } from '../errors/api-error.js';
import type { Answer, CallScope, ProxyCall } from './call.js';

const ALLOW_METHODS = 'GET, POST';
const ALLOW_HEADERS = 'Authorization, Content-Type';
const EXPOSE_HEADERS = 'X-Request-Id, Retry-After, ETag';
const PREFLIGHT_MAX_AGE_S = '600';

/** Checks a call's origin: throws the 403, answers a listed origin's preflight, or notes the headers. */
export type OriginCheck = (call: ProxyCall, scope: CallScope) => Answer | undefined;

export function originCheck(origins: readonly string[]): OriginCheck {
  const allowed = new Set(origins);
  return (call, scope) => {
    const origin = call.header('origin');
    if (origin === undefined) return undefined;
    const listed = allowed.has(origin);
    if (!listed && !isSameOrigin(origin, call.host)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        'This origin may not call the proxy; its operator can add it to PH_EMBED_CORS_ORIGINS',
        { headers: { Vary: 'Origin' } },
      );
    }
    if (allowed.size > 0) scope.headers['Vary'] = 'Origin';
    if (!listed) return undefined;
    scope.headers['Access-Control-Allow-Origin'] = origin;
    scope.headers['Access-Control-Expose-Headers'] = EXPOSE_HEADERS;
    if (call.method !== 'OPTIONS' || call.header('access-control-request-method') === undefined)
      return undefined;
    return {
      status: 204,
      headers: {
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_S,
      },
      body: null,
    };
  };
}

/** The page is on the proxy's own host: browsers send Origin on same-origin POSTs too. */
function isSameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}
