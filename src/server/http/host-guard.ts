/**
 * DNS-rebinding protection for `auth: none` on loopback. A page on evil.example can point its own name
 * at 127.0.0.1 and then call the proxy "same-origin" from the victim's browser; the one thing it cannot
 * change is the Host header, which then names evil.example. So an unauthenticated proxy listening on
 * loopback answers /v1 only for loopback host names.
 */
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '../auth/settings.js';
import { ApiError } from '../errors/api-error.js';
import type { AppEnv } from './middleware.js';

/** Host headers already judged; a client can send any number, so only the first few are kept. */
const judgedHosts = new Map<string, boolean>();
const JUDGED_HOSTS = 64;

/** Throws the 403 unless `host` (a Host header, `name[:port]`) names this machine. */
export function assertLoopbackHost(host: string): void {
  let loopback = judgedHosts.get(host);
  if (loopback === undefined) {
    loopback = isLoopbackHost(hostnameOf(host));
    if (judgedHosts.size < JUDGED_HOSTS) judgedHosts.set(host, loopback);
  }
  if (!loopback) {
    throw new ApiError(
      403,
      'origin_not_allowed',
      'This proxy runs without tokens and answers only requests for localhost or 127.0.0.1',
    );
  }
}

/** The same check as middleware, for routes outside /v1 (the demo's token endpoint). */
export function loopbackHostGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertLoopbackHost(new URL(c.req.url).host);
    await next();
  };
}

function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return '';
  }
}
