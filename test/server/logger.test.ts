import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
