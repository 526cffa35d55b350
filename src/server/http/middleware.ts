/**
 * Cross-cutting middleware: a request id and a per-request logger, an access log line, the headers
 * every answer carries, and the removal of browser credentials before any handler runs.
 */
import type { MiddlewareHandler } from 'hono';
import type { ProxyLogger } from '../logger.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    log: ProxyLogger;
  };
}

/** Sets the request id and logger, stamps shared headers on every answer, and logs one line per request. */
export function requestContext(logger: ProxyLogger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Always our own id: an incoming one would let a caller forge log correlation.
    const requestId = crypto.randomUUID();
    const log = logger.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    const started = performance.now();
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    log.info(
      {
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  };
}

/**
 * Drops `Authorization` and `Cookie` before anything could forward them. Nothing from the browser
 * reaches an upstream except the validated body, and this keeps it so if a later change slips.
 */
export function stripCredentials(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const headers = c.req.raw.headers;
    if (headers.has('authorization') || headers.has('cookie')) {
      const clean = new Headers(headers);
      clean.delete('authorization');
      clean.delete('cookie');
      c.req.raw = new Request(c.req.raw, { headers: clean });
    }
    await next();
  };
}

/** API answers are per request until step 4 adds a cache with its own rules. */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
