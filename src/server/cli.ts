#!/usr/bin/env node
/**
 * `ph-embed`: the proxy's command line (DESIGN.md section 1).
 *   serve    start the proxy (what `npm start` runs)
 *   token    mint an embed token with PH_EMBED_SECRET
 *   check    validate the config and list the endpoints the key can see
 *   record   run every endpoint once and write replayable fixtures
 * Exit codes: 0 done, 1 failed (bad config, PostHog refused), 2 bad usage.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LockedValue } from './auth/claims.js';
import { mintEmbedToken, parseDuration } from './auth/tokens.js';
import { checkCommand, describeFailure, type Output } from './cli-check.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { startServer } from './main.js';
import { isEntryPoint } from './entry-point.js';
import { createUpstream } from './upstreams/create-upstream.js';
import { VARIABLE_NAME_PATTERN } from './variables/spec.js';

const HELP: Record<string, string> = {
  main: `Usage: ph-embed <command> [options]

Commands:
  serve    start the proxy (same as npm start)
  token    mint an embed token signed with PH_EMBED_SECRET
  check    validate the config and list the endpoints the PostHog key can see
  record   run every endpoint once and write fixtures for the fixtures upstream

Settings come from the environment and ./ph-embed.config.json (PH_EMBED_CONFIG); see the README.
Run ph-embed <command> --help for a command's options.`,
  serve: `Usage: ph-embed serve

Starts the proxy on HOST:PORT (default 127.0.0.1:8787) with the configured upstream. SIGTERM or
Ctrl-C stops it gracefully.`,
  token: `Usage: ph-embed token --sub <tenant> [options]

Prints an embed token (HS256, aud "ph-embed") signed with the first PH_EMBED_SECRET.

Options:
  --sub <tenant>          the tenant, such as a customer id (required)
  --endpoints <a,b>       endpoint names the token may run (default: every allowed endpoint)
  --var <name=value>      lock a variable to a string value (repeatable)
  --var-json <name=json>  lock a variable to a JSON value: a number, true/false, null, a list of strings
  --ttl <duration>        lifetime: 90s, 15m, 1h, 7d (default 1h; capped by PH_EMBED_MAX_TOKEN_TTL_S)
  --refresh               allow refresh: "force"`,
  check: `Usage: ph-embed check

Validates every setting, then lists the endpoints the upstream has (kind, display, variables).
Exits 1 when a setting is bad, PostHog refuses the key, or the allowlist names a missing endpoint.`,
  record: `Usage: ph-embed record --dir <folder> [options]

Runs each endpoint once against the configured upstream and writes <folder>/<name>.json fixtures,
which PH_EMBED_UPSTREAM=fixtures PH_EMBED_FIXTURES_DIR=<folder> replays.

Options:
  --dir <folder>          where the fixtures go (required)
  --endpoints <a,b>       which endpoints (default: the allowlist, else every endpoint)
  --var <name=value>      a variable sent with every run (repeatable)`,
};

class UsageError extends Error {}

export interface CliIo extends Output {
  env: Record<string, string | undefined>;
  cwd: string;
}

const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  cwd: process.cwd(),
};

/** Runs one command; resolves with the exit code (`serve` resolves once it is listening). */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP.main ?? '');
    return command === undefined ? 2 : 0;
  }
  const help = HELP[command];
  if (!help || command === 'main') {
    io.err(`ph-embed: unknown command "${command.slice(0, 40)}"\n\n${HELP.main}`);
    return 2;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(help);
      return 0;
    }
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'token':
        return await token(rest, io);
      case 'check':
        return await check(rest, io);
      default:
        return await record(rest, io);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`ph-embed ${command}: ${(error as Error).message}\n\n${help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`ph-embed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

async function serve(args: readonly string[], io: CliIo): Promise<number> {
  parseArgs({ args: [...args], options: {}, strict: true });
  const config = loadConfig(io.env, { cwd: io.cwd });
  const { url } = await startServer(config, { handleSignals: true });
  io.out(`ph-embed proxy listening on ${url} (upstream: ${config.upstream})`);
  return 0;
}

