/**
 * The proxy as a web-standard fetch handler (Hono). Nothing here is Node-only, so the same app mounts
 * in Node, Next.js route handlers, Bun, Deno or Workers; main.ts is what listens. Routes follow
 * DESIGN.md section 3; every 4xx/5xx is an ErrorBody and nothing unexpected leaves as a stack trace.
 */
import { Hono, type Context } from 'hono';
import { authenticate } from './auth/middleware.js';
import { DEFAULT_MAX_TOKEN_TTL_S, isLoopbackHost } from './auth/settings.js';
import { createTokenVerifier } from './auth/tokens.js';
import type { Config } from './config.js';
import { ApiError, internalError, methodNotAllowed } from './errors/api-error.js';
import { mapUpstreamError } from './errors/map-upstream-error.js';
import { clientAddress } from './http/client-address.js';
import { corsGuard } from './http/cors.js';
import { loopbackHostGuard } from './http/host-guard.js';
import { privateCache, requestContext, stripCredentials, type AppEnv } from './http/middleware.js';
import { declaredBodyLimit } from './limits/body-limit.js';
import type { ProxyLogger } from './logger.js';
import { listEndpoints } from './routes/endpoints.js';
import { MAX_RUN_BODY_BYTES, payloadTooLarge } from './routes/run-request.js';
import { runEndpoint } from './routes/run.js';
import { createServices, type ProxyServices, type ServicesConfig } from './run/services.js';
import type { Upstream } from './upstreams/types.js';
import { VariableSchemas } from './variables/schemas.js';

export interface CreateAppOptions {
  /** `personalApiKey` is only used to scrub it from upstream text passed on to browsers. */
  config: Pick<Config, 'corsOrigins' | 'endpoints'> &
    Partial<Pick<Config, 'personalApiKey'>> &
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
  const services = given ?? createServices(config, upstream, { logger });
  const allowlist = config.endpoints ? new Set(config.endpoints) : undefined;
  const secrets = [config.personalApiKey?.(), ...(config.embedSecrets?.() ?? [])].filter(
    (secret): secret is string => Boolean(secret),
  );
  // Through the guarded upstream, so OpenAPI lookups get the same deadline, cap and retries as runs.
  const schemas = new VariableSchemas({ configured: config.endpointVariables, upstream: services.upstream });
  const app = new Hono<AppEnv>();

  app.use('*', requestContext(logger));
  app.use('*', services.metrics.middleware());
  app.use('*', clientAddress(config.trustProxy ?? false));
  // Order matters: origin first (cheapest refusal), then the per-IP limit so that token guessing is
  // rate-limited too, then the token, and only then are credentials stripped from the request.
  app.use('/v1/*', corsGuard(config.corsOrigins));
  if (guardsLoopback(config)) app.use('/v1/*', loopbackHostGuard());
  app.use('/v1/*', privateCache());
  app.use('/v1/*', services.limits.ipMiddleware());
  app.use('/v1/*', authenticateFrom(config));
  app.use('*', stripCredentials());
  app.use('/v1/*', services.limits.tenantMiddleware());

  app.onError((error, c) => errorResponse(error, c, logger, secrets));
  app.notFound(() => new ApiError(404, 'endpoint_not_found', 'No such route').toResponse());

  app.get('/healthz', (c) => c.json({ status: 'ok', upstream: upstream.kind }));
  app.all('/healthz', rejectMethod(['GET', 'HEAD']));

  app.get('/metrics', services.metrics.handler());
  app.all('/metrics', rejectMethod(['GET', 'HEAD']));

  app.get('/v1/endpoints', listEndpoints({ upstream: services.upstream, allowlist, schemas }));
  app.all('/v1/endpoints', rejectMethod(['GET', 'HEAD']));

  app.post(
    RUN_PATH,
    // Refuses a declared body over the limit before it is read; run-request.ts caps the read itself,
    // for bodies streamed without a Content-Length or with one that understates them.
    declaredBodyLimit(MAX_RUN_BODY_BYTES, payloadTooLarge),
    runEndpoint({ upstream, allowlist, services, schemas }),
  );
  app.all(RUN_PATH, rejectMethod(['POST']));

  return app;
}

export type ProxyApp = ReturnType<typeof createApp>;

function authenticateFrom(config: SecurityConfig) {
  const secrets = config.embedSecrets?.() ?? [];
  const mode = config.auth ?? (secrets.length > 0 ? 'token' : 'none');
  if (mode === 'none') return authenticate({ mode });
  return authenticate({
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

function errorResponse(
  error: Error,
  c: Context<AppEnv>,
  fallback: ProxyLogger,
  secrets: readonly string[],
): Response {
  const log = c.get('log') ?? fallback;
  if (error instanceof ApiError) return error.toResponse();
  const mapped = mapUpstreamError(error, log, secrets);
  if (mapped) return mapped.toResponse();
  if (c.req.raw.signal.aborted) {
    // The browser left; nobody reads this answer, and it is not the proxy's failure.
    log.info('client closed the request');
    return new ApiError(503, 'upstream_unavailable', 'The request was cancelled').toResponse();
  }
  log.error({ err: error }, 'unhandled error');
  return internalError().toResponse();
}
