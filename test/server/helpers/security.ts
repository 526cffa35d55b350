/**
 * Shared pieces for the security suites: a SQL endpoint with typed variables (`org_events`, for locked
 * and typed variables), a recording upstream that serves it beside the fixtures (with PostHog's
 * `openapi.json` when asked), an app with tokens on, and token helpers.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createApp } from '../../../src/server/app.js';
import type { AuthMode } from '../../../src/server/auth/settings.js';
import { createLogger } from '../../../src/server/logger.js';
import { FixturesUpstream } from '../../../src/server/upstreams/fixtures.js';
import type { RunBody, Upstream, UpstreamCallOptions } from '../../../src/server/upstreams/types.js';
import type { ConfiguredVariables } from '../../../src/server/variables/spec.js';
import { openApiDocument, type InsightVariableType } from './fake-openapi.js';
import { FIXTURES_DIR, type Fixture } from './fake-posthog.js';
import { captureLogs, type CapturedLogs } from './harness.js';

/** PostHog stores SQL variables by id in the query; their types live in InsightVariable rows. */
export const ORG_EVENTS: Fixture = {
  endpoint: {
    name: 'org_events',
    description: 'Events of one organisation (SQL)',
    query: {
      kind: 'HogQLQuery',
      query:
        'select event, count() from events where properties.org_id = {variables.org_id} ' +
        'and timestamp > {variables.since} group by event having count() >= {variables.min_count}',
      variables: {
        'v-org': { variableId: 'v-org', code_name: 'org_id', value: null },
        'v-min': { variableId: 'v-min', code_name: 'min_count', value: 1 },
        'v-since': { variableId: 'v-since', code_name: 'since', value: '2024-01-01' },
        'v-tags': { variableId: 'v-tags', code_name: 'tags', value: ['web'] },
        'v-bots': { variableId: 'v-bots', code_name: 'include_bots', value: false },
      },
    },
    is_active: true,
    current_version: 3,
    data_freshness_seconds: 60,
    columns: ['event', 'count()'],
  } as Fixture['endpoint'],
  run: { results: [['signed_up', 3]], columns: ['event', 'count()'], types: ['String', 'UInt64'] },
};

export const ORG_EVENTS_TYPES: Record<string, InsightVariableType> = {
  'v-org': 'String',
  'v-min': 'Number',
  'v-since': 'Date',
  'v-tags': 'List',
  'v-bots': 'Boolean',
};

/** A folder with every fixture plus org_events, for the fixtures upstream and spawned processes. */
export function fixturesWithOrgEvents(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ph-embed-sec-fixtures-'));
  cpSync(FIXTURES_DIR, dir, { recursive: true });
  writeFileSync(join(dir, 'org_events.json'), JSON.stringify(ORG_EVENTS));
  return dir;
}

export interface UpstreamCall {
  method: 'getEndpoint' | 'listEndpoints' | 'run' | 'getOpenApi';
  name?: string;
  body?: RunBody;
}

export interface RecordingUpstream extends Upstream {
  calls: UpstreamCall[];
  /** Calls that run a query (what costs money and could leak data). */
  runs(): UpstreamCall[];
}

/** The fixtures plus org_events, recording every call; `openapi: false` leaves getOpenApi out. */
export function recordingUpstream(options: { openapi?: boolean } = {}): RecordingUpstream {
  const fixtures = new FixturesUpstream(fixturesWithOrgEvents());
  const calls: UpstreamCall[] = [];
  const upstream: RecordingUpstream = {
    kind: 'fixtures',
    calls,
    runs: () => calls.filter((call) => call.method === 'run'),
    getEndpoint(name: string, opts: UpstreamCallOptions) {
      calls.push({ method: 'getEndpoint', name });
      return fixtures.getEndpoint(name, opts);
    },
    listEndpoints(opts: UpstreamCallOptions) {
      calls.push({ method: 'listEndpoints' });
      return fixtures.listEndpoints(opts);
    },
    run(name: string, body: RunBody, opts: UpstreamCallOptions) {
      calls.push({ method: 'run', name, body });
      return fixtures.run(name, body, opts);
    },
  };
  if (options.openapi !== false) {
    upstream.getOpenApi = async (name: string, opts: UpstreamCallOptions) => {
      calls.push({ method: 'getOpenApi', name });
      const endpoint = await fixtures.getEndpoint(name, opts);
      return openApiDocument({
        endpoint,
        projectId: '1',
        origin: 'http://fake',
        variableTypes: ORG_EVENTS_TYPES,
      });
    };
  }
  return upstream;
}

/** 48 random bytes, base64url: comfortably over the 32-byte minimum. */
export function makeSecret(): string {
  return randomBytes(48).toString('base64url');
}

export interface SecureAppOptions {
  auth?: AuthMode;
  secrets?: string[];
  corsOrigins?: string[];
  endpoints?: string[];
  endpointVariables?: Record<string, ConfiguredVariables>;
  maxTokenTtlS?: number;
  upstream?: RecordingUpstream;
  /** PH_EMBED_METRICS_TOKEN */
  metricsToken?: string;
}

export interface SecureApp {
  app: ReturnType<typeof createApp>;
  upstream: RecordingUpstream;
  logs: CapturedLogs;
  secret: string;
  /** A JSON POST to run `name` with the bearer token (if any). */
  run(name: string, body: unknown, token?: string, headers?: Record<string, string>): Promise<Response>;
}

/** createApp with tokens on (one fresh secret unless given) over a recording upstream. */
export function secureApp(options: SecureAppOptions = {}): SecureApp {
  const secrets = options.secrets ?? [makeSecret()];
  const upstream = options.upstream ?? recordingUpstream();
  const logs = captureLogs();
  const app = createApp({
    config: {
      corsOrigins: options.corsOrigins ?? [],
      endpoints: options.endpoints,
      auth: options.auth ?? 'token',
      embedSecrets: () => secrets,
      maxTokenTtlS: options.maxTokenTtlS ?? 86_400,
      endpointVariables: options.endpointVariables ?? {},
      metricsToken: () => options.metricsToken,
      rateLimit: 0,
      rateLimitIp: 0,
      rateLimitForce: 0,
      cacheMaxBytes: 0,
    },
    upstream,
    logger: createLogger({ level: 'debug', destination: logs }),
  });
  return {
    app,
    upstream,
    logs,
    secret: secrets[0] ?? '',
    run: async (name, body, token, headers = {}) =>
      app.request(`/v1/endpoints/${name}/run`, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: {
          'Content-Type': 'application/json',
          ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
          ...headers,
        },
      }),
  };
}

/** Signs any payload and header, bypassing mintEmbedToken's checks, to forge hostile tokens. */
export async function signRaw(
  payload: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256' },
): Promise<string> {
  const alg = String(header.alg ?? 'HS256');
  return new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(new TextEncoder().encode(secret));
}

/** Claims valid right now for `ttl` seconds. */
export function freshClaims(extra: Record<string, unknown> = {}, ttl = 600): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { aud: 'ph-embed', sub: 'acme', iat: now, exp: now + ttl, ...extra };
}

/** base64url of a JSON value, for hand-built tokens. */
export function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
