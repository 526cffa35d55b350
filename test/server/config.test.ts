import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { makeKey } from './helpers/harness.js';

const REPO = resolve(import.meta.dirname, '../..');

/** A folder with no ph-embed.config.json, so the default file is absent. */
function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), 'ph-embed-config-'));
}

function withFile(contents: unknown, name = 'ph-embed.config.json'): { dir: string; path: string } {
  const dir = emptyDir();
  const path = join(dir, name);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return { dir, path };
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError');
}

const POSTHOG = { POSTHOG_HOST: 'https://us.posthog.com', POSTHOG_PROJECT_ID: '123' };

describe('loadConfig defaults', () => {
  test('with nothing set: fixtures upstream and every documented default', () => {
    const config = loadConfig({}, { cwd: emptyDir() });
    assert.equal(config.upstream, 'fixtures');
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.timeoutMs, 15_000);
    assert.deepEqual(config.corsOrigins, []);
    assert.equal(config.fixturesDir, join(REPO, 'test/fixtures/endpoints'));
    assert.equal(config.demoDir, join(REPO, 'dist/demo'));
    assert.equal(config.endpoints, undefined);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.configFile, undefined);
    assert.equal(config.posthogHost, undefined);
    assert.equal(config.personalApiKey(), undefined);
  });

  test('a key selects the posthog upstream; the host loses its trailing slash', () => {
    const key = makeKey();
    const config = loadConfig(
      { ...POSTHOG, POSTHOG_HOST: 'https://eu.posthog.com/', POSTHOG_PERSONAL_API_KEY: key },
      { cwd: emptyDir() },
    );
    assert.equal(config.upstream, 'posthog');
    assert.equal(config.posthogHost, 'https://eu.posthog.com');
    assert.equal(config.posthogProjectId, '123');
    assert.equal(config.personalApiKey(), key);
  });

  test('a self-hosted PostHog under a path keeps the path', () => {
    const config = loadConfig(
      { ...POSTHOG, POSTHOG_HOST: 'http://ph.internal:8000/posthog//', POSTHOG_PERSONAL_API_KEY: 'phx_abc' },
      { cwd: emptyDir() },
    );
    assert.equal(config.posthogHost, 'http://ph.internal:8000/posthog');
  });

  test('explicit values are parsed: port 0, lists, levels, relative paths from cwd', () => {
    const cwd = emptyDir();
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        PH_EMBED_TIMEOUT_MS: '200',
        PH_EMBED_CORS_ORIGINS: 'https://a.example.com, http://localhost:5173/ ,https://a.example.com',
        PH_EMBED_FIXTURES_DIR: 'fx',
        PH_EMBED_DEMO_DIR: '/srv/demo',
        PH_EMBED_UPSTREAM: 'fixtures',
        LOG_LEVEL: 'silent',
      },
      { cwd },
    );
    assert.equal(config.port, 0);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.timeoutMs, 200);
    assert.deepEqual(config.corsOrigins, ['https://a.example.com', 'http://localhost:5173']);
    assert.equal(config.fixturesDir, join(cwd, 'fx'));
    assert.equal(config.demoDir, '/srv/demo');
    assert.equal(config.logLevel, 'silent');
  });

  test('empty variables count as unset', () => {
    const config = loadConfig({ PORT: '', POSTHOG_PERSONAL_API_KEY: '  ' }, { cwd: emptyDir() });
    assert.equal(config.port, 8787);
    assert.equal(config.upstream, 'fixtures');
  });

  test('the config is frozen', () => {
    const config = loadConfig({}, { cwd: emptyDir() });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.corsOrigins));
  });
});

