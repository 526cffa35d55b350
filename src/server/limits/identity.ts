/**
 * Who a call is, for limits and cache keys: the tenant (the embed token's `sub`, or the client address
 * without tokens) and the client's IP, as the /v1 checks put them on the call's scope.
 */
import type { Grant } from '../auth/grant.js';

/** For requests that carry no socket (a Worker, `app.request()` in tests). */
export const UNKNOWN_IP = 'unknown';

/**
 * The tenant a cache entry belongs to: set only when an embed token named it. Without tokens every
 * caller may see every answer, so per-address entries would only multiply upstream calls.
 */
export function cacheTenantOf(grant: Grant | undefined): string | undefined {
  return grant?.expiresAt === undefined ? undefined : grant.tenant;
}
