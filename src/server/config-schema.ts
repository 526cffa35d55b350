/**
 * One zod schema per setting, shared by the environment (strings) and the config file (JSON types).
 * Messages are phrased to follow the setting's name ("POSTHOG_PROJECT_ID must be digits") and never
 * quote the value: a mistyped variable may well hold a secret.
 */
import { z } from 'zod';
import { ENDPOINT_NAME_PATTERN } from './endpoint-name.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `local` is accepted by the parser so that it can be refused with a message of its own. */
export const UPSTREAM_KINDS = ['posthog', 'fixtures', 'local'] as const;

const posthogHost = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a URL such as https://us.posthog.com' });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: 'must be an http or https URL' });
    return z.NEVER;
  }
  if (url.username || url.password || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: 'must not carry credentials, a query or a fragment' });
    return z.NEVER;
  }
  // A self-hosted PostHog may live under a path; only the trailing slash is cosmetic.
  return url.origin + url.pathname.replace(/\/+$/, '');
});

const projectId = z.preprocess(
  (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value),
  z
    .string()
    .trim()
    .regex(/^\d{1,18}$/, 'must be digits'),
);

const personalApiKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,512}$/, 'must be printable ASCII without spaces (check for a stray newline)');

const upstream = z.enum(UPSTREAM_KINDS, 'must be posthog or fixtures');

const port = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(0, 'must be 0..65535')
  .max(65535, 'must be 0..65535');

const listenHost = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.:\-[\]%]{1,253}$/, 'must be a host name or an IP address');

const timeoutMs = z
  .number('must be a whole number of milliseconds')
  .int('must be a whole number of milliseconds')
  .min(1, 'must be 1..600000 milliseconds')
  .max(600_000, 'must be 1..600000 milliseconds');

const corsOrigin = z.string().transform((value, ctx) => {
  const trimmed = value.trim().replace(/\/$/, '');
  if (trimmed === '*') {
    ctx.addIssue({ code: 'custom', message: "must list each origin: '*' is not allowed" });
    return z.NEVER;
  }
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== trimmed) {
    ctx.addIssue({
      code: 'custom',
      message: 'must list origins such as https://app.example.com (scheme, host and port only)',
    });
    return z.NEVER;
  }
  return url.origin;
});

const corsOrigins = z.array(corsOrigin, 'must be a list of origins').transform((list) => [...new Set(list)]);

const directory = z.string().trim().min(1, 'must be a path');

const logLevel = z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`);

const endpointNames = z
  .array(
    z
      .string()
      .regex(ENDPOINT_NAME_PATTERN, 'must hold endpoint names (a letter, then letters, digits, _ or -)'),
    'must be a list of endpoint names',
  )
  .transform((list) => [...new Set(list)]);

/** A whole number written as a string, as the environment has it. */
function fromEnvInteger<T extends z.ZodType<number, number>>(inner: T, message: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number)
    .pipe(inner);
}

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** Every setting the environment and the file share: file key, environment name, and a schema for each. */
export const SETTINGS = {
  posthogHost: { env: 'POSTHOG_HOST', file: posthogHost, fromEnv: posthogHost },
  posthogProjectId: { env: 'POSTHOG_PROJECT_ID', file: projectId, fromEnv: projectId },
  posthogPersonalApiKey: { env: 'POSTHOG_PERSONAL_API_KEY', file: personalApiKey, fromEnv: personalApiKey },
  upstream: { env: 'PH_EMBED_UPSTREAM', file: upstream, fromEnv: upstream },
  port: { env: 'PORT', file: port, fromEnv: fromEnvInteger(port, 'must be a whole number') },
  host: { env: 'HOST', file: listenHost, fromEnv: listenHost },
  timeoutMs: {
    env: 'PH_EMBED_TIMEOUT_MS',
    file: timeoutMs,
    fromEnv: fromEnvInteger(timeoutMs, 'must be a whole number of milliseconds'),
  },
  corsOrigins: { env: 'PH_EMBED_CORS_ORIGINS', file: corsOrigins, fromEnv: commaList.pipe(corsOrigins) },
  fixturesDir: { env: 'PH_EMBED_FIXTURES_DIR', file: directory, fromEnv: directory },
  demoDir: { env: 'PH_EMBED_DEMO_DIR', file: directory, fromEnv: directory },
  logLevel: { env: 'LOG_LEVEL', file: logLevel, fromEnv: logLevel },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingName]?: z.output<(typeof SETTINGS)[K]['file']> };

/** The config file: every shared setting plus the endpoint allowlist; unknown keys are refused. */
export const configFileSchema = z.strictObject({
  endpoints: endpointNames.optional(),
  ...(Object.fromEntries(
    Object.entries(SETTINGS).map(([key, setting]) => [key, setting.file.optional()]),
  ) as { [K in SettingName]: z.ZodOptional<(typeof SETTINGS)[K]['file']> }),
});

export type ConfigFileValues = z.output<typeof configFileSchema>;
