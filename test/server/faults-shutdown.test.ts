/**
 * Shutdown as a fault the proxy must handle: a request in flight when SIGTERM arrives is answered, and
 * told `Connection: close` so the client does not reuse a socket that is about to go.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { test } from 'node:test';
import { startProxy } from './helpers/resilient-proxy.js';

test('an answer finished during shutdown carries Connection: close, and close() waits for it', async () => {
  const p = await startProxy();
  try {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    p.fake.script('run', { wait: gate, then: { status: 200, json: { results: [] } } });
    const agent = new Agent({ keepAlive: true });
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>(
      (resolve, reject) => {
        const req = request(
          `${p.server.url}/v1/endpoints/total_signups/run`,
          { method: 'POST', agent, headers: { 'Content-Type': 'application/json' } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }),
            );
          },
        );
        req.on('error', reject);
        req.end('{}');
      },
    );
    await p.fake.waitForRequest((r) => r.method === 'POST');
    let closed = false;
    const closing = p.server.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false);
    release();
    const { status, connection, body } = await answer;
    assert.equal(status, 200);
    assert.equal(connection, 'close');
    assert.match(body, /"results":\[\]/);
    await closing;
    agent.destroy();
  } finally {
    await p.close();
  }
});
