/**
 * A tiny loopback HTTP server for the render bench: static files from memory, and the proxy's
 * run route answering the sample endpoints the way the ph-embed proxy would (shaped by the same
 * code as the component tests' fake proxy). Nothing is cacheable, so every page load fetches
 * everything afresh.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  type: string;
  body: string | Buffer;
}

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

const RUN_ROUTE = /^\/v1\/endpoints\/([^/]+)\/run$/;

export async function startServer(
  files: ReadonlyMap<string, StaticFile>,
  answer: (name: string) => unknown,
): Promise<BenchServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const run = RUN_ROUTE.exec(path);
    if (run && req.method === 'POST') {
      // Drain the body (its variables change nothing in a fixture's answer).
      req.resume();
      req.on('end', () => {
        const body = answer(decodeURIComponent(run[1]!));
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(
          JSON.stringify(body ?? { error: { code: 'endpoint_not_found', message: 'No.', retryable: false } }),
        );
      });
      return;
    }
    const file = files.get(path);
    res.writeHead(file ? 200 : 404, {
      'content-type': file?.type ?? 'text/plain',
      'cache-control': 'no-store',
    });
    res.end(file?.body ?? 'not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
