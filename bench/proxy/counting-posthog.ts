/**
 * A minimal PostHog for the cold-start benchmark: it serves the recorded fixtures' definitions and run
 * answers, holds every run answer back for `delayMs` (so a thousand requests pile up behind the first),
 * and counts what it was asked.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingPostHog {
  url: string;
  projectId: string;
  key: string;
  counts: { run: number; definition: number; other: number };
  close(): Promise<void>;
}

const PATH = /^\/api\/projects\/1\/endpoints\/([a-z_]+)\/(run\/)?$/;

export async function startCountingPostHog(delayMs: number): Promise<CountingPostHog> {
  const key = 'phx_bench_key_not_secret';
  const counts = { run: 0, definition: 0, other: 0 };
  const fixtures = new Map<string, { endpoint: unknown; run: unknown }>();
  const fixture = (name: string) => {
    if (!fixtures.has(name)) {
      const url = new URL(`../../test/fixtures/endpoints/${name}.json`, import.meta.url);
      fixtures.set(name, JSON.parse(readFileSync(url, 'utf8')) as { endpoint: unknown; run: unknown });
    }
    return fixtures.get(name);
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const match = PATH.exec(req.url ?? '');
      const found =
        match && req.headers.authorization === `Bearer ${key}` ? fixture(match[1] ?? '') : undefined;
      if (!match || !found) {
        counts.other++;
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not found."}');
        return;
      }
      const send = (json: unknown) =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
      if (match[2]) {
        counts.run++;
        setTimeout(() => send(found.run), delayMs);
      } else {
        counts.definition++;
        send(found.endpoint);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    projectId: '1',
    key,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