describe('loadConfig refuses bad settings by name', () => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ POSTHOG_PROJECT_ID: '12a' }, 'POSTHOG_PROJECT_ID', /^POSTHOG_PROJECT_ID must be digits$/],
    [{ POSTHOG_HOST: 'us.posthog.com' }, 'POSTHOG_HOST', /^POSTHOG_HOST must be a URL/],
    [{ POSTHOG_HOST: 'ftp://us.posthog.com' }, 'POSTHOG_HOST', /http or https/],
    [{ POSTHOG_HOST: 'https://u:p@us.posthog.com' }, 'POSTHOG_HOST', /credentials/],
    [
      { POSTHOG_PERSONAL_API_KEY: 'phx abc' },
      'POSTHOG_PERSONAL_API_KEY',
      /^POSTHOG_PERSONAL_API_KEY must be/,
    ],
    [{ PH_EMBED_UPSTREAM: 'redis' }, 'PH_EMBED_UPSTREAM', /^PH_EMBED_UPSTREAM must be posthog or fixtures$/],
    [{ PH_EMBED_UPSTREAM: 'local' }, 'PH_EMBED_UPSTREAM', /local .*not available yet/],
    [{ PORT: 'http' }, 'PORT', /^PORT must be a whole number$/],
    [{ PORT: '70000' }, 'PORT', /^PORT must be 0\.\.65535$/],
    [{ PORT: '-1' }, 'PORT', /^PORT must be a whole number$/],
    [{ HOST: 'a host' }, 'HOST', /^HOST must be a host name or an IP address$/],
    [{ PH_EMBED_TIMEOUT_MS: '0' }, 'PH_EMBED_TIMEOUT_MS', /^PH_EMBED_TIMEOUT_MS must be 1\.\.600000/],
    [{ PH_EMBED_TIMEOUT_MS: '1.5' }, 'PH_EMBED_TIMEOUT_MS', /whole number/],
    [{ PH_EMBED_CORS_ORIGINS: '*' }, 'PH_EMBED_CORS_ORIGINS', /'\*' is not allowed/],
    [{ PH_EMBED_CORS_ORIGINS: 'https://a.com/path' }, 'PH_EMBED_CORS_ORIGINS', /must list origins/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /^LOG_LEVEL must be one of/],
  ];
  for (const [env, setting, message] of cases) {
    test(`${setting}=${Object.values(env)[0]}`, () => {
      const error = configError(() => loadConfig(env, { cwd: emptyDir() }));
      assert.equal(error.setting, setting);
      assert.match(error.message, message);
    });
  }

  test('the posthog upstream names each missing setting', () => {
    const all = configError(() => loadConfig({ PH_EMBED_UPSTREAM: 'posthog' }, { cwd: emptyDir() }));
    assert.match(all.message, /POSTHOG_HOST, POSTHOG_PROJECT_ID, POSTHOG_PERSONAL_API_KEY/);
    const one = configError(() =>
      loadConfig(
        { POSTHOG_HOST: 'https://us.posthog.com', POSTHOG_PERSONAL_API_KEY: 'phx_1' },
        { cwd: emptyDir() },
      ),
    );
    assert.equal(one.setting, 'POSTHOG_PROJECT_ID');
    assert.doesNotMatch(one.message, /POSTHOG_HOST/);
  });
});

