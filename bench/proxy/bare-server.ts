/**
 * The baseline for the proxy benchmark: a bare node:http server that answers every request with the
 * bytes in the file named by argv[2] (a cached answer the proxy sent), as JSON. It drains the request
 * body first, as the proxy must. It listens on PORT (the bench picks a free one).
 *
 * With `--proxy-headers` it also sends the headers the proxy must send on a cache hit (a fresh request
 * id, the ETag, `Cache-Control: private`, `nosniff`, `Referrer-Policy`) and nothing more: the cost of
 * those headers alone, before any check, cache lookup or log line. With `--read-body` as well it
 * reads the body into a string before answering, as a proxy that decides on the body must: the floor
 * under any such proxy on node:http.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = readFileSync(process.argv[2] ?? '');
const proxyHeaders = process.argv.includes('--proxy-headers');
const readBody = process.argv.includes('--read-body');
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  if (readBody) req.on('data', (chunk: Buffer) => chunks.push(chunk));
  else req.resume();
  req.on('end', () => {
    // Decoded as the proxy decodes it; what a proxy then does with the text is its own cost.
    if (readBody) Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': body.length,
    };
    if (proxyHeaders) {
      headers.ETag = 'W/"bench-etag-of-the-cached-answer"';
      headers['Cache-Control'] = 'private, no-cache';
      headers['X-Request-Id'] = randomUUID();
      headers['X-Content-Type-Options'] = 'nosniff';
      headers['Referrer-Policy'] = 'no-referrer';
    }
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
