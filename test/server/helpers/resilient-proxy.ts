/**
 * The real proxy (startServer on port 0) for the cache, limits, faults, metrics and Redis suites: like
 * harness.ts, but it can share one fake PostHog between several proxies, drive the cache with a fake
 * clock, and fix the retry jitter. Every answer and log line is checked for the personal API key and
 * the embed-token secrets.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/server/config.js';
import { createLogger } from '../../../src/server/logger.js';
import { startServer, type RunningServer } from '../../../src/server/main.js';
import type { ServicesOptions } from '../../../src/server/run/services.js';
import { startFakePostHog, type FakePostHog } from './fake-posthog.js';
import { captureLogs, fetchWithoutLeaks, makeKey, type CapturedLogs, type ProxyAnswer } from './harness.js';

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
}

/** Epoch ms that only move when told to. */
export function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')): FakeClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export interface ProxyOptions {
  /** Shared fake PostHog; one is started (and closed with the proxy) when absent. */
  fake?: FakePostHog;
  env?: Record<string, string>;
  services?: Pick<ServicesOptions, 'clock' | 'random' | 'retryPolicy'>;
}

export interface TestProxy {
  key: string;
  fake: FakePostHog;
  server: RunningServer;
  config: Config;
  logs: CapturedLogs;
  request(path: string, init?: RequestInit): Promise<ProxyAnswer>;
  run(name: string, body?: unknown, headers?: Record<string, string>): Promise<ProxyAnswer>;
  close(): Promise<void>;
}

/** Rate limits far above what a test sends, for tests about something else. */
const HIGH_LIMITS = { PH_EMBED_RATE_LIMIT: '100000', PH_EMBED_RATE_LIMIT_IP: '100000' };

/** A proxy with high limits on a fake clock (fixed jitter), and the clock that ages its entries. */
export async function startClockedProxy(
  env: Record<string, string> = {},
): Promise<{ proxy: TestProxy; clock: FakeClock }> {
  const clock = fakeClock();
  const proxy = await startProxy({
    env: { ...HIGH_LIMITS, ...env },
    services: { clock: clock.now, random: () => 0.5 },
  });
  return { proxy, clock };
}

export async function startFake(): Promise<FakePostHog> {
  return startFakePostHog({ key: makeKey() });
}

export async function startProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const ownFake = options.fake === undefined;
  const fake = options.fake ?? (await startFake());
  const key = fake.key;
  const dir = mkdtempSync(join(tmpdir(), 'ph-embed-resilience-'));
  const config = loadConfig(
    {
      POSTHOG_HOST: fake.url,
      POSTHOG_PROJECT_ID: fake.projectId,
      POSTHOG_PERSONAL_API_KEY: key,
      PORT: '0',
      HOST: '127.0.0.1',
      PH_EMBED_DEMO_DIR: join(dir, 'no-demo'),
      ...options.env,
    },
    { cwd: dir },
  );
  const logs = captureLogs();
  const logger = createLogger({ level: 'debug', destination: logs });
  const server = await startServer(config, { logger, services: options.services });
  // The PostHog key and the embed-token secrets must never reach a browser or a log line.
  const secrets = [key, ...config.embedSecrets()];

  const request = (path: string, init?: RequestInit) => fetchWithoutLeaks(server.url, path, init, secrets);

  return {
    key,
    fake,
    server,
    config,
    logs,
    request,
    run: (name, body = {}, headers = {}) =>
      request(`/v1/endpoints/${name}/run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    close: async () => {
      await server.close();
      if (ownFake) await fake.close();
      assert.deepEqual(
        logs.lines.filter((line) => secrets.some((secret) => line.includes(secret))),
        [],
        'the personal API key or an embed secret appeared in a log line',
      );
    },
  };
}

/** `/run` calls PostHog received, for one endpoint or all. */
export function runCalls(fake: FakePostHog, name?: string): number {
  return fake.requests.filter(
    (request) =>
      request.method === 'POST' && (name === undefined || request.url.includes(`/endpoints/${name}/run/`)),
  ).length;
}

export interface MetaOf {
  cache: 'hit' | 'miss' | 'stale';
  age_s: number;
  upstream_ms: number;
}

export function metaOf(answer: ProxyAnswer): MetaOf {
  const meta = (answer.json as { meta?: MetaOf } | undefined)?.meta;
  assert.ok(meta, `a run answer with meta (status ${answer.status}: ${answer.text.slice(0, 200)})`);
  return meta;
}

/** A run answer without its per-response `meta`, for comparing bodies. */
export function withoutMeta(json: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  delete copy.meta;
  return copy;
}

export function errorCodeOf(answer: ProxyAnswer): string | undefined {
  return (answer.json as { error?: { code?: string } } | undefined)?.error?.code;
}

/** Resolves once `predicate` holds, checking after each turn of the event loop (no fixed sleeps). */
export async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
