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
  test('with nothing set: the local engine and every documented default', () => {
    const config = loadConfig({}, { cwd: emptyDir() });
    assert.equal(config.upstream, 'local');
    assert.equal(config.endpointsDir, undefined, 'the engine falls back to the shipped endpoints');
    assert.equal(config.eventsFile, undefined, 'generated data');
    assert.equal(config.seed, undefined);
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
        PH_EMBED_ALLOW_UNAUTHENTICATED: 'true',
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
    assert.equal(config.upstream, 'local');
  });

  test('the local engine settings: paths from the working directory, a whole-number seed', () => {
    const cwd = emptyDir();
    const config = loadConfig(
      { PH_EMBED_ENDPOINTS_DIR: 'my-endpoints', PH_EMBED_EVENTS: 'export.parquet', PH_EMBED_SEED: '7' },
      { cwd },
    );
    assert.equal(config.endpointsDir, join(cwd, 'my-endpoints'));
    assert.equal(config.eventsFile, join(cwd, 'export.parquet'));
    assert.equal(config.seed, 7);
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
    [
      { PH_EMBED_UPSTREAM: 'redis' },
      'PH_EMBED_UPSTREAM',
      /^PH_EMBED_UPSTREAM must be posthog, local or fixtures$/,
    ],
    [{ PH_EMBED_SEED: 'abc' }, 'PH_EMBED_SEED', /^PH_EMBED_SEED must be a whole number$/],
    [{ PH_EMBED_SEED: '-1' }, 'PH_EMBED_SEED', /^PH_EMBED_SEED must be/],
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
      [{ upstream: 'duckdb' }, 'upstream'],
      [{ seed: 1.5 }, 'seed'],
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

describe('security settings', () => {
  const secretA = 'a'.repeat(32);
  const secretB = `${'b'.repeat(40)}`;

  test('auth defaults to token with a secret and none without; secrets are a comma list', () => {
    assert.equal(loadConfig({}, { cwd: emptyDir() }).auth, 'none');
    const config = loadConfig({ PH_EMBED_SECRET: ` ${secretA}, ${secretB},${secretA}` }, { cwd: emptyDir() });
    assert.equal(config.auth, 'token');
    assert.deepEqual(config.embedSecrets(), [secretA, secretB]);
    assert.equal(config.maxTokenTtlS, 86_400);
    assert.equal(config.allowUnauthenticated, false);
    assert.equal(config.trustProxy, false);
  });

  test('the secrets stay out of JSON, dumps and enumerable fields', () => {
    const metricsToken = `m${secretA}`;
    const config = loadConfig(
      { PH_EMBED_SECRET: `${secretA},${secretB}`, PH_EMBED_METRICS_TOKEN: metricsToken },
      { cwd: emptyDir() },
    );
    assert.equal(config.metricsToken(), metricsToken);
    const json = JSON.stringify(config);
    assert.ok(!json.includes(secretA) && !json.includes(secretB) && !json.includes(metricsToken));
    assert.equal((JSON.parse(json) as { metricsToken: unknown }).metricsToken, '[redacted]');
    assert.deepEqual((JSON.parse(json) as { embedSecrets: unknown }).embedSecrets, [
      '[redacted]',
      '[redacted]',
    ]);
    assert.ok(!inspect(config, { depth: 10, showHidden: true }).includes(secretA));
  });

  const refusals: Array<[Record<string, string>, string, RegExp]> = [
    [
      { PH_EMBED_METRICS_TOKEN: 'short' },
      'PH_EMBED_METRICS_TOKEN',
      /^PH_EMBED_METRICS_TOKEN must be at least 32 bytes long/,
    ],
    [
      { PH_EMBED_SECRET: 'x'.repeat(31) },
      'PH_EMBED_SECRET',
      /^PH_EMBED_SECRET must be at least 32 bytes long/,
    ],
    [{ PH_EMBED_SECRET: `${secretA} ${secretB}` }, 'PH_EMBED_SECRET', /without spaces or commas/],
    [{ PH_EMBED_AUTH: 'token' }, 'PH_EMBED_SECRET', /PH_EMBED_AUTH=token needs PH_EMBED_SECRET/],
    [{ PH_EMBED_AUTH: 'jwt' }, 'PH_EMBED_AUTH', /^PH_EMBED_AUTH must be token or none$/],
    [{ PH_EMBED_MAX_TOKEN_TTL_S: '0' }, 'PH_EMBED_MAX_TOKEN_TTL_S', /must be 1\.\.31536000 seconds/],
    [{ PH_EMBED_ALLOW_UNAUTHENTICATED: 'yes' }, 'PH_EMBED_ALLOW_UNAUTHENTICATED', /must be true or false/],
    [{ HOST: '0.0.0.0' }, 'PH_EMBED_AUTH', /PH_EMBED_AUTH=none would let anyone who reaches HOST=0\.0\.0\.0/],
    [{ HOST: '::', PH_EMBED_AUTH: 'none', PH_EMBED_SECRET: secretA }, 'PH_EMBED_AUTH', /HOST=::/],
  ];
  for (const [env, setting, message] of refusals) {
    test(`refuses ${JSON.stringify(env).slice(0, 80)}`, () => {
      const error = configError(() => loadConfig(env, { cwd: emptyDir() }));
      assert.equal(error.setting, setting);
      assert.match(error.message, message);
      assert.ok(!error.message.includes(secretA));
    });
  }

  test('auth none listens on loopback, or anywhere when explicitly allowed', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) {
      assert.equal(loadConfig({ HOST: host }, { cwd: emptyDir() }).auth, 'none', host);
    }
    assert.equal(
      loadConfig({ HOST: '0.0.0.0', PH_EMBED_ALLOW_UNAUTHENTICATED: 'true' }, { cwd: emptyDir() })
        .allowUnauthenticated,
      true,
    );
    const { path } = withFile({ allowUnauthenticated: true, host: '0.0.0.0' });
    assert.equal(loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }).host, '0.0.0.0');
    assert.equal(
      loadConfig({ HOST: '0.0.0.0', PH_EMBED_SECRET: secretA }, { cwd: emptyDir() }).auth,
      'token',
    );
  });

  test('the file takes secrets as a list, and the same settings by their file names', () => {
    const { path } = withFile({
      secrets: [secretA, secretB],
      maxTokenTtlS: 900,
      trustProxy: true,
      auth: 'token',
    });
    const config = loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() });
    assert.deepEqual(config.embedSecrets(), [secretA, secretB]);
    assert.equal(config.maxTokenTtlS, 900);
    assert.equal(config.trustProxy, true);
  });

  test('endpoints may be objects with a variable schema; the list form keeps working', () => {
    const { path } = withFile({
      endpoints: {
        org_events: {
          variables: {
            org_id: { type: 'String', required: true, pattern: '[a-z]+' },
            n: { type: 'Number', min: 1 },
          },
        },
        total_signups: {},
      },
    });
    const config = loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() });
    assert.deepEqual(config.endpoints, ['org_events', 'total_signups']);
    assert.deepEqual(config.endpointVariables, {
      org_events: {
        org_id: { type: 'String', required: true, pattern: '[a-z]+' },
        n: { type: 'Number', min: 1 },
      },
    });
    const list = loadConfig(
      { PH_EMBED_CONFIG: withFile({ endpoints: ['a', 'a', 'b'] }).path },
      { cwd: emptyDir() },
    );
    assert.deepEqual(list.endpoints, ['a', 'b']);
    assert.deepEqual(list.endpointVariables, {});
  });

  test('a bad variable schema is refused with its path', () => {
    const bad: Array<[unknown, string, RegExp]> = [
      [
        { e: { variables: { v: { type: 'Text' } } } },
        'endpoints.e.variables.v.type',
        /must be one of String, Number/,
      ],
      [
        { e: { variables: { v: { type: 'String', pattern: '(' } } } },
        'endpoints.e.variables.v.pattern',
        /valid regular expression/,
      ],
      [
        { e: { variables: { v: { type: 'Boolean', min: 1 } } } },
        'endpoints.e.variables.v',
        /min and max apply/,
      ],
      [
        { e: { variables: { v: { type: 'Number', min: 5, max: 1 } } } },
        'endpoints.e.variables.v.min',
        /not be larger/,
      ],
      [
        { e: { variables: { v: { type: 'String', default: 'x' } } } },
        'endpoints.e.variables.v.default',
        /unknown setting/,
      ],
      [{ e: { vars: {} } }, 'endpoints.e.vars', /unknown setting in endpoints\.e: "vars"/],
      [{ '../x': {} }, 'endpoints.../x', /endpoint names/],
      [
        { e: { variables: { 'bad name': { type: 'String' } } } },
        'endpoints.e.variables.bad name',
        /variable names/,
      ],
    ];
    for (const [endpoints, setting, message] of bad) {
      const { path } = withFile({ endpoints });
      const error = configError(() => loadConfig({ PH_EMBED_CONFIG: path }, { cwd: emptyDir() }));
      assert.equal(error.setting, setting, JSON.stringify(endpoints));
      assert.match(error.message, message);
    }
  });
});
