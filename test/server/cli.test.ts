/**
 * `ph-embed` as a real process (spawned through tsx, as the bin would run the built file): help,
 * `token`, `check` against the fake PostHog, `record`, and `serve`. Exit codes: 0 done, 1 failed,
 * 2 bad usage. The key and the secret never appear in any output.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createTokenVerifier } from '../../src/server/auth/tokens.js';
import { runCli } from '../../src/server/cli.js';
import { startFakePostHog, type FakePostHog } from './helpers/fake-posthog.js';
import { makeKey } from './helpers/harness.js';
import { ORG_EVENTS, ORG_EVENTS_TYPES, makeSecret } from './helpers/security.js';

const CLI = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const secret = makeSecret();

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in a fresh folder (no stray config file) with only the given environment. */
async function cli(
  args: string[],
  env: Record<string, string> = {},
  cwd = mkdtempSync(join(tmpdir(), 'ph-embed-cli-')),
): Promise<Result> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** The same commands in this process (no serve): for the many refusal cases, without a spawn each. */
async function inProcess(
  args: string[],
  env: Record<string, string> = {},
  cwd = mkdtempSync(join(tmpdir(), 'ph-embed-cli-')),
): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('help and usage', () => {
  test('--help lists the commands; each command has its own --help', async () => {
    const main = await cli(['--help']);
    assert.equal(main.code, 0);
    for (const command of ['serve', 'token', 'check', 'record'])
      assert.match(main.stdout, new RegExp(`^  ${command} `, 'm'));
    const token = await inProcess(['token', '--help']);
    assert.equal(token.code, 0);
    assert.match(token.stdout, /--sub <tenant>/);
    assert.match(token.stdout, /--ttl <duration>/);
  });

  test('no command or an unknown one is a usage error (exit 2)', async () => {
    assert.equal((await inProcess([])).code, 2);
    const unknown = await cli(['deploy']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "deploy"/);
  });
});

describe('ph-embed token', () => {
  const verify = createTokenVerifier({ secrets: [secret], maxTtlS: 86_400 });

  test('prints a token the proxy accepts, with every claim asked for', async () => {
    const result = await cli(
      [
        'token',
        '--sub',
        'acme',
        '--endpoints',
        'org_events,top_events',
        '--var',
        'org_id=acme',
        '--var-json',
        'tags=["a","b"]',
        '--var-json',
        'min_count=5',
        '--ttl',
        '15m',
        '--refresh',
      ],
      { PH_EMBED_SECRET: secret },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const claims = await verify(result.stdout.trim());
    assert.equal(claims.sub, 'acme');
    assert.deepEqual(claims.endpoints, ['org_events', 'top_events']);
    assert.deepEqual(claims.vars, { org_id: 'acme', tags: ['a', 'b'], min_count: 5 });
    assert.equal(claims.refresh, true);
    assert.equal(claims.exp - claims.iat!, 900);
    assert.ok(!result.stdout.includes(secret));
  });

  test('--ttl is capped by PH_EMBED_MAX_TOKEN_TTL_S, with a note; no --endpoints is pointed out', async () => {
    const result = await inProcess(['token', '--sub', 'acme', '--ttl', '2d'], {
      PH_EMBED_SECRET: secret,
      PH_EMBED_MAX_TOKEN_TTL_S: '3600',
    });
    assert.equal(result.code, 0);
    const claims = await verify(result.stdout.trim());
    assert.equal(claims.exp - claims.iat!, 3600);
    assert.match(result.stderr, /--ttl 2d is over PH_EMBED_MAX_TOKEN_TTL_S; the token lasts 3600 s/);
    assert.match(result.stderr, /may run every endpoint/);
  });

  test('refusals: no secret (1), a short secret (1), no --sub (2), a bad --ttl (2), a bad --var (2)', async () => {
    const none = await inProcess(['token', '--sub', 'a']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /PH_EMBED_SECRET is not set/);
    const short = await inProcess(['token', '--sub', 'a'], { PH_EMBED_SECRET: 'tooshort' });
    assert.equal(short.code, 1);
    assert.match(short.stderr, /^ph-embed: PH_EMBED_SECRET must be at least 32 bytes/);
    assert.ok(!short.stderr.includes('tooshort'));
    for (const args of [
      ['--ttl', '1h'],
      ['--sub', 'a', '--ttl', 'forever'],
      ['--sub', 'a', '--var', 'novalue'],
      ['--sub', 'a', '--var-json', 'n={'],
    ]) {
      const result = await inProcess(['token', ...args], { PH_EMBED_SECRET: secret });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage: ph-embed token/);
    }
  });
});

