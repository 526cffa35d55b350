/** The cache, limit, Redis and record settings: defaults, environment, config file, and refusals. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'ph-embed-settings-'));

function refusal(env: Record<string, string>, cwd = emptyDir()): ConfigError {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('expected a ConfigError');
}

describe('resilience settings', () => {
  test('defaults', () => {
    const config = loadConfig({}, { cwd: emptyDir() });
    assert.equal(config.redisUrl(), undefined);
    assert.equal(config.cacheTtlS, 60);
    assert.equal(config.cacheMaxBytes, 64 * 1024 * 1024);
    assert.equal(config.rateLimit, 120);
    assert.equal(config.rateLimitIp, 600);
    assert.equal(config.rateLimitForce, 10);
    assert.equal(config.upstreamConcurrency, 10);
    assert.equal(config.upstreamQueue, 100);
    assert.equal(config.recordDir, undefined);
  });

  test('from the environment, with relative paths against the working directory', () => {
    const cwd = emptyDir();
    const config = loadConfig(
      {
        REDIS_URL: 'redis://127.0.0.1:6380/2',
        PH_EMBED_CACHE_TTL_S: '300',
        PH_EMBED_CACHE_MAX_BYTES: '0',
        PH_EMBED_RATE_LIMIT: '0',
        PH_EMBED_RATE_LIMIT_IP: '5000',
        PH_EMBED_RATE_LIMIT_FORCE: '2',
        PH_EMBED_UPSTREAM_CONCURRENCY: '4',
        PH_EMBED_UPSTREAM_QUEUE: '0',
        PH_EMBED_RECORD_DIR: 'recorded',
      },
      { cwd },
    );
    assert.equal(config.redisUrl(), 'redis://127.0.0.1:6380/2');
    assert.equal(config.cacheTtlS, 300);
    assert.equal(config.cacheMaxBytes, 0);
    assert.equal(config.rateLimit, 0);
    assert.equal(config.rateLimitIp, 5000);
    assert.equal(config.rateLimitForce, 2);
    assert.equal(config.upstreamConcurrency, 4);
    assert.equal(config.upstreamQueue, 0);
    assert.equal(config.recordDir, join(cwd, 'recorded'));
  });

  test('from the config file in camelCase, paths against the file; the environment wins', () => {
    const dir = emptyDir();
    const file = join(dir, 'ph-embed.config.json');
    writeFileSync(
      file,
      JSON.stringify({
        redisUrl: 'rediss://cache.internal:6379',
        cacheTtlS: 90,
        rateLimit: 30,
        recordDir: 'out',
      }),
    );
    const config = loadConfig({ PH_EMBED_CONFIG: file, PH_EMBED_RATE_LIMIT: '31' }, { cwd: emptyDir() });
    assert.equal(config.redisUrl(), 'rediss://cache.internal:6379');
    assert.equal(config.cacheTtlS, 90);
    assert.equal(config.rateLimit, 31);
    assert.equal(config.recordDir, join(dir, 'out'));
  });

  test('a bad value stops start-up naming the setting, never quoting it', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL', /redis:\/\//],
      [{ REDIS_URL: 'not a url with s3cret' }, 'REDIS_URL', /URL/],
      [{ PH_EMBED_CACHE_TTL_S: '0' }, 'PH_EMBED_CACHE_TTL_S', /1\.\.604800 seconds/],
      [{ PH_EMBED_CACHE_TTL_S: '1.5' }, 'PH_EMBED_CACHE_TTL_S', /whole number/],
      [{ PH_EMBED_CACHE_MAX_BYTES: '64MiB' }, 'PH_EMBED_CACHE_MAX_BYTES', /whole number of bytes/],
      [{ PH_EMBED_RATE_LIMIT: '-1' }, 'PH_EMBED_RATE_LIMIT', /whole number/],
      [{ PH_EMBED_UPSTREAM_CONCURRENCY: '0' }, 'PH_EMBED_UPSTREAM_CONCURRENCY', /1\.\.1000/],
      [{ PH_EMBED_UPSTREAM_QUEUE: '100001' }, 'PH_EMBED_UPSTREAM_QUEUE', /0\.\.100000/],
    ];
    for (const [env, setting, message] of cases) {
      const error = refusal(env);
      assert.equal(error.setting, setting);
      assert.match(error.message, new RegExp(`^${setting} `));
      assert.match(error.message, message);
      assert.ok(!error.message.includes('s3cret'));
    }
  });

  test('the Redis password stays out of JSON and object dumps', () => {
    const config = loadConfig({ REDIS_URL: 'redis://app:hunter2-pass@10.0.0.5:6379/0' }, { cwd: emptyDir() });
    assert.equal(config.redisUrl(), 'redis://app:hunter2-pass@10.0.0.5:6379/0');
    const json = JSON.stringify(config);
    assert.ok(!json.includes('hunter2'));
    assert.match(json, /"redisUrl":"redis:\/\/app:redacted@10\.0\.0\.5:6379\/0"/);
    assert.ok(!inspect(config, { depth: 5 }).includes('hunter2'));
  });
});
