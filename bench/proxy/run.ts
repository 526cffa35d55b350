/**
 * Proxy benchmark: `npx tsx bench/proxy/run.ts [--runs 5] [--duration 5] [--connections 50]`.
 *
 * 1. Cached hits: the real proxy as it ships (the compiled server, dist/server/main.js, built here
 *    first; fixtures upstream, rate limits set far above the load) against a bare node:http server
 *    answering the same bytes, with autocannon on loopback, taking turns for `runs` rounds; medians of
 *    throughput, p99 latency and the server's CPU time per request (from /proc, so Linux only). Three
 *    references run beside them: the bare server sending the proxy's response headers too (what those
 *    headers alone cost), the same server reading the request body first, as the proxy must (the floor
 *    under any proxy on node:http), and Hono's hello world on @hono/node-server answering the same bytes
 *    (what a web-standard handler costs before any check).
 * 2. Cold start: 1,000 concurrent identical requests to a fresh proxy in front of a PostHog that takes
 *    300 ms to answer, counting the runs PostHog saw (the target is exactly one).
 *
 * It prints the figures and rewrites the proxy section of BENCHMARKS.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'dist/server/main.js');
/** Resolved here: the children run in an empty folder, where `--import tsx` would not find it. */
const TSX = import.meta.resolve('tsx');
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const HONO = fileURLToPath(new URL('./hono-server.ts', import.meta.url));
const SERVERS = ['proxy', 'bare', 'headers', 'floor', 'hono'] as const;
type ServerName = (typeof SERVERS)[number];

