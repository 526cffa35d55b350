/**
 * The real proxy (startServer on port 0) in front of the strict fake PostHog (port 0), with every log
 * line captured. Every answer fetched through `request()` and every log line is checked for the
 * personal API key, so each suite proves on its own that the key never leaks.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/server/config.js';
import { createLogger } from '../../../src/server/logger.js';
import { startServer, type RunningServer } from '../../../src/server/main.js';
import { startFakePostHog, type FakePostHog, type FakePostHogOptions } from './fake-posthog.js';

export interface CapturedLogs {
  lines: string[];
  /** Parsed lines, for assertions on fields. */
  entries(): Array<Record<string, unknown>>;
  write(line: string): void;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return {
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    write: (line) => void lines.push(line),
  };
}

export interface ProxyAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Harness {
  key: string;
  fake: FakePostHog;
  server: RunningServer;
  config: Config;
  logs: CapturedLogs;
  /** Fetches from the proxy and asserts the key is in neither the headers nor the body. */
  request(path: string, init?: RequestInit): Promise<ProxyAnswer>;
  /** `POST /v1/endpoints/{name}/run` with a JSON body. */
  run(name: string, body?: unknown): Promise<ProxyAnswer>;
  assertNoKeyInLogs(): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra or overriding environment for loadConfig. */
  env?: Record<string, string>;
  /** Written to a temporary ph-embed.config.json passed as PH_EMBED_CONFIG. */
  configFile?: unknown;
  fake?: Partial<FakePostHogOptions>;
}

/**
 * Fetches `path` from a running proxy and asserts that none of `secrets` (the personal API key, the
 * embed-token secrets) appears in the body or any header; every suite's requests go through this.
 */
export async function fetchWithoutLeaks(
  base: string,
  path: string,
  init: RequestInit | undefined,
  secrets: readonly string[],
): Promise<ProxyAnswer> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `a secret leaked in the body of ${path}`);
    for (const [name, value] of response.headers) {
      assert.ok(!value.includes(secret), `a secret leaked in the ${name} header of ${path}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A key shaped like PostHog's, different per harness so no test passes by coincidence. */
export function makeKey(): string {
  return `phx_${randomBytes(24).toString('hex')}`;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const key = makeKey();
  const fake = await startFakePostHog({ key, ...options.fake });
  const dir = mkdtempSync(join(tmpdir(), 'ph-embed-test-'));
  const env: Record<string, string> = {
    POSTHOG_HOST: fake.url,
    POSTHOG_PROJECT_ID: fake.projectId,
    POSTHOG_PERSONAL_API_KEY: key,
    PORT: '0',
    HOST: '127.0.0.1',
    PH_EMBED_DEMO_DIR: join(dir, 'no-demo'),
    ...options.env,
  };
  if (options.configFile !== undefined) {
    const file = join(dir, 'ph-embed.config.json');
    writeFileSync(file, JSON.stringify(options.configFile));
    env.PH_EMBED_CONFIG = file;
  }
  const config = loadConfig(env, { cwd: dir });
  const logs = captureLogs();
  // No `secrets` here on purpose: the scrubber would hide a leak this harness exists to catch.
  const logger = createLogger({ level: 'debug', destination: logs });
  const server = await startServer(config, { logger });

  // The embed-token secrets (PH_EMBED_SECRET) are held to the same rule as the key.
  const secrets = config.embedSecrets();
  const assertNoKeyInLogs = () => {
    const leaking = logs.lines.filter((line) => line.includes(key));
    assert.deepEqual(leaking, [], 'the personal API key appeared in a log line');
    const leakingSecret = logs.lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    assert.deepEqual(leakingSecret, [], 'an embed-token secret appeared in a log line');
  };

  const request = (path: string, init?: RequestInit) =>
    fetchWithoutLeaks(server.url, path, init, [key, ...secrets]);

  return {
    key,
    fake,
    server,
    config,
    logs,
    request,
    run: (name, body = {}) =>
      request(`/v1/endpoints/${name}/run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    assertNoKeyInLogs,
    close: async () => {
      await server.close();
      await fake.close();
      assertNoKeyInLogs();
    },
  };
}

/** Every key anywhere in a JSON value, for "no forbidden field at any depth" checks. */
export function allKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) allKeys(item, keys);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      keys.add(key);
      allKeys(item, keys);
    }
  }
  return keys;
}

/** Keys that must never reach a browser (DESIGN.md section 3). */
export function forbiddenKeys(value: unknown): string[] {
  return [...allKeys(value)].filter(
    (key) =>
      ['hogql', 'persons_urls', 'people', 'filter', 'query', 'persons', 'action_id', 'type'].includes(key) ||
      key.endsWith('_people_url') ||
      key === 'people_url',
  );
}
