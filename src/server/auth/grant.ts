/**
 * What a caller may do, from its embed token (or from `auth: none`): which endpoints, which variables
 * are fixed, whether it may force a fresh run. Routes ask the grant; they never read the token.
 */
import { ApiError } from '../errors/api-error.js';
import { quote } from '../variables/validate.js';
import type { EmbedClaims, LockedValue } from './claims.js';

export interface Grant {
  /** `sub` with tokens; the client address (or 'anonymous') without. */
  tenant: string;
  /** Undefined: every endpoint the proxy allows. */
  endpoints: ReadonlySet<string> | undefined;
  locked: Readonly<Record<string, LockedValue>>;
  mayForceRefresh: boolean;
  /** Seconds since the epoch; undefined without tokens. */
  expiresAt: number | undefined;
}

export function grantFromClaims(claims: EmbedClaims): Grant {
  return {
    tenant: claims.sub,
    endpoints: claims.endpoints ? new Set(claims.endpoints) : undefined,
    locked: Object.freeze({ ...claims.vars }),
    mayForceRefresh: claims.refresh === true,
    expiresAt: claims.exp,
  };
}

/** `auth: none`: internal tools may run everything the proxy allows, fresh runs included. */
export function openGrant(tenant: string): Grant {
  return { tenant, endpoints: undefined, locked: {}, mayForceRefresh: true, expiresAt: undefined };
}

export function mayRun(grant: Grant, name: string): boolean {
  return grant.endpoints === undefined || grant.endpoints.has(name);
}

export function assertMayRun(grant: Grant, name: string): void {
  if (!mayRun(grant, name)) {
    throw new ApiError(403, 'endpoint_not_allowed', `The embed token does not allow endpoint ${quote(name)}`);
  }
}

/**
 * The request's variables with the locked ones merged over them. Sending a locked variable with the
 * same value is fine (elements may echo what they were given); a different value is refused rather
 * than silently overridden, so a tampering attempt is visible.
 */
export function mergeLocked(
  grant: Grant,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const lockedNames = Object.keys(grant.locked);
  if (lockedNames.length === 0) return variables;
  const merged: Record<string, unknown> = { ...variables };
  for (const name of lockedNames) {
    const locked = grant.locked[name];
    if (variables && Object.hasOwn(variables, name) && !sameValue(variables[name], locked)) {
      throw new ApiError(
        403,
        'variable_locked',
        `Variable ${quote(name)} is set by the embed token and cannot be changed`,
      );
    }
    merged[name] = locked;
  }
  return merged;
}

/** A locked variable the endpoint does not take would filter nothing, so the run is refused. */
export function assertLockedApply(grant: Grant, name: string, takes: (variable: string) => boolean): void {
  const missing = Object.keys(grant.locked).find((variable) => !takes(variable));
  if (missing !== undefined) {
    throw new ApiError(
      403,
      'endpoint_not_allowed',
      `The embed token fixes variable ${quote(missing)}, which endpoint ${quote(name)} does not take`,
    );
  }
}

function sameValue(sent: unknown, locked: LockedValue | undefined): boolean {
  if (Array.isArray(locked)) {
    return (
      Array.isArray(sent) && sent.length === locked.length && sent.every((item, i) => item === locked[i])
    );
  }
  return sent === locked;
}
