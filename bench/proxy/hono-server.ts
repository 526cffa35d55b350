/**
 * A reference point for the proxy benchmark: Hono on @hono/node-server (the stack the proxy's app is
 * built on) answering every run request with the bytes in the file named by argv[2], reading the body
 * first and doing nothing else. It shows what any web-standard handler costs on Node before a single
 * check runs. It listens on PORT (the bench picks a free one).
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.argv[2] ?? '', 'utf8');
const app = new Hono();
app.post('/v1/endpoints/:name/run', async (c) => {
  await c.req.text();
  return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
});
app.get('/healthz', (c) => c.json({ status: 'ok' }));
const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 0),
  hostname: '127.0.0.1',
}) as Server;
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
