/**
 * Authenticates every /v1 call before any handler runs. With `auth: token` the embed token comes from
 * `Authorization: Bearer <token>` only (never a query string, which would end up in access logs), and
 * the grant it yields is put on the context with the tenant; with `auth: none` everyone gets the open
 * grant and the tenant is the client address.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/api-error.js';
import type { AppEnv } from '../http/middleware.js';
import { grantFromClaims, openGrant } from './grant.js';
import type { AuthMode } from './settings.js';
import { invalid, type TokenVerifier } from './tokens.js';

export interface AuthenticateOptions {
  mode: AuthMode;
  /** Required with `mode: 'token'`. */
  verify?: TokenVerifier;
}

export function authenticate({ mode, verify }: AuthenticateOptions): MiddlewareHandler<AppEnv> {
  if (mode === 'token' && !verify) throw new TypeError('auth: token needs a token verifier');
  return async (c, next) => {
    if (mode === 'none' || !verify) {
      const grant = openGrant(c.get('clientIp') ?? 'anonymous');
      c.set('grant', grant);
      c.set('tenant', grant.tenant);
      return next();
    }
    try {
      const claims = await verify(bearerToken(c.req.header('authorization')));
      const grant = grantFromClaims(claims);
      c.set('grant', grant);
      c.set('tenant', grant.tenant);
    } catch (error) {
      if (error instanceof ApiError)
        c.get('log').info({ code: error.code, reason: error.message }, 'embed token refused');
      throw error;
    }
    return next();
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
