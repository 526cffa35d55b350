/**
 * Embed tokens: short HS256 JWTs (jose) that the host application's backend mints for one tenant.
 * Verification pins the algorithm to HS256 (so `alg: none` and algorithm confusion fail), requires
 * `aud: 'ph-embed'`, `iat` and `exp`, refuses a lifetime over the configured maximum, and tries every
 * configured secret so that secrets can rotate.
 */
import { errors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { setBounded } from '../cache/bounded-map.js';
import { ApiError } from '../errors/api-error.js';
import {
  claimsSchema,
  endpointList,
  lockedVariables,
  tenantId,
  TOKEN_AUDIENCE,
  type EmbedClaims,
  type LockedValue,
} from './claims.js';
import { MIN_SECRET_BYTES } from './settings.js';

export interface MintEmbedTokenInput {
  /** The tenant, such as a customer or organisation id. */
  sub: string;
  /** Endpoint names the token may run; omit to allow every endpoint the proxy allows. */
  endpoints?: readonly string[];
  /** Variables the token fixes, such as `{org_id: 'acme'}`. */
  vars?: Readonly<Record<string, LockedValue>>;
  /** Lets the holder ask for `refresh: 'force'`. */
  refresh?: boolean;
  /** Lifetime in seconds. Give this or `expiresIn`. */
  ttlSeconds?: number;
  /** Lifetime as `90s`, `15m`, `1h`, `7d`, or seconds. Give this or `ttlSeconds`. */
  expiresIn?: string | number;
}

export interface MintOptions {
  /** Refuse lifetimes over this many seconds (the proxy's PH_EMBED_MAX_TOKEN_TTL_S). */
  maxTtlSeconds?: number;
  /** Seconds since the epoch; defaults to now. */
  now?: number;
}

/** Mints an embed token with the given secret (the first of PH_EMBED_SECRET). */
export async function mintEmbedToken(
  input: MintEmbedTokenInput,
  secret: string,
  options: MintOptions = {},
): Promise<string> {
  const key = secretKey(secret);
  const ttl = lifetimeOf(input);
  if (options.maxTtlSeconds !== undefined && ttl > options.maxTtlSeconds) {
    throw new RangeError(`token lifetime ${ttl} s is over the maximum of ${options.maxTtlSeconds} s`);
  }
  const sub = check(tenantId, input.sub, 'sub');
  const payload: JWTPayload = {};
  if (input.endpoints !== undefined)
    payload.endpoints = check(endpointList, [...input.endpoints], 'endpoints');
  if (input.vars !== undefined) payload.vars = check(lockedVariables, { ...input.vars }, 'vars');
  if (input.refresh) payload.refresh = true;
  const now = Math.floor(options.now ?? Date.now() / 1000);
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key);
}

/** `90s`, `15m`, `1h`, `7d` (or a bare number of seconds) to seconds; undefined when malformed. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  const match = /^\s*(\d{1,9})\s*([smhd]?)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? '').toLowerCase()] ?? 1;
  const seconds = Number(match[1]) * unit;
  return seconds > 0 ? seconds : undefined;
}

export interface TokenVerifierOptions {
  /** Every accepted secret; the first is the one new tokens are signed with. */
  secrets: readonly string[];
  /** Longest accepted `exp - iat`, in seconds. */
  maxTtlS: number;
  /** Allowed clock skew between the minting backend and the proxy. */
  clockToleranceS?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
}

export interface TokenVerifier {
  (token: string): Promise<EmbedClaims>;
  /**
   * The claims of a token this verifier has accepted before and whose times still hold, decided at
   * once with no signature work; undefined when the token needs the full verification.
   */
  known(token: string): EmbedClaims | undefined;
}