interface Child {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

interface Round {
  rps: number;
  p99: number;
  /** Server CPU (user + system, all threads) per answered request, in µs; NaN where /proc is missing. */
  cpuUs: number;
}

type Rounds = Record<ServerName, Round[]>;

async function main(): Promise<void> {
  buildServer();
  const hits = await benchHits();
  const cold = await benchCold();
  // Rounds are paired (the servers ran back to back), so the ratio is taken per round, then the median.
  const ratio = median(hits.proxy.map((r, i) => r.rps / (hits.bare[i]?.rps ?? Infinity)));
  console.log(`cached hits: proxy/bare throughput ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})`);
  console.log(`cold: ${COLD_REQUESTS} concurrent requests -> ${cold.runs} upstream run(s)`);
  writeSection(hits, cold, ratio);
}

async function benchHits(): Promise<Rounds & { bytes: number }> {
  const proxy = await startChild(MAIN, [], {
    PH_EMBED_UPSTREAM: 'fixtures',
    LOG_LEVEL: 'info',
    ...HIGH_LIMITS,
  });
  const others: Child[] = [];
  try {
    await post(proxy.url);
    const sample = await post(proxy.url);
    if (!sample.includes('"cache":"hit"'))
      throw new Error('the proxy did not answer the warm-up from its cache');
    const file = join(mkdtempSync(join(tmpdir(), 'ph-embed-bench-')), 'answer.json');
    writeFileSync(file, sample);
    const bare = await startChild(BARE, [file], {});
    others.push(bare);
    const headers = await startChild(BARE, [file, '--proxy-headers'], {});
    others.push(headers);
    const floor = await startChild(BARE, [file, '--proxy-headers', '--read-body'], {});
    others.push(floor);
    const hono = await startChild(HONO, [file], {});
    others.push(hono);
    const servers: Record<ServerName, Child> = { proxy, bare, headers, floor, hono };
    for (const name of ['bare', 'headers', 'floor', 'hono'] as const) {
      if ((await post(servers[name].url)) !== sample)
        throw new Error(`the ${name} server does not answer the same bytes`);
    }

    const rounds: Rounds = { proxy: [], bare: [], headers: [], floor: [], hono: [] };
    // One short round each to warm the JIT before anything counts.
    for (const name of SERVERS) await cannon(servers[name], 1);
    for (let round = 0; round < RUNS; round++) {
      // Take turns going first, so drift in the machine's load favours none of them.
      const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]!);
      for (const who of order) {
        const result = await cannon(servers[who], DURATION_S);
        rounds[who].push(result);
        console.log(
          `round ${round + 1} ${who}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms, ${result.cpuUs.toFixed(1)} µs CPU/request`,
        );
      }
    }
    return { ...rounds, bytes: Buffer.byteLength(sample) };
  } finally {
    for (const child of others) await child.stop();
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

async function cannon(server: Child, durationS: number): Promise<Round> {
  const before = cpuTicks(server.pid);
  const result = await autocannon({
    url: `${server.url}${RUN_PATH}`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    connections: CONNECTIONS,
    duration: durationS,
  });
  const ticks = cpuTicks(server.pid) - before;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${server.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    cpuUs: (ticks * TICK_US) / Math.max(1, result.requests.total),
  };
}

/** Clock ticks (USER_HZ, 100 a second on Linux) the process has run, user plus system; NaN without /proc. */
const TICK_US = 10_000;
function cpuTicks(pid: number | undefined): number {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return Number.NaN;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
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

/** The proxy is measured as it ships: built by package.json's script, run by plain Node (tsx would add its own helpers). */
function buildServer(): void {
  const built = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the server failed');
}

/**
 * Runs an entry point (TypeScript through tsx, or built JavaScript) in its own process on a free port and waits until it answers. Its
 * output goes to /dev/null: a pipe into this process, busy running autocannon, would fill and stall
 * the server's synchronous log writes, measuring this process rather than the proxy.
 */
async function startChild(file: string, argv: string[], env: Record<string, string>): Promise<Child> {
  // A fresh cwd, so no ph-embed.config.json is picked up; no demo, so only the API is served.
  const cwd = mkdtempSync(join(tmpdir(), 'ph-embed-bench-'));
  const port = await freePort();
  const loader = file.endsWith('.ts') ? ['--import', TSX] : [];
  const child = spawn(process.execPath, [...loader, file, ...argv], {
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
  return { url, pid: child.pid, stop: () => stop(child) };
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
  hits: Rounds & { bytes: number },
  cold: { runs: number; definitions: number; misses: number; hits: number; p99: number },
  ratio: number,
): void {
  const machine = `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(2)} at the end of the run`;
  const row = (label: string, rounds: Round[], toBare: number) =>
    `| ${label} | ${median(rounds.map((r) => r.rps)).toFixed(0)} req/s | ${median(rounds.map((r) => r.p99))} ms | ` +
    `${median(rounds.map((r) => r.cpuUs)).toFixed(1)} µs | ${toBare.toFixed(2)} |`;
  const ratioOf = (rounds: Round[]) => median(rounds.map((r, i) => r.rps / (hits.bare[i]?.rps ?? Infinity)));
  writeBenchmarkSection('proxy', [
    '## Proxy',
    '',
    `Command: \`npx tsx bench/proxy/run.ts\` (autocannon on loopback, ${CONNECTIONS} connections, ${RUNS} rounds of ${DURATION_S} s ` +
      "per server after a 1 s warm-up, the servers taking turns; medians; CPU is the server process's user + system time " +
      'per answered request, from /proc). The proxy is the compiled server (`dist/server/main.js`, built by the bench) in its own ' +
      'process with the fixtures upstream, `auth: none`, default logging (one access-log line per request) and rate limits ' +
      'set far above the load. The bare server is node:http answering the same ' +
      `${hits.bytes.toLocaleString('en-US')} bytes the proxy sent for a cached \`${ENDPOINT}\`; the same server sending the ` +
      "proxy's response headers as well (a fresh request id, ETag, `Cache-Control: private`, `nosniff`, `Referrer-Policy`) " +
      'shows what those headers alone cost, and with the request body read into a string first (as the proxy must, to ' +
      'decide on it) the floor under any proxy on node:http before its first check; ' +
      "Hono's hello world on @hono/node-server answers the same bytes, as the cost of a " +
      `web-standard handler before any check. Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    '| Cached hits | Throughput (median) | p99 latency (median) | Server CPU per request (median) | Throughput / bare (median of per-round ratios) |',
    '|---|---|---|---|---|',
    row('ph-embed proxy', hits.proxy, ratio),
    row('bare node:http, same bytes (baseline)', hits.bare, 1),
    row("bare node:http with the proxy's response headers (reference)", hits.headers, ratioOf(hits.headers)),
    row(
      "bare node:http reading the body, with the proxy's headers (the floor)",
      hits.floor,
      ratioOf(hits.floor),
    ),
    row('Hono hello world on @hono/node-server, same bytes (reference)', hits.hono, ratioOf(hits.hono)),
    '',
    `Target: proxy / bare >= ${TARGET_RATIO}: **${ratio >= TARGET_RATIO ? 'met' : 'not met'}** (${ratio.toFixed(2)}). ` +
      `Per round, proxy / bare / bare with headers / the floor / Hono req/s: ${hits.proxy
        .map((_, i) => SERVERS.map((name) => hits[name][i]?.rps.toFixed(0)).join(' / '))
        .join(
          ', ',
        )}. Load average at the start: ${LOAD_AT_START.toFixed(2)}. Where a hit's time goes, and why the ` +
      'target is out of reach on Node with per-request checks: docs/DECISIONS.md, "Caching and limits".',
    '',
    `Cold start: ${COLD_REQUESTS.toLocaleString('en-US')} concurrent identical requests (one per connection) to a fresh proxy in front of a PostHog ` +
      `that takes ${UPSTREAM_DELAY_MS} ms to answer: **${cold.runs} upstream run** (target: exactly 1) and ${cold.definitions} definition lookup; ` +
      `${cold.misses} requests waited on that single flight and ${cold.hits} arrived after it and were cache hits; all answered 200, p99 ${cold.p99} ms.`,
  ]);
}

await main();
