// Serves the built Storybook on a free loopback port and forwards `/v1/*` and `/demo/token` (the demo
// mode's embed tokens) to a proxy, so stories reach the proxy at their own origin, as
// `npm run storybook` arranges through Vite's server.proxy.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A story's request carries this server's origin, which the proxy would refuse as cross-origin: present
 * it as the proxy's own, as a reverse proxy in front of both would. Other origins pass unchanged, so
 * the proxy still refuses them.
 */
function forwardedHeaders(req: IncomingMessage, target: URL): IncomingMessage['headers'] {
  const { origin } = req.headers;
  const sameOrigin =
    origin !== undefined && URL.canParse(origin) && new URL(origin).host === req.headers.host;
  return { ...req.headers, host: target.host, ...(sameOrigin ? { origin: target.origin } : {}) };
}

function forward(req: IncomingMessage, res: ServerResponse, proxyUrl: string): void {
  const target = new URL(req.url ?? '/', proxyUrl);
  const upstream = request(
    target,
    { method: req.method, headers: forwardedHeaders(req, target) },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^[/\\]+/,
    '',
  );
  // Chromium asks every origin for a favicon; Storybook ships none.
  if (path === 'favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const file = join(root, path || 'index.html');
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** Whether `url` (a request's path and query) is for the proxy rather than for a file. */
function isForProxy(url: string): boolean {
  const { pathname } = new URL(url, 'http://x');
  return pathname.startsWith('/v1/') || pathname === '/demo/token';
}

/** Without `proxyUrl`, the proxy's paths are looked up as files like any other path (and not found). */
export async function serveStorybook(root: string, proxyUrl?: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    if (proxyUrl && isForProxy(req.url ?? '/')) forward(req, res, proxyUrl);
    else serveFile(root, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
