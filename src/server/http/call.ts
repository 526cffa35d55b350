/**
 * One request as the proxy's /v1 checks and its run route see it, whatever carries it: a Hono context
 * (every runtime, http/hono-call.ts) or a bare node:http request (http/node-run-lane.ts, the path
 * cache hits take on Node). The checks and the route are written once, against this small surface.
 */
import type { Grant } from '../auth/grant.js';
import type { ProxyLogger } from '../logger.js';

export interface ProxyCall {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** A request header by lower-case name. */
  header(name: string): string | undefined;
  /** The Host the request was sent to (`name[:port]`), for the same-origin and loopback checks. */
  readonly host: string;
  /** The peer address of the socket, when the runtime has one. */
  readonly socketAddress: string | undefined;
  /** The body as text; a 413 past `maxBytes`, whatever Content-Length claimed. */
  readText(maxBytes: number): Promise<string>;
  /**
   * The whole body, when the runtime read it before the call began (Node does, never past the run body
   * cap nor when Content-Length declares more); else undefined.
   */
  readonly bufferedText?: string;
  /** Aborted when the client goes away; built only when asked for, since building it costs on Node. */
  signal(): AbortSignal;
}

/** An answer before it becomes a web Response or is written to a node:http response. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** What the checks learn about a call, in order: filled by http/v1-guard.ts, read by the routes. */
export interface CallScope {
  readonly requestId: string;
  readonly log: ProxyLogger;
  readonly clientIp: string | undefined;
  grant?: Grant;
  tenant?: string;
  /** Headers every answer to this call carries, errors included (CORS, Vary). */
  readonly headers: Record<string, string>;
}

/** Headers on every answer the proxy gives. */
export function sharedHeaders(requestId: string): Record<string, string> {
  return { 'X-Request-Id': requestId, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
}

/**
 * Answers under /v1 are per caller: shared caches must not keep them, and browsers must revalidate
 * before reuse (`no-cache` still allows an ETag round trip). An answer that sets its own wins.
 */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** Adds the scope's headers to an answer's; `Vary` is appended to, not replaced. */
export function withScopeHeaders(
  headers: Record<string, string>,
  scope: Pick<CallScope, 'headers'>,
): Record<string, string> {
  for (const name in scope.headers) {
    const value = scope.headers[name]!;
    const present = headers[name];
    headers[name] = name === 'Vary' && present ? `${present}, ${value}` : value;
  }
  return headers;
}
