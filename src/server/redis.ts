/**
 * The Redis connection behind scale-out (REDIS_URL): the shared answer cache, the single-flight locks
 * and the rate limits. Commands fail fast instead of queueing while Redis is away (no offline queue, a
 * one-second command timeout), and every user of the connection treats a failure as "no shared state
 * right now": the cache misses, the lock is skipped, the limiter falls back to memory. Redis being down
 * makes the proxy less efficient, never unavailable. The URL may hold a password, so it is never logged.
 */
import { Redis } from 'ioredis';
import type { ProxyLogger } from './logger.js';

export interface ConnectRedisOptions {
  logger: ProxyLogger;
  /** How long start-up waits for the first connection. */
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** Connects and waits until Redis answers; throws (and stops reconnecting) when it cannot. */
export async function connectRedis(url: string, options: ConnectRedisOptions): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    connectionName: 'ph-embed',
    retryStrategy: (times) => Math.min(100 * 2 ** times, 2000),
  });
  // connect() rejects with a generic "Connection is closed"; the socket's own error says why.
  let cause: unknown;
  const remember = (error: unknown) => {
    cause ??= error;
  };
  client.on('error', remember);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(`could not connect to REDIS_URL: ${describe(cause ?? error)}`, { cause: error });
  } finally {
    client.off('error', remember);
  }
  watch(client, options.logger, 'main');
  return client;
}

/** A second connection for SUBSCRIBE, which takes a connection over. */
export async function connectSubscriber(client: Redis, logger: ProxyLogger): Promise<Redis> {
  const subscriber = client.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  watch(subscriber, logger, 'subscriber');
  await subscriber.connect();
  return subscriber;
}

/** QUIT when Redis answers, a hard disconnect when it does not: shutdown must not hang on it. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

function watch(client: Redis, logger: ProxyLogger, role: string): void {
  let healthy = true;
  // One line per outage rather than one per reconnect attempt. A server that closes the connection
  // cleanly emits no error, only the reconnect that follows; QUIT emits neither.
  const lost = (reason: string) => {
    if (!healthy) return;
    healthy = false;
    logger.error({ redis: role, reason }, 'redis connection failed; using local state meanwhile');
  };
  client.on('error', (error: unknown) => lost(describe(error)));
  client.on('reconnecting', () => lost('connection closed'));
  client.on('ready', () => {
    if (healthy) return;
    healthy = true;
    logger.warn({ redis: role }, 'redis connection restored');
  });
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
