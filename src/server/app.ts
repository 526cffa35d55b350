/**
 * The proxy as a web-standard fetch handler (Hono). Nothing here is Node-only, so the same app mounts
 * in Node, Next.js route handlers, Bun, Deno or Workers; main.ts is what listens. Routes follow
 * DESIGN.md section 3; every 4xx/5xx is an ErrorBody and nothing unexpected leaves as a stack trace.
 */
import { Hono } from 'hono';
import { authenticator } from './auth/authenticate.js';
import { DEFAULT_MAX_TOKEN_TTL_S, isLoopbackHost } from './auth/settings.js';
import { createTokenVerifier } from './auth/tokens.js';
import type { Config } from './config.js';
import { ApiError, methodNotAllowed } from './errors/api-error.js';
import { errorAnswer } from './errors/error-answer.js';
import { clientAddress } from './http/client-address.js';
import { originCheck } from './http/cors.js';
import { honoCall } from './http/hono-call.js';
import { metricsAccess } from './http/metrics-access.js';
import { requestContext, stripCredentials, toResponse, v1Checks, type AppEnv } from './http/middleware.js';
import { runLane, type RunLane } from './http/run-lane.js';
import { v1Guard } from './http/v1-guard.js';
import type { ProxyLogger } from './logger.js';
import { listEndpoints } from './routes/endpoints.js';
import { runHit } from './routes/run-hit.js';
import { runRoute } from './routes/run.js';
import { createServices, type ProxyServices, type ServicesConfig } from './run/services.js';
import type { Upstream } from './upstreams/types.js';
import { VariableSchemas } from './variables/schemas.js';

export interface CreateAppOptions {
  /** `personalApiKey` is only used to scrub it from upstream text passed on to browsers. */
  config: Pick<Config, 'corsOrigins' | 'endpoints'> &
    Partial<Pick<Config, 'personalApiKey' | 'metricsToken'>> &
    SecurityConfig &
    ServicesConfig;
  upstream: Upstream;
  logger: ProxyLogger;
  /** Cache, limits, metrics and the run pipeline; in-memory ones built from `config` when absent. */
  services?: ProxyServices;
}

/** Security settings (config.ts documents each); without secrets the proxy runs with `auth: none`. */
export type SecurityConfig = Partial<
  Pick<
    Config,
    | 'auth'
    | 'embedSecrets'
    | 'maxTokenTtlS'
    | 'trustProxy'
    | 'endpointVariables'
    | 'host'
    | 'allowUnauthenticated'
  >
>;

const RUN_PATH = '/v1/endpoints/:name/run';

export function createApp({ config, upstream, logger, services: given }: CreateAppOptions) {
  const { app } = createProxyApp({ config, upstream, logger, services: given });
  return app;
}

/** The app and its run lane, which the Node listener also calls directly (http/node-run-lane.ts). */
export function createProxyApp({ config, upstream, logger, services: given }: CreateAppOptions) {
  const services = given ?? createServices(config, upstream, { logger });
  const allowlist = config.endpoints ? new Set(config.endpoints) : undefined;
  const secrets = [config.personalApiKey?.(), ...(config.embedSecrets?.() ?? [])].filter(
    (secret): secret is string => Boolean(secret),
  );
  // Through the guarded upstream, so OpenAPI lookups get the same deadline, cap and retries as runs.
  const schemas = new VariableSchemas({
    configured: config.endpointVariables,
    upstream: services.upstream,
    now: services.clock,
  });
  const checks = {
    checkOrigin: originCheck(config.corsOrigins),
    loopbackOnly: guardsLoopback(config),
    authenticate: authenticatorFrom(config),
  };
  const guard = v1Guard({ ...checks, limits: services.limits });
  const lane: RunLane = runLane({
    logger,
    metrics: services.metrics,
    trustProxy: config.trustProxy ?? false,
    guard,
    route: runRoute({ allowlist, services, schemas }),
    hit: runHit({ ...checks, allowlist, schemas, services }),
    secrets,
  });
  const app = new Hono<AppEnv>();

  // First, so that the middleware below does not run for it: the lane does all of that itself.
  app.post(RUN_PATH, async (c) => toResponse(await lane(honoCall(c), c.req.param('name'))));

  app.use('*', requestContext(logger));
  app.use('*', services.metrics.middleware());
  app.use('*', clientAddress(config.trustProxy ?? false));
  app.use('/v1/*', v1Checks(guard));
  // Before credentials are stripped: a scraper's bearer token is read here.
  app.use('/metrics', metricsAccess(config.metricsToken?.()));
  app.use('*', stripCredentials());

  app.onError((error, c) => {
    const answer = errorAnswer(error, {
      log: c.get('log') ?? logger,
      secrets,
      aborted: () => c.req.raw.signal.aborted,
    });
    return toResponse(answer);
  });
  app.notFound(() => new ApiError(404, 'endpoint_not_found', 'No such route').toResponse());

  app.get('/healthz', (c) => c.json({ status: 'ok', upstream: upstream.kind }));
  app.all('/healthz', rejectMethod(['GET', 'HEAD']));

  app.get('/metrics', services.metrics.handler());
  app.all('/metrics', rejectMethod(['GET', 'HEAD']));

  app.get('/v1/endpoints', listEndpoints({ upstream: services.upstream, allowlist, schemas }));
  app.all('/v1/endpoints', rejectMethod(['GET', 'HEAD']));

  app.all(RUN_PATH, rejectMethod(['POST']));

  return { app, lane };
}

export type ProxyApp = ReturnType<typeof createApp>;

function authenticatorFrom(config: SecurityConfig) {
  const secrets = config.embedSecrets?.() ?? [];
  const mode = config.auth ?? (secrets.length > 0 ? 'token' : 'none');
  if (mode === 'none') return authenticator({ mode });
  return authenticator({
    mode,
    verify: createTokenVerifier({ secrets, maxTtlS: config.maxTokenTtlS ?? DEFAULT_MAX_TOKEN_TTL_S }),
  });
}

/** A listening proxy without tokens on loopback (not a mount, which has no HOST) checks Host names. */
function guardsLoopback(config: SecurityConfig): boolean {
  const tokens = (config.auth ?? ((config.embedSecrets?.() ?? []).length > 0 ? 'token' : 'none')) === 'token';
  return !tokens && config.host !== undefined && isLoopbackHost(config.host) && !config.allowUnauthenticated;
}

function rejectMethod(allow: readonly string[]) {
  return () => {
    throw methodNotAllowed(allow);
  };
}
