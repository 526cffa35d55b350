/**
 * Who a request is, for limits and cache keys. The auth layer puts the tenant (the embed token's `sub`,
 * or the client address without tokens) and the grant on the context, and the client-address
 * middleware the client's IP; these read them by name, so limits keep working in a mount without them
 * (the IP then comes from the socket, never from a header).
 */
import type { Context } from 'hono';

/** For requests that carry no socket (a Worker, `app.request()` in tests). */
export const UNKNOWN_IP = 'unknown';

/** The tenant the rate limits charge: the token's `sub`, or the client address without tokens. */
export function tenantOf(c: Context): string | undefined {
  const tenant = read(c, 'tenant');
  return typeof tenant === 'string' && tenant !== '' ? tenant : undefined;
}

/**
 * The tenant a cache entry belongs to: set only when an embed token named it. Without tokens every
 * caller may see every answer, so per-address entries would only multiply upstream calls.
 */
export function cacheTenantOf(c: Context): string | undefined {
  const grant = read(c, 'grant') as { tenant?: unknown; expiresAt?: unknown } | undefined;
  if (!grant || grant.expiresAt === undefined) return undefined;
  return typeof grant.tenant === 'string' ? grant.tenant : undefined;
}

export function clientIp(c: Context): string {
  const fromContext = read(c, 'clientIp');
  if (typeof fromContext === 'string' && fromContext !== '') return fromContext;
  const env = c.env as { incoming?: IncomingLike } | undefined;
  const address = env?.incoming?.socket?.remoteAddress;
  return typeof address === 'string' && address !== '' ? address : UNKNOWN_IP;
}

interface IncomingLike {
  socket?: { remoteAddress?: string };
}

/** Context variables by name: typed lookups would tie these helpers to one AppEnv. */
function read(c: Context, key: string): unknown {
  return (c.get as (name: string) => unknown)(key);
}
