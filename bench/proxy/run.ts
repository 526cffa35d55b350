/**
 * Proxy benchmark: `npx tsx bench/proxy/run.ts [--runs 5] [--duration 5] [--connections 50]`.
 *
 * 1. Cached hits: the real proxy (src/server/main.ts in its own process, fixtures upstream, rate limits
 *    set far above the load) against a bare node:http server answering the same bytes, with autocannon
 *    on loopback, alternating the two for `runs` rounds; medians of throughput and p99 latency.
 * 2. Cold start: 1,000 concurrent identical requests to a fresh proxy in front of a PostHog that takes
 *    300 ms to answer, counting the runs PostHog saw (the target is exactly one).
 *
 * It prints the figures and rewrites the proxy section of BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startCountingPostHog } from './counting-posthog.js';
import { writeBenchmarkSection } from '../../scripts/benchmarks-md.mjs';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const RUNS = Number(args.get('runs') ?? 5);
const DURATION_S = Number(args.get('duration') ?? 5);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const COLD_REQUESTS = 1000;
const LOAD_AT_START = loadavg()[0] ?? 0;
const UPSTREAM_DELAY_MS = 300;
const TARGET_RATIO = 0.8;
const ENDPOINT = 'daily_active_users';
const RUN_PATH = `/v1/endpoints/${ENDPOINT}/run`;
const HIGH_LIMITS = { PH_EMBED_RATE_LIMIT: '1000000000', PH_EMBED_RATE_LIMIT_IP: '1000000000' };

const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
/** Resolved here: the children run in an empty folder, where `--import tsx` would not find it. */
const TSX = import.meta.resolve('tsx');
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

interface Child {
  url: string;
  stop(): Promise<void>;
}

interface Round {
  rps: number;
  p99: number;
}

async function main(): Promise<void> {
  const hits = await benchHits();
  const cold = await benchCold();
  // Rounds are paired (the two servers ran back to back), so the ratio is taken per round, then the median.
  const ratio = median(hits.proxy.map((r, i) => r.rps / (hits.bare[i]?.rps ?? Infinity)));
  console.log(`cached hits: proxy/bare throughput ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})`);
  console.log(`cold: ${COLD_REQUESTS} concurrent requests -> ${cold.runs} upstream run(s)`);
  writeSection(hits, cold, ratio);
}

async function benchHits(): Promise<{ proxy: Round[]; bare: Round[]; bytes: number }> {
  const proxy = await startChild(MAIN, [], {
    PH_EMBED_UPSTREAM: 'fixtures',
    LOG_LEVEL: 'info',
    ...HIGH_LIMITS,
  });
  let bare: Child | undefined;
  try {
    await post(proxy.url);
    const sample = await post(proxy.url);
    if (!sample.includes('"cache":"hit"'))
      throw new Error('the proxy did not answer the warm-up from its cache');
    const file = join(mkdtempSync(join(tmpdir(), 'ph-embed-bench-')), 'answer.json');
    writeFileSync(file, sample);
    bare = await startChild(BARE, [file], {});
    if ((await post(bare.url)) !== sample) throw new Error('the bare server does not answer the same bytes');

    const rounds = { proxy: [] as Round[], bare: [] as Round[] };
    // One short round each to warm the JIT before anything counts.
    await cannon(proxy.url, 1);
    await cannon(bare.url, 1);
    for (let round = 0; round < RUNS; round++) {
      // Alternate who goes first, so drift in the machine's load does not favour either.
      const order = round % 2 === 0 ? (['proxy', 'bare'] as const) : (['bare', 'proxy'] as const);
      for (const who of order) {
        const result = await cannon(who === 'proxy' ? proxy.url : bare.url, DURATION_S);
        rounds[who].push(result);
        console.log(`round ${round + 1} ${who}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms`);
      }
    }
    return { ...rounds, bytes: Buffer.byteLength(sample) };
  } finally {
    await bare?.stop();
    await proxy.stop();
  }
}

