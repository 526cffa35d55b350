import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import pino from 'pino';
import { writeAccessLine, type AccessFields } from '../../src/server/access-line.js';
import { createLogger } from '../../src/server/logger.js';
import { captureLogs, makeKey } from './helpers/harness.js';

describe('createLogger', () => {
  test('writes one JSON object per line to the given destination', () => {
    const logs = captureLogs();
    const logger = createLogger({ destination: logs });
    logger.info({ answer: 42 }, 'hello');
    logger.debug('below the default level');
    assert.equal(logs.lines.length, 1);
    const [entry] = logs.entries();
    assert.equal(entry?.msg, 'hello');
    assert.equal(entry?.answer, 42);
    assert.equal(entry?.level, 30);
  });

  test('honours the level, including silent', () => {
    const logs = captureLogs();
    createLogger({ level: 'silent', destination: logs }).error('nothing');
    assert.deepEqual(logs.lines, []);
    const debug = captureLogs();
    createLogger({ level: 'debug', destination: debug }).debug('shown');
    assert.equal(debug.lines.length, 1);
  });

  test('redacts authorization and cookie fields by name', () => {
    const logs = captureLogs();
    const logger = createLogger({ destination: logs });
    logger.info({ headers: { authorization: 'Bearer abc', cookie: 'sid=1', accept: '*/*' } }, 'req');
    logger.info({ authorization: 'Bearer def' }, 'flat');
    const text = logs.lines.join('');
    for (const secret of ['Bearer abc', 'sid=1', 'Bearer def']) assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes('*/*'), 'other headers stay');
  });

  test('scrubs the given secrets by value wherever they appear', () => {
    const key = makeKey();
    const logs = captureLogs();
    const logger = createLogger({ destination: logs, secrets: [key, undefined] });
    logger.error({ err: new Error(`upstream said ${key}`), url: `https://x/?k=${key}` }, `oops ${key}`);
    assert.equal(logs.lines.length, 1);
    assert.ok(!logs.lines[0]?.includes(key));
    assert.match(logs.lines[0] ?? '', /\[redacted\]/);
  });
});

describe('the access line', () => {
  /** The line as written, with its time (taken at the call) made equal. */
  const timeless = (line: string | undefined) => line?.replace(/^(\{"level":\d+,"time":)\d+,/, '$1T,');

  // Whole characters: pino writes a lone surrogate as it is, JSON.stringify escapes it (tested below).
  const field = fc.string({ unit: 'grapheme', maxLength: 60 });
  const fields = fc.record({
    reqId: field,
    method: field,
    path: field,
    status: fc.integer({ min: 100, max: 599 }),
    ms: fc.nat(),
    tenant: fc.option(field, { nil: undefined }),
  });

  test('is, byte for byte, the line pino writes for info(fields, "request")', () => {
    fc.assert(
      fc.property(fields, (access: AccessFields) => {
        const logs = captureLogs();
        const logger = createLogger({ destination: logs });
        writeAccessLine(logger, access);
        logger.info({ ...access }, 'request');
        assert.equal(logs.lines.length, 2);
        assert.equal(timeless(logs.lines[0]), timeless(logs.lines[1]));
      }),
    );
  });

  test('a lone surrogate is escaped, so the line stays valid UTF-8 and reads back the same', () => {
    const logs = captureLogs();
    const path = '/v1/endpoints/a\ud800b/run';
    writeAccessLine(createLogger({ destination: logs }), {
      reqId: 'r',
      method: 'POST',
      path,
      status: 404,
      ms: 0,
      tenant: undefined,
    });
    assert.ok(logs.lines[0]?.includes('a\\ud800b'));
    assert.equal(logs.entries()[0]?.path, path);
  });

  test('honours the level and scrubs secrets as every other line does', () => {
    const key = makeKey();
    const access = { reqId: 'r1', method: 'POST', path: `/v1/${key}`, status: 200, ms: 3, tenant: key };
    const quiet = captureLogs();
    writeAccessLine(createLogger({ level: 'warn', destination: quiet }), access);
    assert.deepEqual(quiet.lines, []);
    const logs = captureLogs();
    writeAccessLine(createLogger({ destination: logs, secrets: [key] }), access);
    assert.equal(logs.lines.length, 1);
    assert.ok(!logs.lines[0]?.includes(key));
    assert.equal(logs.entries()[0]?.tenant, '[redacted]');
  });

  test('a logger not made by createLogger gets it through pino, with its own bindings', () => {
    const logs = captureLogs();
    const own = pino({ base: { app: 'embedder' } }, logs);
    writeAccessLine(own, {
      reqId: 'r1',
      method: 'GET',
      path: '/healthz',
      status: 200,
      ms: 1,
      tenant: undefined,
    });
    const [entry] = logs.entries();
    assert.equal(entry?.app, 'embedder');
    assert.equal(entry?.msg, 'request');
    assert.equal(entry?.path, '/healthz');
    assert.ok(!('tenant' in (entry ?? {})));
  });
});

describe('stdout in batches', () => {
  const LOGGER = new URL('../../src/server/logger.ts', import.meta.url).href;

  /** Runs `body` in a child process with `log` (a logger on stdout); resolves with stdout once `done` says so. */
  function child(body: string, done: (out: string) => boolean): Promise<string> {
    const code = `import { createLogger } from ${JSON.stringify(LOGGER)};\nconst log = createLogger();\n${body}`;
    // Killed after 20 s whatever happens, so a regression fails on the partial output instead of spinning on.
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    let out = '';
    return new Promise((resolve, reject) => {
      proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (done(out)) proc.kill('SIGKILL');
      });
      proc.once('error', reject);
      proc.once('close', () => resolve(out));
    });
  }

  const messages = (out: string) =>
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);

  test('a warning is written at once, with every line before it, in order', async () => {
    // The event loop never turns after the warning, so no timer can have written it.
    const out = await child(
      `for (let i = 0; i < 2000; i++) log.info('line ' + i);\nlog.info('last');\nlog.warn('warned');\nfor (;;);`,
      (text) => text.includes('"warned"'),
    );
    const written = messages(out);
    assert.equal(written.length, 2002);
    assert.deepEqual(written.slice(-3), ['line 1999', 'last', 'warned']);
    assert.equal(written[1234], 'line 1234');
  });

  test('a quiet line is written by the batch timer, and what is left is written at exit', async () => {
    const quiet = await child(`log.info('alone');\nsetInterval(() => {}, 1000);`, (text) =>
      text.includes('"alone"'),
    );
    assert.deepEqual(messages(quiet), ['alone']);
    const exiting = await child(`log.info('before exit');\nprocess.exit(3);`, () => false);
    assert.deepEqual(messages(exiting), ['before exit']);
  });
});
