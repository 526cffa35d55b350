/**
 * The embed token's claims (DESIGN.md section 4). `aud`, `exp` and (when present) `iat` are checked by
 * jose; the rest is checked here, so a token signed with a good secret but carrying malformed claims is still refused.
 */
import { z } from 'zod';
import { ENDPOINT_NAME_PATTERN } from '../endpoint-name.js';
import { VARIABLE_NAME_PATTERN } from '../variables/spec.js';

export const TOKEN_AUDIENCE = 'ph-embed';

/** A locked variable's value: what a PostHog variable can hold. */
export type LockedValue = string | number | boolean | null | string[];

export interface EmbedClaims {
  /** The tenant: cache entries, limits and logs are keyed by it. */
  sub: string;
  /** Endpoint names this token may run; absent means every endpoint the proxy allows. */
  endpoints?: string[];
  /** Variables fixed by the token, merged over the request's. */
  vars?: Record<string, LockedValue>;
  /** May the holder ask for `refresh: 'force'`? */
  refresh?: boolean;
  /** Optional, as DESIGN.md section 4 lists it not and many JWT libraries leave it out unless asked. */
  iat?: number;
  exp: number;
  nbf?: number;
}

const MAX_LIST = 1000;

const lockedValue = z.union([
  z.string().max(4096),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(4096)).max(MAX_LIST),
]);

/** Printable, so a tenant id can go into logs, metrics labels and cache keys as it is. */
export const tenantId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII');

export const endpointList = z.array(z.string().regex(ENDPOINT_NAME_PATTERN)).max(MAX_LIST);

export const lockedVariables = z
  .record(z.string().regex(VARIABLE_NAME_PATTERN), lockedValue)
  .refine((vars) => Object.keys(vars).length <= 64, 'must hold at most 64 variables');

/** Unknown claims (`iss`, `jti`...) are allowed and ignored; known ones must have the right shape. */
export const claimsSchema = z.looseObject({
  sub: tenantId,
  endpoints: endpointList.optional(),
  vars: lockedVariables.optional(),
  refresh: z.boolean().optional(),
  iat: z.number().finite().optional(),
  exp: z.number().finite(),
  nbf: z.number().finite().optional(),
});