async function benchCold(): Promise<{
  runs: number;
  definitions: number;
  misses: number;
  hits: number;
  p99: number;
}> {
  const posthog = await startCountingPostHog(UPSTREAM_DELAY_MS);
  const proxy = await startChild(MAIN, [], {
    POSTHOG_HOST: posthog.url,
    POSTHOG_PROJECT_ID: posthog.projectId,
    POSTHOG_PERSONAL_API_KEY: posthog.key,
    LOG_LEVEL: 'warn',
    ...HIGH_LIMITS,
  });
  try {
    const result = await autocannon({
      url: `${proxy.url}${RUN_PATH}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      connections: COLD_REQUESTS,
      amount: COLD_REQUESTS,
      timeout: 30,
    });
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
      throw new Error(
        `cold run: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    const metrics = await (await fetch(`${proxy.url}/metrics`)).text();
    const cacheCount = (result: string) =>
      Number(
        new RegExp(
          `ph_embed_cache_requests_total\\{endpoint="${ENDPOINT}",result="${result}"\\} (\\d+)`,
        ).exec(metrics)?.[1] ?? 0,
      );
    return {
      runs: posthog.counts.run,
      definitions: posthog.counts.definition,
      misses: cacheCount('miss'),
      hits: cacheCount('hit'),
      p99: result.latency.p99,
    };
  } finally {
    await proxy.stop();
    await posthog.close();
  }
}

async function cannon(base: string, durationS: number): Promise<Round> {
  const result = await autocannon({
    url: `${base}${RUN_PATH}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    connections: CONNECTIONS,
    duration: durationS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${base}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function post(base: string): Promise<string> {
  const response = await fetch(`${base}${RUN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`${base} answered ${response.status}`);
  return response.text();
}

/**
 * Runs a TypeScript entry point in its own process on a free port and waits until it answers. Its
 * output goes to /dev/null: a pipe into this process, busy running autocannon, would fill and stall
 * the server's synchronous log writes, measuring this process rather than the proxy.
 */
async function startChild(file: string, argv: string[], env: Record<string, string>): Promise<Child> {
  // A fresh cwd, so no ph-embed.config.json is picked up; no demo, so only the API is served.
  const cwd = mkdtempSync(join(tmpdir(), 'ph-embed-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', TSX, file, ...argv], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PH_EMBED_DEMO_DIR: join(cwd, 'none'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${file} exited (${code})`))),
  );
  for (const started = Date.now(); ;) {
    const up = await Promise.race([
      fetch(`${url}/healthz`).then(
        (response) => response.status < 500,
        () => false,
      ),
      exited,
    ]);
    if (up) break;
    if (Date.now() - started > 30_000) throw new Error(`${file} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stop(child) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Replaces only the proxy section of BENCHMARKS.md (other sections belong to other benchmarks). */
function writeSection(
  hits: { proxy: Round[]; bare: Round[]; bytes: number },
  cold: { runs: number; definitions: number; misses: number; hits: number; p99: number },
  ratio: number,
): void {
  const machine = `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(2)} at the end of the run`;
  const proxyRps = median(hits.proxy.map((r) => r.rps));
  const bareRps = median(hits.bare.map((r) => r.rps));
  writeBenchmarkSection('proxy', [
    '## Proxy',
    '',
    `Command: \`npx tsx bench/proxy/run.ts\` (autocannon on loopback, ${CONNECTIONS} connections, ${RUNS} rounds of ${DURATION_S} s ` +
      'per server after a 1 s warm-up, proxy and bare server alternating; medians). The proxy is `src/server/main.ts` in its own ' +
      'process with the fixtures upstream, `auth: none`, default logging (one access-log line per request) and rate limits ' +
      'set far above the load. The bare server is node:http answering the same ' +
      `${hits.bytes.toLocaleString('en-US')} bytes the proxy sent for a cached \`${ENDPOINT}\`. Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    '| Cached hits | Throughput (median) | p99 latency (median) |',
    '|---|---|---|',
    `| ph-embed proxy | ${proxyRps.toFixed(0)} req/s | ${median(hits.proxy.map((r) => r.p99))} ms |`,
    `| bare node:http, same bytes | ${bareRps.toFixed(0)} req/s | ${median(hits.bare.map((r) => r.p99))} ms |`,
    `| proxy / bare (median of the per-round ratios) | ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'not met'}) | |`,
    '',
    `Per round, proxy / bare req/s: ${hits.proxy.map((r, i) => `${r.rps.toFixed(0)} / ${hits.bare[i]?.rps.toFixed(0)}`).join(', ')}. ` +
      `Load average at the start: ${LOAD_AT_START.toFixed(2)}.`,
    '',
    `Cold start: ${COLD_REQUESTS.toLocaleString('en-US')} concurrent identical requests (one per connection) to a fresh proxy in front of a PostHog ` +
      `that takes ${UPSTREAM_DELAY_MS} ms to answer: **${cold.runs} upstream run** (target: exactly 1) and ${cold.definitions} definition lookup; ` +
      `${cold.misses} requests waited on that single flight and ${cold.hits} arrived after it and were cache hits; all answered 200, p99 ${cold.p99} ms.`,
  ]);
}

await main();
