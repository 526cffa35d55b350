/**
 * CORS as an allowlist that refuses, not just one that withholds headers: a cross-origin call from an
 * origin not on the list gets a 403 `origin_not_allowed` before authentication or any upstream call,
 * so a page elsewhere cannot spend the proxy's quota or probe it with simple requests (a text/plain
 * POST needs no preflight). Calls without `Origin` (servers, curl) and same-origin calls (the demo
 * served by the proxy itself) pass.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/api-error.js';
import type { AppEnv } from './middleware.js';

const ALLOW_METHODS = 'GET, POST';
const ALLOW_HEADERS = 'Authorization, Content-Type';
const EXPOSE_HEADERS = 'X-Request-Id, Retry-After, ETag';
const PREFLIGHT_MAX_AGE_S = '600';

export function corsGuard(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const listed = allowed.has(origin);
    if (!listed && !isSameOrigin(origin, c.req.url)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        'This origin may not call the proxy; its operator can add it to PH_EMBED_CORS_ORIGINS',
        { headers: { Vary: 'Origin' } },
      );
    }
    const preflight =
      c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight && listed) {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_S,
        Vary: 'Origin',
      });
    }
    await next();
    if (listed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    if (allowed.size > 0) c.res.headers.append('Vary', 'Origin');
  };
}

/** The page is on the proxy's own host: browsers send Origin on same-origin POSTs too. */
function isSameOrigin(origin: string, requestUrl: string): boolean {
  try {
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}
