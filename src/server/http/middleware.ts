/**
 * Cross-cutting middleware of the Hono app: a request id and a per-request logger, an access log line,
 * the headers every answer carries, the /v1 checks, and the removal of browser credentials before any
 * handler runs. The run route does the same for itself (http/run-lane.ts), with the same helpers.
 */
import type { MiddlewareHandler } from 'hono';
import type { Grant } from '../auth/grant.js';
import { ApiError } from '../errors/api-error.js';
import { writeAccessLine } from '../access-line.js';
import type { ProxyLogger } from '../logger.js';
import { PRIVATE_CACHE_CONTROL, sharedHeaders, type Answer, type CallScope } from './call.js';
import { honoCall } from './hono-call.js';
import type { V1Guard } from './v1-guard.js';

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

/**
 * The one access log line per request. Written through the root logger with the id as a field, the
 * same line a child logger bound to `reqId` writes, without making a child for a call that logs
 * nothing else.
 */
export function logAccess(
  logger: ProxyLogger,
  requestId: string,
  line: { method: string; path: string; status: number; started: number; tenant: string | undefined },
): void {
  writeAccessLine(logger, {
    reqId: requestId,
    method: line.method,
    path: line.path.slice(0, 200),
    status: line.status,
    ms: Math.round(performance.now() - line.started),
    tenant: line.tenant,
  });
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
    for (const [name, value] of Object.entries(sharedHeaders(requestId))) c.res.headers.set(name, value);
    logAccess(logger, requestId, {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      started,
      tenant: c.get('tenant'),
    });
  };
}

/**
 * The /v1 checks (v1-guard.ts) for the routes the app serves itself. A refusal is answered here, so
 * that it too carries the CORS headers the checks settled on; answers under /v1 are private.
 */
export function v1Checks(guard: V1Guard): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const scope: CallScope = {
      requestId: c.get('requestId'),
      log: c.get('log'),
      clientIp: c.get('clientIp'),
      headers: {},
    };
    let early: Answer | undefined;
    try {
      early = await guard(honoCall(c), scope);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      early = error.toAnswer();
    }
    if (scope.grant) {
      c.set('grant', scope.grant);
      c.set('tenant', scope.grant.tenant);
    }
    if (early) c.res = toResponse(early);
    else await next();
    for (const [name, value] of Object.entries(scope.headers)) {
      if (name === 'Vary') c.res.headers.append(name, value);
      else c.res.headers.set(name, value);
    }
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
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

/** An answer as a web Response. */
export function toResponse(answer: Answer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
