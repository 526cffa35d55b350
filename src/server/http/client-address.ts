/**
 * The client's address, for per-IP limits and as the tenant without tokens. It comes from the socket
 * when the runtime exposes one (`@hono/node-server` and the Node adapter pass `{incoming}` as the
 * environment); behind one trusted reverse proxy, from the last `X-Forwarded-For` entry, the one that
 * proxy added. Earlier entries are whatever the client claimed, so they are never used.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './middleware.js';

const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

export function clientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const forwarded = trustProxy ? lastForwarded(c.req.header('x-forwarded-for')) : undefined;
    const address = forwarded ?? socketAddress(c.env);
    if (address) c.set('clientIp', address.replace(/^::ffff:(?=\d+\.)/, ''));
    await next();
  };
}

function lastForwarded(header: string | undefined): string | undefined {
  const last = header?.split(',').at(-1)?.trim();
  return last && ADDRESS.test(last) ? last : undefined;
}

function socketAddress(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' && ADDRESS.test(address) ? address : undefined;
}
