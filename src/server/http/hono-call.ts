/** A Hono request as a ProxyCall (http/call.ts): how every runtime but the Node fast lane reaches the checks. */
import type { Context } from 'hono';
import { readCapped } from '../routes/run-request.js';
import type { ProxyCall } from './call.js';
import { socketAddressOf } from './client-address.js';

export function honoCall(c: Context): ProxyCall {
  return {
    method: c.req.method,
    path: c.req.path,
    header: (name) => c.req.header(name),
    get host() {
      return new URL(c.req.url).host;
    },
    socketAddress: socketAddressOf(c.env),
    readText: (maxBytes) => readCapped(c.req.raw, maxBytes),
    signal: () => c.req.raw.signal,
  };
}
