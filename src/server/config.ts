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

export type { LogLevel } from './config-schema.js';

/** Upstreams this build can start; `local` (the DuckDB engine) arrives in step 3. */
export type UpstreamChoice = 'posthog' | 'fixtures';

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
  readonly demoDir: string;
  /** Endpoint names the proxy may run; undefined means every endpoint the upstream has. */
  readonly endpoints: readonly string[] | undefined;
  readonly logLevel: LogLevel;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
  /** The PostHog personal API key. A function, so it is absent from JSON and from object dumps. */
  readonly personalApiKey: () => string | undefined;
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

export function loadConfig(env: Record<string, string | undefined>, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(env, cwd);
  const values = mergeSettings(env, cwd, file);
  const key = values.posthogPersonalApiKey;
  const upstream = chooseUpstream(values, key !== undefined);

  const publicFields = {
    upstream,
    posthogHost: values.posthogHost,
    posthogProjectId: values.posthogProjectId,
    port: values.port ?? 8787,
    host: values.host ?? '127.0.0.1',
    timeoutMs: values.timeoutMs ?? 15_000,
    corsOrigins: Object.freeze([...(values.corsOrigins ?? [])]),
    fixturesDir: values.fixturesDir ?? resolve(REPO_ROOT, 'test/fixtures/endpoints'),
    demoDir: values.demoDir ?? resolve(REPO_ROOT, 'dist/demo'),
    endpoints: file?.values.endpoints ? Object.freeze([...file.values.endpoints]) : undefined,
    logLevel: values.logLevel ?? 'info',
    configFile: file?.path,
  };
  return Object.freeze({
    ...publicFields,
    personalApiKey: () => key,
    toJSON: () => ({ ...publicFields, posthogPersonalApiKey: key === undefined ? undefined : '[redacted]' }),
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
      throw new ConfigError(String(issue.keys[0]), `${path}: unknown setting ${keys}`);
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
      if (name === 'fixturesDir' || name === 'demoDir') merged[name] = absolute(cwd, merged[name] as string);
    } else if (file && file.values[name] !== undefined) {
      const value = file.values[name];
      merged[name] =
        name === 'fixturesDir' || name === 'demoDir' ? absolute(dirname(file.path), value as string) : value;
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
  const chosen = values.upstream ?? (hasKey ? 'posthog' : 'fixtures');
  if (chosen === 'local') {
    throw new ConfigError(
      'PH_EMBED_UPSTREAM',
      'PH_EMBED_UPSTREAM=local (the embedded DuckDB engine) is not available yet: use posthog or fixtures',
    );
  }
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

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function absolute(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path);
}
