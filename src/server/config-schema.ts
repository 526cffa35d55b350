/**
 * One zod schema per setting, shared by the environment (strings) and the config file (JSON types).
 * Messages are phrased to follow the setting's name ("POSTHOG_PROJECT_ID must be digits") and never
 * quote the value: a mistyped variable may well hold a secret.
 */
import { z } from 'zod';
import { authMode, embedSecrets, flag, flagFromEnv, maxTokenTtlS, metricsToken } from './auth/settings.js';
import { ENDPOINT_NAME_PATTERN } from './endpoint-name.js';
import { variableSpecsSchema, type ConfiguredVariables } from './variables/spec.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

const upstream = z.enum(UPSTREAM_KINDS, 'must be posthog, local or fixtures');

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

/** The local engine's generator seed: any whole number gives its own, repeatable world. */
const seed = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(0, 'must be 0..4294967295')
  .max(4_294_967_295, 'must be 0..4294967295');

const logLevel = z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`);

/** Redis for the shared cache, locks and limits. The URL may hold a password, so it is never quoted back. */
const redisUrl = z.string().transform((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'must be a URL such as redis://127.0.0.1:6379' });
    return z.NEVER;
  }
  return url.href;
});

/** A whole number in [min, max], with the range in the message; used by the cache and limit settings. */
function wholeNumber(min: number, max: number, unit = '') {
  const range = `must be ${min}..${max}${unit}`;
  return z.number('must be a whole number').int('must be a whole number').min(min, range).max(max, range);
}

const cacheTtlS = wholeNumber(1, 604_800, ' seconds');
const cacheMaxBytes = wholeNumber(0, 2 ** 40, ' bytes');
/** Requests per minute; 0 turns that limit off. */
const perMinute = wholeNumber(0, 1_000_000_000);
const upstreamConcurrency = wholeNumber(1, 1000);
const upstreamQueue = wholeNumber(0, 100_000);

const ENDPOINT_NAME_MESSAGE = 'must hold endpoint names (a letter, then letters, digits, _ or -)';

const endpointNames = z.array(
  z.string().regex(ENDPOINT_NAME_PATTERN, ENDPOINT_NAME_MESSAGE),
  'must be a list of endpoint names',
);

/** `{"name": {"variables": {...}}}`: the allowlist with a variable schema per endpoint. */
const endpointMap = z
  .record(z.string(), z.strictObject({ variables: variableSpecsSchema.optional() }))
  .superRefine((map, ctx) => {
    for (const name of Object.keys(map)) {
      if (!ENDPOINT_NAME_PATTERN.test(name))
        ctx.addIssue({ code: 'custom', message: ENDPOINT_NAME_MESSAGE, path: [name] });
    }
  });

export interface EndpointsSetting {
  names: string[];
  /** Variable schemas by endpoint name, for the endpoints that declare one. */
  variables: Record<string, ConfiguredVariables>;
}

/** Either form of `endpoints` in the config file, normalised to names plus declared variables. */
const endpointsSetting = z.unknown().transform((value, ctx): EndpointsSetting => {
  if (typeof value !== 'object' || value === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a list of endpoint names or an object keyed by endpoint name',
    });
    return z.NEVER;
  }
  // Parsed by the form it has, so a mistake deep in a variable schema is reported at its own path.
  const parsed = Array.isArray(value) ? endpointNames.safeParse(value) : endpointMap.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ ...issue, input: undefined } as z.core.$ZodRawIssue);
    return z.NEVER;
  }
  if (Array.isArray(parsed.data)) return { names: [...new Set(parsed.data)], variables: {} };
  const variables: Record<string, ConfiguredVariables> = {};
  for (const [name, entry] of Object.entries(parsed.data))
    if (entry.variables) variables[name] = entry.variables;
  return { names: Object.keys(parsed.data), variables };
});

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
  endpointsDir: { env: 'PH_EMBED_ENDPOINTS_DIR', file: directory, fromEnv: directory },
  eventsFile: { env: 'PH_EMBED_EVENTS', file: directory, fromEnv: directory },
  seed: { env: 'PH_EMBED_SEED', file: seed, fromEnv: fromEnvInteger(seed, 'must be a whole number') },
  logLevel: { env: 'LOG_LEVEL', file: logLevel, fromEnv: logLevel },
  redisUrl: { env: 'REDIS_URL', file: redisUrl, fromEnv: redisUrl },
  cacheTtlS: {
    env: 'PH_EMBED_CACHE_TTL_S',
    file: cacheTtlS,
    fromEnv: fromEnvInteger(cacheTtlS, 'must be a whole number of seconds'),
  },
  cacheMaxBytes: {
    env: 'PH_EMBED_CACHE_MAX_BYTES',
    file: cacheMaxBytes,
    fromEnv: fromEnvInteger(cacheMaxBytes, 'must be a whole number of bytes'),
  },
  rateLimit: {
    env: 'PH_EMBED_RATE_LIMIT',
    file: perMinute,
    fromEnv: fromEnvInteger(perMinute, 'must be a whole number of requests per minute'),
  },
  rateLimitIp: {
    env: 'PH_EMBED_RATE_LIMIT_IP',
    file: perMinute,
    fromEnv: fromEnvInteger(perMinute, 'must be a whole number of requests per minute'),
  },
  rateLimitForce: {
    env: 'PH_EMBED_RATE_LIMIT_FORCE',
    file: perMinute,
    fromEnv: fromEnvInteger(perMinute, 'must be a whole number of requests per minute'),
  },
  upstreamConcurrency: {
    env: 'PH_EMBED_UPSTREAM_CONCURRENCY',
    file: upstreamConcurrency,
    fromEnv: fromEnvInteger(upstreamConcurrency, 'must be a whole number'),
  },
  upstreamQueue: {
    env: 'PH_EMBED_UPSTREAM_QUEUE',
    file: upstreamQueue,
    fromEnv: fromEnvInteger(upstreamQueue, 'must be a whole number'),
  },
  recordDir: { env: 'PH_EMBED_RECORD_DIR', file: directory, fromEnv: directory },
  auth: { env: 'PH_EMBED_AUTH', file: authMode, fromEnv: authMode },
  secrets: { env: 'PH_EMBED_SECRET', file: embedSecrets, fromEnv: embedSecrets },
  metricsToken: { env: 'PH_EMBED_METRICS_TOKEN', file: metricsToken, fromEnv: metricsToken },
  maxTokenTtlS: {
    env: 'PH_EMBED_MAX_TOKEN_TTL_S',
    file: maxTokenTtlS,
    fromEnv: fromEnvInteger(maxTokenTtlS, 'must be a whole number of seconds'),
  },
  allowUnauthenticated: { env: 'PH_EMBED_ALLOW_UNAUTHENTICATED', file: flag, fromEnv: flagFromEnv },
  trustProxy: { env: 'PH_EMBED_TRUST_PROXY', file: flag, fromEnv: flagFromEnv },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingName]?: z.output<(typeof SETTINGS)[K]['file']> };

/** The config file: every shared setting plus the endpoint allowlist; unknown keys are refused. */
export const configFileSchema = z.strictObject({
  endpoints: endpointsSetting.optional(),
  ...(Object.fromEntries(
    Object.entries(SETTINGS).map(([key, setting]) => [key, setting.file.optional()]),
  ) as { [K in SettingName]: z.ZodOptional<(typeof SETTINGS)[K]['file']> }),
});

export type ConfigFileValues = z.output<typeof configFileSchema>;
