/**
 * Cross-cutting middleware: a request id and a per-request logger, an access log line, the headers
 * every answer carries, and the removal of browser credentials before any handler runs.
 */
import type { MiddlewareHandler } from 'hono';
import type { Grant } from '../auth/grant.js';
import type { ProxyLogger } from '../logger.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    log: ProxyLogger;
    /** The client's address when the runtime knows it (see http/client-address.ts). */
    clientIp?: string;
    /** Who is calling, on /v1 routes: the token's `sub`, or the client address without tokens. */
    tenant: string;
    /** What the caller may run and which variables are fixed (auth/grant.ts), on /v1 routes. */
    grant: Grant;
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
        tenant: c.get('tenant'),
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

/**
 * Answers are per caller: shared caches must not keep them, and browsers must revalidate before reuse
 * (`no-cache`, which still allows an ETag round trip). A route that sets its own Cache-Control wins.
 */
export function privateCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-cache');
  };
}