async function token(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      sub: { type: 'string' },
      endpoints: { type: 'string' },
      var: { type: 'string', multiple: true },
      'var-json': { type: 'string', multiple: true },
      ttl: { type: 'string', default: '1h' },
      refresh: { type: 'boolean', default: false },
    },
  });
  if (!values.sub) throw new UsageError('--sub is required');
  const config = loadConfig(io.env, { cwd: io.cwd });
  const secret = config.embedSecrets()[0];
  if (!secret) {
    io.err('ph-embed: PH_EMBED_SECRET is not set: tokens are signed with it (try: openssl rand -base64 48)');
    return 1;
  }
  const asked = parseDuration(values.ttl);
  if (asked === undefined) throw new UsageError(`--ttl must be a duration such as 90s, 15m, 1h or 7d`);
  const ttl = Math.min(asked, config.maxTokenTtlS);
  if (ttl < asked) {
    io.err(`ph-embed: --ttl ${values.ttl} is over PH_EMBED_MAX_TOKEN_TTL_S; the token lasts ${ttl} s`);
  }
  const endpoints = values.endpoints === undefined ? undefined : list(values.endpoints);
  if (!endpoints) io.err('ph-embed: no --endpoints: this token may run every endpoint the proxy allows');
  const vars = {
    ...assignments(values.var ?? [], (raw) => raw),
    ...assignments(values['var-json'] ?? [], json),
  };
  const minted = await mintEmbedToken(
    // mintEmbedToken checks each value's shape (string, number, boolean, null, list of strings).
    {
      sub: values.sub,
      endpoints,
      vars: vars as Record<string, LockedValue>,
      refresh: values.refresh,
      ttlSeconds: ttl,
    },
    secret,
  ).catch((error: unknown) => {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/^mintEmbedToken: /, '') : String(error),
    );
  });
  io.out(minted);
  return 0;
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  parseArgs({ args: [...args], options: {}, strict: true });
  const config = loadConfig(io.env, { cwd: io.cwd });
  return checkCommand(config, await createUpstream(config), io);
}

async function record(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      dir: { type: 'string' },
      endpoints: { type: 'string' },
      var: { type: 'string', multiple: true },
    },
  });
  if (!values.dir) throw new UsageError('--dir is required');
  const config: Config = loadConfig(io.env, { cwd: io.cwd });
  const { recordEndpoints } = await import('./record.js');
  const names = values.endpoints === undefined ? config.endpoints : list(values.endpoints);
  const variables = values.var ? assignments(values.var, (raw) => raw) : undefined;
  let summary;
  try {
    summary = await recordEndpoints({
      upstream: await createUpstream(config),
      dir: resolve(io.cwd, values.dir),
      names,
      variables,
    });
  } catch (error) {
    io.err(`ph-embed: ${describeFailure(error, config)}`);
    return 1;
  }
  for (const path of summary.written) io.out(`wrote ${path}`);
  for (const { name, message } of summary.failed) io.err(`ph-embed: ${name} failed: ${message}`);
  return summary.failed.length > 0 ? 1 : 0;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function assignments(items: readonly string[], parse: (raw: string) => unknown): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    const name = item.slice(0, Math.max(at, 0));
    if (at < 1 || !VARIABLE_NAME_PATTERN.test(name))
      throw new UsageError(`expected name=value, got "${item.slice(0, 60)}"`);
    vars[name] = parse(item.slice(at + 1));
  }
  return vars;
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new UsageError(`--var-json values must be JSON, got ${raw.slice(0, 60)}`);
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

if (isEntryPoint(import.meta.url)) {
  try {
    const code = await runCli(process.argv.slice(2));
    if (code !== 0) process.exit(code);
  } catch (error) {
    console.error(`ph-embed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
