/**
 * Authenticates every /v1 call before any route runs. With `auth: token` the embed token comes from
 * `Authorization: Bearer <token>` only (never a query string, which would end up in access logs), and
 * yields the caller's grant; with `auth: none` everyone gets the open grant, named by client address.
 */
import { ApiError } from '../errors/api-error.js';
import type { ProxyLogger } from '../logger.js';
import { grantFromClaims, openGrant, type Grant } from './grant.js';
import type { AuthMode } from './settings.js';
import { invalid, type TokenVerifier } from './tokens.js';

export interface AuthenticateOptions {
  mode: AuthMode;
  /** Required with `mode: 'token'`. */
  verify?: TokenVerifier;
}

/** The grant of a call, from its Authorization header; throws the 401 for a missing or bad token. */
export type Authenticate = (
  authorization: string | undefined,
  clientIp: string | undefined,
  log: ProxyLogger,
) => Promise<Grant>;

export function authenticator({ mode, verify }: AuthenticateOptions): Authenticate {
  if (mode === 'token' && !verify) throw new TypeError('auth: token needs a token verifier');
  if (mode === 'none' || !verify)
    return async (_authorization, clientIp) => openGrant(clientIp ?? 'anonymous');
  return async (authorization, _clientIp, log) => {
    try {
      return grantFromClaims(await verify(bearerToken(authorization)));
    } catch (error) {
      if (error instanceof ApiError)
        log.info({ code: error.code, reason: error.message }, 'embed token refused');
      throw error;
    }
  };
}

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
  const match = /^bearer +(\S+)$/i.exec(value);
  if (!match?.[1]) throw invalid('Send the embed token as Authorization: Bearer <token>');
  return match[1];
}
