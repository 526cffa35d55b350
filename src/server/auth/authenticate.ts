/**
 * Authenticates every /v1 call before any route runs. With `auth: token` the embed token comes from
 * `Authorization: Bearer <token>` only (never a query string, which would end up in access logs), and
 * yields the caller's grant; with `auth: none` everyone gets the open grant, named by client address.
 */
import { ApiError } from '../errors/api-error.js';
import type { ProxyLogger } from '../logger.js';
import type { EmbedClaims } from './claims.js';
import { grantFromClaims, openGrant, type Grant } from './grant.js';
import type { AuthMode } from './settings.js';
import { invalid, type TokenVerifier } from './tokens.js';

export interface AuthenticateOptions {
  mode: AuthMode;
  /** Required with `mode: 'token'`. */
  verify?: TokenVerifier;
}

/** The grant of a call, from its Authorization header; throws the 401 for a missing or bad token. */
export interface Authenticate {
  (authorization: string | undefined, clientIp: string | undefined, log: ProxyLogger): Promise<Grant>;
  /**
   * The same grant when it is known at once (no tokens, or a token verified before and still valid);
   * undefined when only the full check can tell, refusals included. Never throws, logs nothing.
   */
  now(authorization: string | undefined, clientIp: string | undefined): Grant | undefined;
}

export function authenticator({ mode, verify }: AuthenticateOptions): Authenticate {
  if (mode === 'token' && !verify) throw new TypeError('auth: token needs a token verifier');
  if (mode === 'none' || !verify) {
    const open = (_authorization: string | undefined, clientIp: string | undefined) =>
      openGrant(clientIp ?? 'anonymous');
    const authenticate = async (authorization: string | undefined, clientIp: string | undefined) =>
      open(authorization, clientIp);
    return Object.assign(authenticate, { now: open });
  }
  // One grant per verified claims object: the verifier hands back the same object for the same token.
  const grants = new WeakMap<EmbedClaims, Grant>();
  const grantOf = (claims: EmbedClaims) => {
    let grant = grants.get(claims);
    if (!grant) grants.set(claims, (grant = grantFromClaims(claims)));
    return grant;
  };
  const authenticate = async (authorization: string | undefined, _clientIp: unknown, log: ProxyLogger) => {
    try {
      return grantOf(await verify(bearerToken(authorization)));
    } catch (error) {
      if (error instanceof ApiError)
        log.info({ code: error.code, reason: error.message }, 'embed token refused');
      throw error;
    }
  };
  const now = (authorization: string | undefined) => {
    const token = BEARER.exec(authorization?.trim() ?? '')?.[1];
    const claims = token === undefined ? undefined : verify.known(token);
    return claims && grantOf(claims);
  };
  return Object.assign(authenticate, { now });
}

const BEARER = /^bearer +(\S+)$/i;

function bearerToken(header: string | undefined): string {
  const value = header?.trim() ?? '';
  if (value === '' || /^bearer$/i.test(value)) {
    throw new ApiError(
      401,
      'token_missing',
      'This proxy needs an embed token: Authorization: Bearer <token>',
      {
        headers: { 'WWW-Authenticate': 'Bearer realm="ph-embed"' },
      },
    );
  }
  const match = BEARER.exec(value);
  if (!match?.[1]) throw invalid('Send the embed token as Authorization: Bearer <token>');
  return match[1];
}
