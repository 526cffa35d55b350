/**
 * Listens: builds the upstream, the services (cache, limits, metrics; on Redis when REDIS_URL is set)
 * and the app from the config, serves the built demo at `/`, and shuts down gracefully: stop accepting,
 * tell keep-alive clients to go, finish requests in flight, let background refreshes settle, release
 * Redis, then exit. `startServer` is exported so tests and the end-to-end suite run the real server on
 * port 0.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ProxyApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { demoRequested, mountDemoTokens, withDemoSecret } from './demo.js';
import { createHandler } from './handler.js';
import { isEntryPoint } from './entry-point.js';
import { handleClientErrors, laneOf } from './http/node-adapter.js';
import { createLogger, type Logger } from './logger.js';
import { RecordingUpstream } from './record.js';
import type { ProxyServices, ServicesOptions } from './run/services.js';
import { startProxyServices } from './run/start-services.js';
import { createUpstream } from './upstreams/create-upstream.js';
import type { Upstream } from './upstreams/types.js';

export interface StartServerOptions {
  /** Defaults to a JSON logger on stdout at the configured level. */
  logger?: Logger;
  /** Defaults to the upstream the config names. */
  upstream?: Upstream;
  /** Install SIGTERM/SIGINT handlers that shut down and exit (only the command line wants this). */
  handleSignals?: boolean;
  /** How long in-flight requests may take to finish once closing starts. */
  shutdownGraceMs?: number;
  /** Clock and jitter for the cache and retries; tests pass fakes to age entries without waiting. */
  services?: Pick<ServicesOptions, 'clock' | 'random' | 'retryPolicy'>;
  /** Demo mode: adds `POST /demo/token` (src/server/demo.ts); ignored unless HOST is loopback. */
  demo?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then resolves. */
  close(): Promise<void>;
  /** The cache, limits and metrics this server runs with (tests read counters from them). */
  services: ProxyServices;
}

const DEMO_MISSING_PAGE = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>ph-embed proxy</title>
<body><h1>ph-embed proxy</h1>
<p>The proxy is running; no demo is served here. On your own machine, <code>npm start</code> builds and serves it.</p>
<p>API: <code>GET /v1/endpoints</code>, <code>POST /v1/endpoints/{name}/run</code>, <code>GET /healthz</code>.</p>
</body></html>
`;

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      secrets: [
        config.personalApiKey(),
        config.metricsToken(),
        redisPassword(config),
        ...config.embedSecrets(),
      ],
    });
  // An upstream we build here is ours to close (the local engine holds a database); a given one is not.
  const owned = options.upstream ? undefined : await createUpstream(config, logger);
  const live = options.upstream ?? (owned as Upstream);
  const upstream = config.recordDir ? new RecordingUpstream(live, { dir: config.recordDir, logger }) : live;
  const services = await startProxyServices(config, upstream, { logger, ...options.services });
  // The same handler `createHandler` gives every other runtime, with the demo mounted beside the API.
  const handler = createHandler({ config, upstream, logger, services });
  const demoTokens = options.demo === true && mountDemoTokens(handler.app, config);
  mountDemo(handler.app, config.demoDir);

  // Run calls take the lane straight from node:http; everything else goes through the app.
  const lane = laneOf(handler);
  const general = getRequestListener(handler);
  const server = createServer((req, res) => {
    if (!lane?.(req, res)) void general(req, res);
  });
  handleClientErrors(server);
  server.listen(config.port, config.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await services.close();
    owned?.close?.();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info(
    {
      url,
      upstream: upstream.kind,
      cache: services.store.kind,
      recording: config.recordDir !== undefined,
      demoTokens,
    },
    'listening',
  );

  let closing = false;
  const unanswered = new Set<ServerResponse>();
  // A keep-alive connection that finishes its last request after close() began would otherwise idle
  // until its keep-alive timeout and hold shutdown up; close it as soon as its answer is out. 'close'
  // follows 'finish' and an abort alike; one listener shared by every answer, since it runs on each.
  function answered(this: ServerResponse): void {
    unanswered.delete(this);
    if (closing) setImmediate(() => server.closeIdleConnections());
  }
  server.on('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    else unanswered.add(res);
    res.on('close', answered);
  });
  const close = once(async () => {
    closing = true;
    // Answers still to come tell their clients not to reuse this socket, so they reconnect to a replica
    // that is staying up instead of finding this one gone.
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    try {
      await shutDown(server, options.shutdownGraceMs ?? 10_000);
    } finally {
      // After the last answer: refreshes behind stale answers finish, then Redis is released.
      await services.close();
      owned?.close?.();
    }
  });
  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      // A second signal means "now": the operator has seen enough of the graceful path.
      process.once(signal, () => process.exit(1));
      close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url, close, services };
}

function redisPassword(config: Config): string | undefined {
  const url = config.redisUrl();
  return url === undefined ? undefined : decodeURIComponent(new URL(url).password) || undefined;
}

function mountDemo(app: ProxyApp, demoDir: string): void {
  // Registered after the API routes, so /v1 and /healthz always win over a file of the same name.
  if (existsSync(demoDir)) app.get('/*', serveStatic({ root: demoDir }));
  else app.get('/', (c) => c.html(DEMO_MISSING_PAGE));
  // Browsers ask for it unprompted; an empty answer keeps a 404 out of the demo's console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
}

function shutDown(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Connections still busy after the grace period are cut so that shutdown always ends.
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

async function main(): Promise<void> {
  let config: Config;
  // `--demo` is the same switch as PH_EMBED_DEMO=true, for shells that cannot set a variable inline.
  const flagged = process.argv.includes('--demo') ? { ...process.env, PH_EMBED_DEMO: 'true' } : process.env;
  const env = withDemoSecret(flagged);
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ph-embed: ${error.message}\n`);
    process.exit(1);
  }
  try {
    const demo = demoRequested(env);
    const { url } = await startServer(config, { handleSignals: true, demo });
    process.stdout.write(`ph-embed proxy listening on ${url} (upstream: ${config.upstream})\n`);
    if (demo)
      process.stdout.write(`demo mode: embed tokens from POST ${url}/demo/token (auth: ${config.auth})\n`);
  } catch (error) {
    process.stderr.write(`ph-embed: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) await main();