const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  if (options.secrets.length === 0) throw new TypeError('token verification needs at least one secret');
  const raw = options.secrets.map(secretKey);
  // Imported once: importing the HMAC key on every call costs more than the verification itself.
  let keys: Promise<CryptoKey[]> | undefined;
  const tolerance = options.clockToleranceS ?? 5;
  const now = options.now ?? Date.now;
  const verified = new VerifiedTokens();
  const known = (token: string) => verified.get(token, now() / 1000, tolerance);
  const verify = async (token: string) => {
    if (token.length > MAX_TOKEN_LENGTH) throw invalid('The embed token is too long');
    const currentDate = new Date(now());
    const nowS = currentDate.getTime() / 1000;
    const claims = verified.get(token, nowS, tolerance);
    if (claims) return claims;
    if (!COMPACT_JWS.test(token)) throw invalid('The embed token is not a signed JWT');
    keys ??= Promise.all(raw.map(hmacKey));
    let payload: JWTPayload | undefined;
    for (const key of await keys) {
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          audience: TOKEN_AUDIENCE,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: tolerance,
          currentDate,
        }));
        break;
      } catch (error) {
        // Another secret may have signed it (rotation); only a bad signature moves on to the next.
        if (error instanceof errors.JWSSignatureVerificationFailed) continue;
        throw translate(error);
      }
    }
    if (!payload) throw invalid('The embed token signature is not valid');
    const checked = checkClaims(payload, nowS, tolerance, options.maxTtlS);
    verified.set(token, checked);
    return checked;
  };
  return Object.assign(verify, { known });
}

/**
 * Tokens already verified, by their exact text: a dashboard sends the same token with every tile,
 * and the only checks whose answer can change for the same text are the time ones, redone on a hit.
 */
class VerifiedTokens {
  readonly #entries = new Map<string, EmbedClaims>();

  constructor(readonly maxEntries = 1000) {}

  get(token: string, nowS: number, toleranceS: number): EmbedClaims | undefined {
    const claims = this.#entries.get(token);
    if (!claims) return undefined;
    if (claims.exp + toleranceS <= nowS || (claims.nbf !== undefined && claims.nbf - toleranceS > nowS)) {
      this.#entries.delete(token);
      return undefined;
    }
    return claims;
  }

  set(token: string, claims: EmbedClaims): void {
    setBounded(this.#entries, token, claims, this.maxEntries);
  }
}

function checkClaims(payload: JWTPayload, nowS: number, toleranceS: number, maxTtlS: number): EmbedClaims {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) {
    const claim = parsed.error.issues[0]?.path[0];
    throw invalid(`The embed token's ${typeof claim === 'string' ? `"${claim}" ` : ''}claim is malformed`);
  }
  const claims = parsed.data as EmbedClaims;
  if (claims.iat !== undefined && claims.iat > nowS + toleranceS) {
    throw invalid('The embed token was issued in the future');
  }
  // Without `iat` the lifetime is what is left of the token now.
  const lifetime = claims.exp - (claims.iat ?? nowS);
  if (lifetime > maxTtlS) {
    throw invalid(
      `The embed token lives ${Math.round(lifetime)} s (exp - ${claims.iat === undefined ? 'now' : 'iat'}); ` +
        `this proxy accepts at most ${maxTtlS} s`,
    );
  }
  return claims;
}

/** jose's errors, mapped to the browser contract; messages never include the token. */
function translate(error: unknown): ApiError {
  if (error instanceof errors.JWTExpired) {
    return new ApiError(401, 'token_expired', 'The embed token has expired', {
      headers: wwwAuthenticate('The token expired'),
    });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalid('The embed token must be signed with HS256');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const reason: Record<string, string> = {
      aud: `The embed token is not for ph-embed (aud must be "${TOKEN_AUDIENCE}")`,
      nbf: 'The embed token is not valid yet (nbf)',
      exp: 'The embed token has no valid expiry (exp)',
      iat: 'The embed token has no valid issue time (iat)',
      sub: 'The embed token names no tenant (sub)',
    };
    return invalid(reason[error.claim] ?? 'The embed token has an invalid claim');
  }
  return invalid('The embed token is not valid');
}

export function invalid(message: string): ApiError {
  return new ApiError(401, 'token_invalid', message, { headers: wwwAuthenticate(message) });
}

export function wwwAuthenticate(description: string): Record<string, string> {
  return {
    'WWW-Authenticate': `Bearer realm="ph-embed", error="invalid_token", error_description="${description.replace(/"/g, "'")}"`,
  };
}

function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

function secretKey(secret: string): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new RangeError(`the embed-token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  return bytes;
}

function lifetimeOf(input: MintEmbedTokenInput): number {
  const given = input.ttlSeconds ?? input.expiresIn;
  if (given === undefined)
    throw new TypeError('mintEmbedToken needs ttlSeconds or expiresIn (exp is required)');
  const seconds = parseDuration(given);
  if (seconds === undefined)
    throw new TypeError('ttlSeconds/expiresIn must be a positive duration such as 3600 or "1h"');
  return seconds;
}

function check<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  claim: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TypeError(`mintEmbedToken: "${claim}" is malformed`);
  return parsed.data;
}
