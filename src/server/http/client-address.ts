/**
 * The client's address, for per-IP limits and as the tenant without tokens. It comes from the socket
 * when the runtime exposes one (`@hono/node-server` and the Node adapter pass `{incoming}` as the
 * environment); behind one trusted reverse proxy, from the last `X-Forwarded-For` entry, the one that
 * proxy added. Earlier entries are whatever the client claimed, so they are never used.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './middleware.js';

const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** The address of a call from its `X-Forwarded-For` (trusted only with `trustProxy`) and its socket. */
export function clientAddressOf(
  trustProxy: boolean,
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
): string | undefined {
  const forwarded = trustProxy ? lastForwarded(forwardedFor) : undefined;
  const address =
    forwarded ?? (socketAddress !== undefined && ADDRESS.test(socketAddress) ? socketAddress : undefined);
  return address?.replace(/^::ffff:(?=\d+\.)/, '');
}

export function clientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = clientAddressOf(trustProxy, c.req.header('x-forwarded-for'), socketAddressOf(c.env));
    if (address) c.set('clientIp', address);
    await next();
  };
}

/** The socket's peer address when the runtime passes `{incoming}` as the environment (Node). */
export function socketAddressOf(env: unknown): string | undefined {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}

function lastForwarded(header: string | undefined): string | undefined {
  const last = header?.split(',').at(-1)?.trim();
  return last && ADDRESS.test(last) ? last : undefined;
}
