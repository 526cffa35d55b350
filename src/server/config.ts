/**
 * The proxy's settings, parsed once at start-up (DESIGN.md section 8). Environment variables win over
 * the optional JSON config file; a bad setting throws a ConfigError naming it, so start-up stops with a
 * message an operator can act on. The PostHog key is kept out of every enumerable field so that logging
 * or serialising the config cannot leak it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  SETTINGS,
  configFileSchema,
  type ConfigFileValues,
  type LogLevel,
  type SettingName,
  type SettingValues,
} from './config-schema.js';
import { resolveSecurity, SecuritySettingError } from './config-security.js';
import type { AuthMode } from './auth/settings.js';
import type { ConfiguredVariables } from './variables/spec.js';

export type { LogLevel } from './config-schema.js';
export type { AuthMode } from './auth/settings.js';

/** The real PostHog API, the embedded DuckDB engine, or recorded answers. */
export type UpstreamChoice = 'posthog' | 'local' | 'fixtures';

export interface Config {
  readonly upstream: UpstreamChoice;
  /** PostHog origin plus optional path prefix, without a trailing slash. */
  readonly posthogHost: string | undefined;
  readonly posthogProjectId: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly timeoutMs: number;
  readonly corsOrigins: readonly string[];
  readonly fixturesDir: string;
  /** The local engine's endpoint files (`PH_EMBED_ENDPOINTS_DIR`). */
  readonly endpointsDir: string | undefined;
  /** The local engine's exported events (`PH_EMBED_EVENTS`); unset: generated data. */
  readonly eventsFile: string | undefined;
  /** The local engine's generator seed (`PH_EMBED_SEED`). */
  readonly seed: number | undefined;
  readonly demoDir: string;
  /** Endpoint names the proxy may run; undefined means every endpoint the upstream has. */
  readonly endpoints: readonly string[] | undefined;
  readonly logLevel: LogLevel;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
  /** The PostHog personal API key. A function, so it is absent from JSON and from object dumps. */
  readonly personalApiKey: () => string | undefined;
  /** `REDIS_URL`: a function for the same reason as the key, since the URL may hold a password. */
  readonly redisUrl: () => string | undefined;
  /** Cache lifetime of an answer when its endpoint has no `data_freshness_seconds`. */
  readonly cacheTtlS: number;
  /** Bound on the in-memory answer cache, in bytes; 0 turns caching off. */
  readonly cacheMaxBytes: number;
  /** Runs per tenant (or per client IP without tokens) per minute; 0 means unlimited. */
  readonly rateLimit: number;
  /** Requests per client IP per minute; 0 means unlimited. */
  readonly rateLimitIp: number;
  /** `refresh: 'force'` runs per tenant per minute; 0 means unlimited. */
  readonly rateLimitForce: number;
  /** Upstream calls in flight at once (PostHog allows 10 concurrent on materialized endpoints). */
  readonly upstreamConcurrency: number;
  /** Calls that may wait for a slot; past it the browser gets a retryable 503. */
  readonly upstreamQueue: number;
  /** Record mode: each answered endpoint is written here as an `{endpoint, run}` fixture. */
  readonly recordDir: string | undefined;
  /** `token`: every /v1 call needs an embed token. `none`: internal tools on a trusted network. */
  readonly auth: AuthMode;
  /** Embed-token secrets, the signing one first. A function, so it is absent from JSON and dumps. */
  readonly embedSecrets: () => readonly string[];
  /** Bearer token for `/metrics` from other hosts; without it, metrics go to loopback clients only. */
  readonly metricsToken: () => string | undefined;
  /** The longest token lifetime (`exp - iat`) accepted, in seconds. */
  readonly maxTokenTtlS: number;
  /** Lets `auth: none` listen on a non-loopback HOST. */
  readonly allowUnauthenticated: boolean;
  /** Behind one reverse proxy: the client address is the last `X-Forwarded-For` entry. */
  readonly trustProxy: boolean;
  /** Variable schemas declared in the config file, by endpoint name. */
  readonly endpointVariables: Readonly<Record<string, ConfiguredVariables>>;
  toJSON(): Record<string, unknown>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    /** The environment variable or file setting at fault. */
    readonly setting: string,
    message: string,
  ) {
    super(message);
  }
}

export interface LoadConfigOptions {
  /** Base for relative paths given in the environment; defaults to process.cwd(). */
  cwd?: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_CONFIG_FILE = './ph-embed.config.json';
/** Settings holding paths: relative to the working directory from the environment, to the file from the file. */
const PATH_SETTINGS: ReadonlySet<SettingName> = new Set([
  'fixturesDir',
  'demoDir',
  'recordDir',
  'endpointsDir',
  'eventsFile',
]);

export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(env, cwd);
  const values = mergeSettings(env, cwd, file);
  const key = values.posthogPersonalApiKey;
  const upstream = chooseUpstream(values, key !== undefined);
  const host = values.host ?? '127.0.0.1';
  const { secrets, ...security } = securityOf(values, host);

