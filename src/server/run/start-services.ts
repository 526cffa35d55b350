/**
 * Services for a listening server: on Redis when REDIS_URL is set (connecting first, and refusing to
 * start when it cannot), in memory otherwise. Kept out of services.ts so that the web-standard app
 * never imports the Redis client; main.ts (and any Node adapter) starts services through here.
 */
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis, connectSubscriber } from '../redis.js';
import type { Upstream } from '../upstreams/types.js';
import { RedisFlightLock } from './redis-lock.js';
import {
  REDIS_KEY_PREFIX,
  createServices,
  type ProxyServices,
  type ServicesConfig,
  type ServicesOptions,
} from './services.js';

export async function startProxyServices(
  config: ServicesConfig & { redisUrl?: () => string | undefined },
  upstream: Upstream,
  options: ServicesOptions,
): Promise<ProxyServices> {
  const url = config.redisUrl?.();
  if (!url) return createServices(config, upstream, options);
  const client = await connectRedis(url, { logger: options.logger });
  let subscriber: Redis | undefined;
  try {
    subscriber = await connectSubscriber(client, options.logger);
    const lock = await RedisFlightLock.create(client, subscriber, REDIS_KEY_PREFIX);
    const connections = [subscriber, client];
    const close = async () => void (await Promise.all(connections.map(closeRedis)));
    return createServices(config, upstream, options, { client, subscriber, lock, close });
  } catch (error) {
    subscriber?.disconnect();
    client.disconnect();
    throw error;
  }
}
