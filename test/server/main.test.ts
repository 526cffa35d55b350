/**
 * `src/server/main.ts` as a real process: a bad setting stops it with one line on stderr, a good one
 * prints where it listens, and SIGTERM shuts it down cleanly.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { makeKey } from './helpers/harness.js';

const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

function start(env: Record<string, string>): ChildProcess {
  // A fresh cwd, so no ph-embed.config.json from the repository is picked up.
  const cwd = mkdtempSync(join(tmpdir(), 'ph-embed-main-'));
  return spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PH_EMBED_DEMO_DIR: join(cwd, 'none'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream | null): { text: () => string } {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text += chunk;
  });
  return { text: () => text };
}

function lineMatching(stream: NodeJS.ReadableStream | null, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    stream?.on('data', (chunk: Buffer | string) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) resolve(match);
    });
    stream?.on('end', () => reject(new Error(`stream ended without ${pattern}: ${buffer}`)));
  });
}

describe('main.ts', () => {
  test('a bad setting prints its name on stderr, no stack, and exits 1', async () => {
    const key = makeKey();
    const child = start({
      POSTHOG_PERSONAL_API_KEY: key,
      POSTHOG_HOST: 'https://us.posthog.com',
      POSTHOG_PROJECT_ID: 'abc',
    });
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 1);
    assert.equal(stderr.text(), 'ph-embed: POSTHOG_PROJECT_ID must be digits\n');
    assert.ok(!stderr.text().includes(key) && !stdout.text().includes(key));
  });

  test('a missing events file for the local engine stops start-up, naming the file', async () => {
    const child = start({ PH_EMBED_EVENTS: '/nonexistent/events.csv' });
    const stderr = collect(child.stderr);
    const [code] = (await once(child, 'exit')) as [number];
    assert.equal(code, 1);
    assert.match(
      stderr.text(),
      /^ph-embed: could not start: PH_EMBED_EVENTS file events\.csv: cannot be read/,
    );
  });

  test('starts, prints where it listens, serves, and exits 0 on SIGTERM', async () => {
    const child = start({ PORT: '0', LOG_LEVEL: 'warn' });
    const stderr = collect(child.stderr);
    const exited = once(child, 'exit');
    try {
      const match = await lineMatching(
        child.stdout,
        /ph-embed proxy listening on (http:\/\/127\.0\.0\.1:\d+) \(upstream: local\)\n/,
      );
      const health = await fetch(`${match[1]}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok', upstream: 'local' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = (await exited) as [number | null, string | null];
    assert.equal(signal, null, 'handled the signal instead of dying from it');
    assert.equal(code, 0);
    assert.equal(stderr.text(), '');
  });
});
