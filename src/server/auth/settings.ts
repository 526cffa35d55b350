/**
 * The zod schemas of the security settings (DESIGN.md sections 4 and 8), shared by the environment
 * and the config file like every other setting. Messages never quote the value: these hold secrets.
 */
import { z } from 'zod';

export const AUTH_MODES = ['token', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** HS256 keys shorter than the hash output are guessable offline from a single token. */
export const MIN_SECRET_BYTES = 32;
export const DEFAULT_MAX_TOKEN_TTL_S = 86_400;
/** A year: far beyond any sensible embed token, but a bound. */
const LONGEST_MAX_TOKEN_TTL_S = 31_536_000;

export const authMode = z.enum(AUTH_MODES, 'must be token or none');

const oneSecret = z
  .string()
  .regex(/^[\x21-\x2b\x2d-\x7e]+$/, 'must be printable ASCII without spaces or commas')
  .refine(
    (secret) => new TextEncoder().encode(secret).length >= MIN_SECRET_BYTES,
    `must be at least ${MIN_SECRET_BYTES} bytes long (try: openssl rand -base64 48)`,
  );

/** The bearer token Prometheus sends for `/metrics` (`PH_EMBED_METRICS_TOKEN`); a secret like the others. */
export const metricsToken = oneSecret;

/** One secret or several, comma-separated or as a list: the first signs, all verify (rotation). */
export const embedSecrets = z
  .union([z.string(), z.array(z.string())], 'must be a secret or a list of secrets')
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(','))
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .pipe(z.array(oneSecret).min(1, 'must hold at least one secret'))
  .transform((list) => [...new Set(list)]);

export const maxTokenTtlS = z
  .number('must be a whole number of seconds')
  .int('must be a whole number of seconds')
  .min(1, `must be 1..${LONGEST_MAX_TOKEN_TTL_S} seconds`)
  .max(LONGEST_MAX_TOKEN_TTL_S, `must be 1..${LONGEST_MAX_TOKEN_TTL_S} seconds`);

/** `true`/`false` in the file; the same words (or 1/0) in the environment. */
export const flag = z.boolean('must be true or false');
export const flagFromEnv = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0'].includes(value), 'must be true or false')
  .transform((value) => value === 'true' || value === '1');

/** Loopback listeners: only processes on this machine can reach them. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}