describe('ph-embed check', () => {
  let fake: FakePostHog;
  const key = makeKey();
  const posthog = () => ({
    POSTHOG_HOST: fake.url,
    POSTHOG_PROJECT_ID: fake.projectId,
    POSTHOG_PERSONAL_API_KEY: key,
  });
  before(async () => {
    fake = await startFakePostHog({
      key,
      endpoints: { org_events: ORG_EVENTS },
      variableTypes: ORG_EVENTS_TYPES,
    });
  });
  after(() => fake.close());

  test('lists every endpoint with its kind and typed variables', async () => {
    const result = await cli(['check'], { ...posthog(), PH_EMBED_SECRET: secret });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^auth: +token \(1 secret, tokens up to 86400 s\)$/m);
    assert.match(result.stdout, /^10 endpoints:$/m);
    assert.match(
      result.stdout,
      /^ {2}org_events +HogQLQuery +org_id \(String, required\), min_count \(Number\), since \(Date\), tags \(List\), include_bots \(Boolean\)$/m,
    );
    assert.match(
      result.stdout,
      /^ {2}pageviews_by_browser +TrendsQuery +ActionsLineGraph +\$lib_version \(String\), date_from \(String\), date_to \(String\)$/m,
    );
    assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key));
  });

  test('a wrong key exits 1 with a sentence, not the key', async () => {
    const result = await cli(['check'], { ...posthog(), POSTHOG_PERSONAL_API_KEY: `${key}x` });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /PostHog refused the personal API key \(401\): check POSTHOG_PERSONAL_API_KEY/,
    );
    assert.ok(!result.stderr.includes(key));
  });

  test('another project (403), an unreachable host, a bad setting, a missing allowlisted endpoint: exit 1', async () => {
    const forbidden = await inProcess(['check'], { ...posthog(), POSTHOG_PROJECT_ID: '1' });
    assert.equal(forbidden.code, 1);
    assert.match(
      forbidden.stderr,
      /may not read endpoints of project 1 \(403\): give it the endpoint:read scope/,
    );
    const host = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = await inProcess(['check'], { ...posthog(), POSTHOG_HOST: host });
    assert.equal(unreachable.code, 1);
    assert.equal(unreachable.stderr, `ph-embed: cannot reach ${host} (ECONNREFUSED): check POSTHOG_HOST\n`);
    const bad = await inProcess(['check'], { ...posthog(), PH_EMBED_MAX_TOKEN_TTL_S: 'soon' });
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, 'ph-embed: PH_EMBED_MAX_TOKEN_TTL_S must be a whole number of seconds\n');
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-cli-'));
    writeFileSync(join(dir, 'ph-embed.config.json'), JSON.stringify({ endpoints: ['org_events', 'gone'] }));
    const missing = await inProcess(['check'], posthog(), dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /^1 endpoint \(allowlisted\):$/m);
    assert.match(missing.stderr, /does not have: gone/);
  });

  test('record writes a fixture per endpoint that the fixtures upstream replays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ph-embed-record-'));
    const result = await inProcess(
      ['record', '--dir', 'out', '--endpoints', 'org_events,total_signups'],
      posthog(),
      dir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^wrote .*org_events\.json$/m);
    const recorded = JSON.parse(readFileSync(join(dir, 'out', 'org_events.json'), 'utf8')) as {
      run: { results: unknown };
    };
    assert.deepEqual(recorded.run.results, [['signed_up', 3]]);
    assert.ok(existsSync(join(dir, 'out', 'total_signups.json')));
    assert.ok(!readFileSync(join(dir, 'out', 'org_events.json'), 'utf8').includes(key));
    assert.equal((await inProcess(['record'], posthog(), dir)).code, 2, '--dir is required');
  });
});

describe('ph-embed serve', () => {
  test('listens, serves with tokens on, and exits 0 on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ph-embed-serve-'));
    const child = spawn(process.execPath, ['--import', TSX, CLI, 'serve'], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'warn',
        PH_EMBED_SECRET: secret,
        PH_EMBED_DEMO_DIR: join(cwd, 'none'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`exited before listening: ${buffer}`)));
      });
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      assert.equal((await fetch(`${url}/v1/endpoints`)).status, 401, 'tokens are on');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });

  test('serve refuses auth none on a public HOST', async () => {
    const result = await cli(['serve'], { HOST: '0.0.0.0', PORT: '0' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^ph-embed: PH_EMBED_AUTH=none would let anyone who reaches HOST=0\.0\.0\.0/);
  });
});
