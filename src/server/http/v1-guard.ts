/**
 * The checks every /v1 call passes before a route runs, in the order that keeps refusals cheap and
 * safe: origin first (cheapest refusal), the loopback Host check of an unauthenticated proxy, the
 * per-IP limit (so that token guessing is rate-limited too), the token, then the tenant's limit. Both
 * the Hono app and the Node fast lane run exactly this function.
 */
import type { Authenticate } from '../auth/authenticate.js';
import { UNKNOWN_IP } from '../limits/identity.js';
import type { RateLimits } from '../limits/rate-limits.js';
import type { Answer, CallScope, ProxyCall } from './call.js';
import type { OriginCheck } from './cors.js';
import { assertLoopbackHost } from './host-guard.js';

export interface V1GuardOptions {
  checkOrigin: OriginCheck;
  /** Without tokens on a loopback HOST: answer only requests for loopback host names. */
  loopbackOnly: boolean;
  limits: Pick<RateLimits, 'consumeIp' | 'consumeTenant'>;
  authenticate: Authenticate;
}

/** Resolves with an answer that ends the call (a preflight), or undefined to go on; throws refusals. */
export type V1Guard = (call: ProxyCall, scope: CallScope) => Promise<Answer | undefined>;

export function v1Guard({ checkOrigin, loopbackOnly, limits, authenticate }: V1GuardOptions): V1Guard {
  return async (call, scope) => {
    const preflight = checkOrigin(call, scope);
    if (preflight) return preflight;
    if (loopbackOnly) assertLoopbackHost(call.host);
    const ip = scope.clientIp ?? UNKNOWN_IP;
    await limits.consumeIp(ip);
    const grant = await authenticate(call.header('authorization'), scope.clientIp, scope.log);
    scope.grant = grant;
    scope.tenant = grant.tenant;
    await limits.consumeTenant(grant.tenant, ip);
    return undefined;
  };
}
