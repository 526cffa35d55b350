/**
 * The proxy as one web-standard function, `(request: Request) => Promise<Response>`, for a Next.js
 * route handler, Bun, Deno, a Worker, or Node through http/node-adapter.ts. Nothing on this path
 * imports a Node-only module: the fixtures and local upstreams are imported lazily, only when the
 * config names them, and Redis services are built by the caller (`startProxyServices`) and passed in.
 *
 * @example Next.js (app/api/analytics/[...path]/route.ts)
 *   const handler = createHandler({ posthog: {...}, secrets: process.env.PH_EMBED_SECRET, basePath: '/api/analytics' });
 *   export const GET = handler, POST = handler, OPTIONS = handler;
 */
import { createProxyApp, type ProxyApp } from './app.js';
import {
  authMode,
  embedSecrets,
  maxTokenTtlS,
  metricsToken as metricsTokenSchema,
  type AuthMode,
} from './auth/settings.js';
import type { Config, LogLevel } from './config.js';
import { createConsoleLogger } from './console-logger.js';
import { ApiError } from './errors/api-error.js';
import type { RunLane } from './http/run-lane.js';
import type { ProxyLogger } from './logger.js';
import type { ProxyServices, ServicesConfig } from './run/services.js';
import { PostHogUpstream } from './upstreams/posthog.js';
import type { createUpstream } from './upstreams/create-upstream.js';
import type { Upstream } from './upstreams/types.js';
import { variableSpecsSchema, type ConfiguredVariables } from './variables/spec.js';

export interface HandlerOptions extends ServicesConfig {
  /** A config from `loadConfig()`; the other options override it. */
  config?: Config;
  /** Any upstream (the local engine, fixtures, your own); else PostHog from `posthog` or the config. */
  upstream?: Upstream;
  posthog?: { host: string; projectId: string | number; personalApiKey: string };
  /**
   * Default: `token` when secrets are given. Without secrets, `none` must be said outright: a mount has
   * no listening address to tell a loopback tool from the internet, and a missing environment variable
   * must not quietly open every endpoint to anyone.
   */
  auth?: AuthMode;
  /** Embed-token secrets (each at least 32 bytes), a list or comma-separated; the first signs. */
  secrets?: string | readonly string[];
  maxTokenTtlS?: number;
  corsOrigins?: readonly string[];
  /** The allowlist: names, or `{name: {variables: {...}}}` with a variable schema per endpoint. */
  endpoints?: readonly string[] | Readonly<Record<string, { variables?: ConfiguredVariables }>>;
  trustProxy?: boolean;
  /** Bearer token for `/metrics`; without it, and without a loopback socket, metrics are refused. */
  metricsToken?: string;
  /** Where the proxy is mounted, such as `/api/analytics`; requests outside it get a 404. */
  basePath?: string;
  logger?: ProxyLogger;
  logLevel?: LogLevel;
  /** Cache, limits and metrics; on Redis, from `startProxyServices()`. Default: in memory. */
  services?: ProxyServices;
}

export interface ProxyHandler {
  (request: Request, env?: unknown): Promise<Response>;
  /** The same function, for runtimes that want `{fetch}` (Bun, Workers). */
  fetch: (request: Request, env?: unknown) => Promise<Response>;
  /** The Hono app, for adding routes (the demo mount does). */
  readonly app: ProxyApp;
  /** The run route without web Request/Response, for the Node listener (http/node-run-lane.ts). */
  readonly lane: RunLane;
  /** Where the handler is mounted ('' for the root); the lane takes paths below it only. */
  readonly basePath: string;
}

export function createHandler(input: Config | HandlerOptions): ProxyHandler {
  const options: HandlerOptions = isConfig(input) ? { config: input } : input;
  const config = settingsOf(options);
  const logger =
    options.logger ??
    createConsoleLogger({
      level: options.logLevel ?? options.config?.logLevel ?? 'info',
      secrets: [config.personalApiKey(), config.metricsToken(), ...config.embedSecrets()],
    });
  const upstream = options.upstream ?? upstreamOf(options);
  const { app, lane } = createProxyApp({ config, upstream, logger, services: options.services });
  const basePath = normalizeBasePath(options.basePath);
  const handler = (async (request: Request, env?: unknown) => {
    if (basePath === '') return app.fetch(request, env);
    const url = new URL(request.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return new ApiError(404, 'endpoint_not_found', 'No such route').toResponse();
    }
    url.pathname = url.pathname.slice(basePath.length) || '/';
    return app.fetch(new Request(url, request), env);
  }) as ProxyHandler;
  return Object.assign(handler, { fetch: handler, app, lane, basePath });
}

type AppConfig = Parameters<typeof createProxyApp>[0]['config'];

