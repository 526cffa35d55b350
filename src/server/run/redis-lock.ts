/**
 * The single-flight lock across replicas: `SET NX PX` with a random token, released only by its holder
 * (compare-and-delete in Lua) and announced on a pub/sub channel so waiters wake at once. Waiters also
 * poll for the lock's disappearance, so a lost message or a crashed holder costs latency, not a hang.
 */
import type { Redis } from 'ioredis';
import { sharedKeyOf } from '../cache/cache-key.js';
import type { FlightLock } from './single-flight.js';

/** Deletes the lock only if it still holds our token, then tells waiters the key is free. */
const RELEASE_SCRIPT = `
if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
redis.call('publish', ARGV[2], ARGV[3])
return 1`;

const POLL_MS = 100;

export class RedisFlightLock implements FlightLock {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #waiters = new Map<string, Set<() => void>>();

  /** `subscriber` must be a connection of its own, which this lock subscribes. */
  static async create(client: Redis, subscriber: Redis, prefix: string): Promise<RedisFlightLock> {
    const lock = new RedisFlightLock(client, subscriber, prefix);
    await subscriber.subscribe(lock.#channel);
    return lock;
  }

  private constructor(client: Redis, subscriber: Redis, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
    this.#channel = `${prefix}flight-done`;
    subscriber.on('message', (channel: string, key: string) => {
      if (channel === this.#channel) this.#wake(key);
    });
  }

  async acquire(key: string, ttlMs: number): Promise<string | undefined> {
    const token = crypto.randomUUID();
    const ttl = Math.max(1, Math.round(ttlMs));
    const reply = await this.#client.set(this.#lockKey(await sharedKeyOf(key)), token, 'PX', ttl, 'NX');
    return reply === 'OK' ? token : undefined;
  }

  async release(key: string, token: string): Promise<void> {
    const shared = await sharedKeyOf(key);
    await this.#client.eval(RELEASE_SCRIPT, 1, this.#lockKey(shared), token, this.#channel, shared);
  }

  /** Keys are hashed before they reach Redis or its channel: they hold variable values and tenants. */
  async waitForRelease(key: string, maxMs: number): Promise<void> {
    const shared = await sharedKeyOf(key);
    await new Promise<void>((resolve) => {
      const waiters = this.#waiters.get(shared) ?? new Set();
      this.#waiters.set(shared, waiters);
      const done = () => {
        clearTimeout(deadline);
        clearInterval(poll);
        waiters.delete(done);
        if (waiters.size === 0 && this.#waiters.get(shared) === waiters) this.#waiters.delete(shared);
        resolve();
      };
      waiters.add(done);
      const deadline = setTimeout(done, maxMs);
      const poll = setInterval(() => {
        this.#client.exists(this.#lockKey(shared)).then(
          (count) => {
            if (count === 0) done();
          },
          // Redis is away: stop waiting for a holder that cannot tell us it is done.
          done,
        );
      }, POLL_MS);
    });
  }

  /** Wakes everyone still waiting (on shutdown, so no request waits out a lock timeout). */
  wakeAll(): void {
    for (const key of [...this.#waiters.keys()]) this.#wake(key);
  }

  #wake(key: string): void {
    for (const done of [...(this.#waiters.get(key) ?? [])]) done();
  }

  #lockKey(sharedKey: string): string {
    return `${this.#prefix}lock:${sharedKey}`;
  }
}
