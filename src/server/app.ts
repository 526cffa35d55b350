/**
 * The proxy as a web-standard fetch handler (Hono). Nothing here is Node-only, so the same app mounts
 * in Node, Next.js route handlers, Bun, Deno or Workers; main.ts is what listens. Routes follow
 * DESIGN.md section 3; every 4xx/5xx is an ErrorBody and nothing unexpected leaves as a stack trace.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Config } from './config.js';
import { ApiError, internalError, methodNotAllowed } from './errors/api-error.js';
import { mapUpstreamError } from './errors/map-upstream-error.js';
import { noStore, requestContext, stripCredentials, type AppEnv } from './http/middleware.js';
import type { ProxyLogger } from './logger.js';
import { listEndpoints } from './routes/endpoints.js';
import { MAX_RUN_BODY_BYTES, payloadTooLarge } from './routes/run-request.js';
import { runEndpoint } from './routes/run.js';
import type { Upstream } from './upstreams/types.js';

export interface CreateAppOptions {
  /** `personalApiKey` is only used to scrub it from upstream text passed on to browsers. */
  config: Pick<Config, 'corsOrigins' | 'endpoints'> & Partial<Pick<Config, 'personalApiKey'>>;
  upstream: Upstream;
  logger: ProxyLogger;
}

const RUN_PATH = '/v1/endpoints/:name/run';

export function createApp({ config, upstream, logger }: CreateAppOptions) {
  const allowlist = config.endpoints ? new Set(config.endpoints) : undefined;
  const secrets = [config.personalApiKey?.()].filter((secret): secret is string => Boolean(secret));
  const app = new Hono<AppEnv>();

  app.use('*', requestContext(logger));
  app.use('*', stripCredentials());
  if (config.corsOrigins.length > 0) {
    app.use(
      '/v1/*',
      cors({
        origin: [...config.corsOrigins],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Content-Type', 'Authorization'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  app.use('/v1/*', noStore());

  app.onError((error, c) => errorResponse(error, c, logger, secrets));
  app.notFound(() => new ApiError(404, 'endpoint_not_found', 'No such route').toResponse());

  app.get('/healthz', (c) => c.json({ status: 'ok', upstream: upstream.kind }));
  app.all('/healthz', rejectMethod(['GET', 'HEAD']));

  app.get('/v1/endpoints', listEndpoints({ upstream, allowlist }));
  app.all('/v1/endpoints', rejectMethod(['GET', 'HEAD']));

  app.post(
    RUN_PATH,
    // Refuses a declared or streamed body over the limit before it is buffered; run-request.ts caps
    // the read again in case Content-Length understated it.
    bodyLimit({
      maxSize: MAX_RUN_BODY_BYTES,
      onError: () => {
        throw payloadTooLarge();
      },
    }),
    runEndpoint({ upstream, allowlist }),
  );
  app.all(RUN_PATH, rejectMethod(['POST']));

  return app;
}

export type ProxyApp = ReturnType<typeof createApp>;

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
