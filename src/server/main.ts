/**
 * Listens: builds the upstream and the app from the config, serves the built demo at `/`, and shuts
 * down gracefully (stop accepting, finish requests in flight, then exit). `startServer` is exported
 * so tests and the end-to-end suite run the real server on port 0.
 */
import { existsSync, realpathSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp, type ProxyApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
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
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then resolves. */
  close(): Promise<void>;
}

const DEMO_MISSING_PAGE = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>ph-embed proxy</title>
<body><h1>ph-embed proxy</h1>
<p>The proxy is running, but the demo is not built. Run <code>npm run build:demo</code> and reload.</p>
<p>API: <code>GET /v1/endpoints</code>, <code>POST /v1/endpoints/{name}/run</code>, <code>GET /healthz</code>.</p>
</body></html>
`;

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger =
    options.logger ?? createLogger({ level: config.logLevel, secrets: [config.personalApiKey()] });
  const upstream = options.upstream ?? createUpstream(config);
  const app = createApp({ config, upstream, logger });
  mountDemo(app, config.demoDir);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, upstream: upstream.kind }, 'listening');

  let closing = false;
  // A keep-alive connection that finishes its last request after close() began would otherwise idle
  // until its keep-alive timeout and hold shutdown up; close it as soon as its answer is out.
  server.on('request', (_req, res: ServerResponse) => {
    res.once('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  const close = once(() => {
    closing = true;
    return shutDown(server, options.shutdownGraceMs ?? 10_000);
  });
  if (options.handleSignals) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
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
  return { url, close };
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
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ph-embed: ${error.message}\n`);
    process.exit(1);
  }
  try {
    const { url } = await startServer(config, { handleSignals: true });
    process.stdout.write(`ph-embed proxy listening on ${url} (upstream: ${config.upstream})\n`);
  } catch (error) {
    process.stderr.write(`ph-embed: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