describe('the config file', () => {
  test('is read, and the environment wins over it', () => {
    const { dir, path } = withFile({
      endpoints: ['daily_active_users', 'top_events'],
      port: 9000,
      host: '127.0.0.2',
      timeoutMs: 500,
      corsOrigins: ['https://app.example.com'],
      upstream: 'fixtures',
      fixturesDir: 'recorded',
      logLevel: 'warn',
    });
    const config = loadConfig({ PH_EMBED_CONFIG: path, PORT: '9001' }, { cwd: emptyDir() });
    assert.equal(config.configFile, path);
    assert.deepEqual(config.endpoints, ['daily_active_users', 'top_events']);
    assert.equal(config.port, 9001, 'PORT from the environment wins');
    assert.equal(config.host, '127.0.0.2');
    assert.equal(config.timeoutMs, 500);
    assert.deepEqual(config.corsOrigins, ['https://app.example.com']);
    assert.equal(config.fixturesDir, join(dir, 'recorded'), 'relative paths resolve from the file');
    assert.equal(config.logLevel, 'warn');
  });

  test('the default ./ph-embed.config.json is read from cwd when present', () => {
    const { dir, path } = withFile({ endpoints: ['total_signups'] });
    const config = loadConfig({}, { cwd: dir });
    assert.equal(config.configFile, path);
    assert.deepEqual(config.endpoints, ['total_signups']);
  });

  test('a missing explicit file is an error', () => {
    const error = configError(() => loadConfig({ PH_EMBED_CONFIG: 'nope.json' }, { cwd: emptyDir() }));
    assert.equal(error.setting, 'PH_EMBED_CONFIG');
    assert.match(error.message, /does not exist/);
  });

  test('invalid JSON is an error naming PH_EMBED_CONFIG', () => {
    const { path } = withFile('{"port": ');
    const error = configError(() => loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }));
    assert.equal(error.setting, 'PH_EMBED_CONFIG');
  });

  test('unknown keys are refused', () => {
    const { path } = withFile({ endpoints: [], PORT: 1 });
    const error = configError(() => loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }));
    assert.match(error.message, /unknown setting "PORT"/);
  });

  test('bad values are refused with the key named', () => {
    const bad: Array<[unknown, string]> = [
      [{ port: '8787' }, 'port'],
      [{ endpoints: ['../etc'] }, 'endpoints.0'],
      [{ endpoints: 'all' }, 'endpoints'],
      [{ corsOrigins: 'https://a.com' }, 'corsOrigins'],
      [{ posthogProjectId: 'abc' }, 'posthogProjectId'],
      [{ upstream: 'local' }, 'PH_EMBED_UPSTREAM'],
    ];
    for (const [contents, setting] of bad) {
      const { path } = withFile(contents);
      const error = configError(() => loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }));
      assert.equal(error.setting, setting, JSON.stringify(contents));
    }
  });

  test('the project id may be a number in the file', () => {
    const { path } = withFile({ posthogProjectId: 42 });
    assert.equal(loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }).posthogProjectId, '42');
  });
});

describe('the personal API key stays secret', () => {
  test('it is in no serialisation or dump of the config', () => {
    const key = makeKey();
    const config = loadConfig({ ...POSTHOG, POSTHOG_PERSONAL_API_KEY: key }, { cwd: emptyDir() });
    const json = JSON.stringify(config);
    assert.ok(!json.includes(key));
    assert.equal((JSON.parse(json) as Record<string, unknown>).posthogPersonalApiKey, '[redacted]');
    assert.ok(!inspect(config, { depth: 10, showHidden: true }).includes(key));
    assert.ok(!Object.values(config).some((value) => value === key));
  });

  test('it is in no ConfigError message, whatever else is wrong', () => {
    const key = makeKey();
    const badKey = `${key} with spaces`;
    const envs: Array<Record<string, string>> = [
      { POSTHOG_PERSONAL_API_KEY: badKey },
      { POSTHOG_PERSONAL_API_KEY: key, PH_EMBED_UPSTREAM: 'posthog' },
      { POSTHOG_PERSONAL_API_KEY: key, POSTHOG_HOST: key },
      { POSTHOG_PERSONAL_API_KEY: key, POSTHOG_PROJECT_ID: key },
      { POSTHOG_PERSONAL_API_KEY: key, PH_EMBED_UPSTREAM: key },
      { POSTHOG_PERSONAL_API_KEY: key, PH_EMBED_CORS_ORIGINS: key },
      { POSTHOG_PERSONAL_API_KEY: key, LOG_LEVEL: key },
    ];
    for (const env of envs) {
      const error = configError(() => loadConfig(env, { cwd: emptyDir() }));
      assert.ok(!error.message.includes(key), error.message);
      assert.ok(!String(error.stack).includes(key));
    }
    const { path } = withFile({ posthogPersonalApiKey: badKey });
    const fromFile = configError(() => loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }));
    assert.ok(!fromFile.message.includes(key), fromFile.message);
  });
});