  const publicFields = {
    upstream,
    posthogHost: values.posthogHost,
    posthogProjectId: values.posthogProjectId,
    port: values.port ?? 8787,
    host,
    timeoutMs: values.timeoutMs ?? 15_000,
    corsOrigins: Object.freeze([...(values.corsOrigins ?? [])]),
    fixturesDir: values.fixturesDir ?? resolve(REPO_ROOT, 'test/fixtures/endpoints'),
    endpointsDir: values.endpointsDir,
    eventsFile: values.eventsFile,
    seed: values.seed,
    demoDir: values.demoDir ?? resolve(REPO_ROOT, 'dist/demo'),
    endpoints: file?.values.endpoints ? Object.freeze([...file.values.endpoints.names]) : undefined,
    endpointVariables: Object.freeze({ ...file?.values.endpoints?.variables }),
    logLevel: values.logLevel ?? 'info',
    configFile: file?.path,
    cacheTtlS: values.cacheTtlS ?? 60,
    cacheMaxBytes: values.cacheMaxBytes ?? 64 * 1024 * 1024,
    rateLimit: values.rateLimit ?? 120,
    rateLimitIp: values.rateLimitIp ?? 600,
    rateLimitForce: values.rateLimitForce ?? 10,
    upstreamConcurrency: values.upstreamConcurrency ?? 10,
    upstreamQueue: values.upstreamQueue ?? 100,
    recordDir: values.recordDir,
    ...security,
  };
  const redisUrl = values.redisUrl;
  const metricsToken = values.metricsToken;
  return Object.freeze({
    ...publicFields,
    personalApiKey: () => key,
    redisUrl: () => redisUrl,
    embedSecrets: () => secrets,
    metricsToken: () => metricsToken,
    toJSON: () => ({
      ...publicFields,
      posthogPersonalApiKey: key === undefined ? undefined : '[redacted]',
      embedSecrets: secrets.map(() => '[redacted]'),
      metricsToken: metricsToken === undefined ? undefined : '[redacted]',
      redisUrl: redactUrlPassword(redisUrl),
    }),
  });
}

interface LoadedFile {
  path: string;
  values: ConfigFileValues;
}

function readConfigFile(env: Record<string, string | undefined>, cwd: string): LoadedFile | undefined {
  const explicit = blankToUndefined(env.PH_EMBED_CONFIG);
  const path = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicit === undefined) return undefined;
    throw new ConfigError('PH_EMBED_CONFIG', `PH_EMBED_CONFIG names a file that does not exist: ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError('PH_EMBED_CONFIG', `PH_EMBED_CONFIG: ${path} is not readable JSON`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => JSON.stringify(k.slice(0, 64))).join(', ');
      const where = issue.path.map(String).join('.');
      const setting = where ? `${where}.${issue.keys[0]}` : String(issue.keys[0]);
      throw new ConfigError(setting, `${path}: unknown setting ${where ? `in ${where}: ` : ''}${keys}`);
    }
    const setting = issue?.path.map(String).join('.') || 'config';
    throw new ConfigError(setting, `${setting} in ${path} ${issue?.message ?? 'is invalid'}`);
  }
  return { path, values: parsed.data };
}

function mergeSettings(
  env: Record<string, string | undefined>,
  cwd: string,
  file: LoadedFile | undefined,
): SettingValues {
  const merged: Record<string, unknown> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const setting = SETTINGS[name];
    const raw = blankToUndefined(env[setting.env]);
    if (raw !== undefined) {
      merged[name] = parseEnv(setting.env, setting.fromEnv, raw);
      if (PATH_SETTINGS.has(name)) merged[name] = absolute(cwd, merged[name] as string);
    } else if (file && file.values[name] !== undefined) {
      const value = file.values[name];
      merged[name] = PATH_SETTINGS.has(name) ? absolute(dirname(file.path), value as string) : value;
    }
  }
  return merged as SettingValues;
}

function parseEnv(envName: string, schema: z.ZodType, raw: string): unknown {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(envName, `${envName} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
}

function chooseUpstream(values: SettingValues, hasKey: boolean): UpstreamChoice {
  // Without a key the embedded engine answers, so `npm start` shows real charts offline.
  const chosen = values.upstream ?? (hasKey ? 'posthog' : 'local');
  if (chosen === 'posthog') {
    const missing = [
      values.posthogHost === undefined && 'POSTHOG_HOST',
      values.posthogProjectId === undefined && 'POSTHOG_PROJECT_ID',
      !hasKey && 'POSTHOG_PERSONAL_API_KEY',
    ].filter((name): name is string => typeof name === 'string');
    if (missing.length > 0) {
      throw new ConfigError(
        missing[0] as string,
        `the posthog upstream needs ${missing.join(', ')} (${missing.length === 1 ? 'it is' : 'they are'} not set)`,
      );
    }
  }
  return chosen;
}

function securityOf(values: SettingValues, host: string) {
  try {
    return resolveSecurity(values, host);
  } catch (error) {
    if (error instanceof SecuritySettingError) throw new ConfigError(error.setting, error.message);
    throw error;
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function redactUrlPassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = 'redacted';
  return parsed.href;
}

function absolute(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
