/**
 * When to stop using an embed token, read from the JWT itself. The browser cannot verify the
 * signature (the secret stays on the server) and does not need to: it only wants to know when to
 * ask for a new token, and the proxy checks everything else.
 */
import { isFiniteNumber } from '../format/missing.js';

/** The longest head start a refresh gets before `exp`. */
const MAX_REFRESH_MARGIN_MS = 30_000;
/** Short tokens are refreshed with a tenth of their lifetime left, so a 60 s token lives 54 s. */
const REFRESH_MARGIN_SHARE = 0.1;

/** A JWT's payload as an object, or undefined when `token` is not a JWT we can read. */
export function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    // atob yields one char per byte; the payload is UTF-8 (a tenant id may hold any letter).
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What the page knows about a token's life, in this browser's clock (milliseconds). */
export interface TokenTimes {
  /** When it stops working; Infinity when the token does not say (not a JWT, no `exp`). */
  expiresAt: number;
  /** When to fetch the next one: `expiresAt` less min(30 s, 10% of the lifetime). */
  refreshAt: number;
}

/**
 * Times for a token received at `receivedAt`. `exp` is in the server's clock, and a browser's
 * clock can be minutes off. With `iat` the lifetime is also counted from receipt, and the earlier
 * of the two estimates wins, so a slow browser clock does not keep an expired token in use. Except
 * when by `exp` the token is due for refresh the moment it arrives: providers hand out fresh
 * tokens, so that is a browser clock running ahead, and trusting it would ask the provider again
 * on every request for tokens that all look the same. Then the lifetime counts from receipt, and
 * should the token in fact be stale, the proxy's 401 `token_expired` still replaces it.
 */
export function tokenTimes(token: string, receivedAt: number): TokenTimes {
  const payload = jwtPayload(token);
  const exp = payload?.exp;
  if (!isFiniteNumber(exp)) return { expiresAt: Infinity, refreshAt: Infinity };
  const claimedIat = payload?.iat;
  // An `iat` at or after `exp` gives no lifetime: it counts as absent.
  const iat = isFiniteNumber(claimedIat) && claimedIat < exp ? claimedIat : undefined;
  const expMs = exp * 1000;
  const lifetime = iat !== undefined ? expMs - iat * 1000 : expMs - receivedAt;
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(0, lifetime) * REFRESH_MARGIN_SHARE);
  if (iat === undefined) return { expiresAt: expMs, refreshAt: expMs - margin };
  const fromReceipt = receivedAt + lifetime;
  const dueOnArrival = expMs - margin <= receivedAt;
  const expiresAt = dueOnArrival ? fromReceipt : Math.min(expMs, fromReceipt);
  return { expiresAt, refreshAt: expiresAt - margin };
}