/** The options (over the config, when given) as createApp wants them, validated like the config file. */
function settingsOf(
  options: HandlerOptions,
): AppConfig & Pick<Config, 'personalApiKey' | 'embedSecrets' | 'metricsToken'> {
  const base = options.config;
  if (base?.redisUrl?.() && !options.services) {
    throw new TypeError(
      'REDIS_URL is set: build the services with startProxyServices(config, upstream, {logger}) and pass them as `services`',
    );
  }
  const secrets =
    options.secrets === undefined
      ? (base?.embedSecrets() ?? [])
      : parse(embedSecrets, options.secrets, 'secrets');
  const auth = options.auth === undefined ? base?.auth : parse(authMode, options.auth, 'auth');
  if (auth === 'token' && secrets.length === 0)
    throw new TypeError('createHandler: auth "token" needs secrets');
  const endpoints = endpointsOf(options.endpoints);
  const key = options.posthog?.personalApiKey ?? base?.personalApiKey();
  const metricsToken =
    options.metricsToken === undefined
      ? base?.metricsToken()
      : parse(metricsTokenSchema, options.metricsToken, 'metricsToken');
  const services: ServicesConfig = { ...pickServices(base), ...pickServices(options) };
  if (auth === undefined && secrets.length === 0) {
    throw new TypeError(
      'createHandler: no embed-token secrets were given (is PH_EMBED_SECRET set?). Pass `secrets`, or ' +
        '`auth: "none"` to serve without tokens (internal tools only: anyone who reaches the handler runs every allowed endpoint)',
    );
  }
  return {
    ...services,
    corsOrigins: [...(options.corsOrigins ?? base?.corsOrigins ?? [])],
    endpoints: endpoints ? endpoints.names : base?.endpoints,
    endpointVariables: endpoints ? endpoints.variables : (base?.endpointVariables ?? {}),
    auth: auth ?? 'token',
    embedSecrets: () => secrets,
    maxTokenTtlS:
      options.maxTokenTtlS === undefined
        ? base?.maxTokenTtlS
        : parse(maxTokenTtlS, options.maxTokenTtlS, 'maxTokenTtlS'),
    trustProxy: options.trustProxy ?? base?.trustProxy ?? false,
    // With a config, a listening server's rules follow: without tokens on a loopback HOST, loopback Host names only.
    host: base?.host,
    allowUnauthenticated: base?.allowUnauthenticated,
    personalApiKey: () => key,
    metricsToken: () => metricsToken,
  };
}

function parse<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
  name: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TypeError(`createHandler: option "${name}" is invalid`);
  return parsed.data;
}

function endpointsOf(endpoints: HandlerOptions['endpoints']) {
  if (endpoints === undefined) return undefined;
  if (Array.isArray(endpoints)) return { names: [...(endpoints as readonly string[])], variables: {} };
  const variables: Record<string, ConfiguredVariables> = {};
  for (const [name, entry] of Object.entries(endpoints as Record<string, { variables?: unknown }>)) {
    if (entry.variables !== undefined)
      variables[name] = parse(variableSpecsSchema, entry.variables, `endpoints.${name}.variables`);
  }
  return { names: Object.keys(endpoints), variables };
}

const SERVICE_KEYS = [
  'timeoutMs',
  'cacheTtlS',
  'cacheMaxBytes',
  'rateLimit',
  'rateLimitIp',
  'rateLimitForce',
  'upstreamConcurrency',
  'upstreamQueue',
] as const satisfies ReadonlyArray<keyof ServicesConfig>;

function pickServices(source: ServicesConfig | undefined): ServicesConfig {
  const picked: Record<string, unknown> = {};
  for (const key of SERVICE_KEYS) if (source?.[key] !== undefined) picked[key] = source[key];
  return picked as ServicesConfig;
}

function upstreamOf(options: HandlerOptions): Upstream {
  const config = options.config;
  const posthog = options.posthog;
  const timeoutMs = options.timeoutMs ?? config?.timeoutMs ?? 15_000;
  if (posthog) {
    return new PostHogUpstream({ ...posthog, projectId: String(posthog.projectId), timeoutMs });
  }
  if (!config) throw new TypeError('createHandler needs an upstream, posthog settings or a config');
  const key = config.personalApiKey();
  if (config.upstream === 'posthog' && config.posthogHost && config.posthogProjectId && key) {
    return new PostHogUpstream({
      host: config.posthogHost,
      projectId: config.posthogProjectId,
      personalApiKey: key,
      timeoutMs,
    });
  }
  return lazyUpstream(config);
}

/**
 * Where the Node-only upstreams live (fixtures read files, the local engine loads DuckDB's native
 * binding). Computed at run time, so that a bundler packing this handler for a Worker or an edge route
 * does not follow it into DuckDB; Node resolves it beside this file when a config asks for them.
 */
const NODE_ONLY_UPSTREAMS = new URL('./upstreams/create-upstream.js', import.meta.url).href;
interface NodeOnlyUpstreams {
  createUpstream: typeof createUpstream;
}

/** Fixtures and the local engine: imported on first use, so other runtimes never load them. */
function lazyUpstream(config: Config): Upstream {
  let loaded: Promise<Upstream> | undefined;
  const load = () =>
    (loaded ??= (
      import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_ONLY_UPSTREAMS) as Promise<NodeOnlyUpstreams>
    ).then(async ({ createUpstream }) => createUpstream(config)));
  return {
    kind: config.upstream,
    getEndpoint: async (name, callOptions) => (await load()).getEndpoint(name, callOptions),
    listEndpoints: async (callOptions) => (await load()).listEndpoints(callOptions),
    run: async (name, body, callOptions) => (await load()).run(name, body, callOptions),
    getOpenApi: async (name, callOptions) => (await load()).getOpenApi?.(name, callOptions),
  };
}

function normalizeBasePath(basePath: string | undefined): string {
  if (!basePath) return '';
  const trimmed = `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  return trimmed === '/' ? '' : trimmed;
}

function isConfig(input: Config | HandlerOptions): input is Config {
  return (
    typeof (input as Config).personalApiKey === 'function' && typeof (input as Config).upstream === 'string'
  );
}
