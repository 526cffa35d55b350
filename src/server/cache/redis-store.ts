/**
 * The answer store shared by replicas (REDIS_URL). One string per entry: a JSON header line with the
 * entry's times and ETag, a newline, then the body (serialised JSON never holds a raw newline), set with
 * its retention as PX so Redis drops it on its own. Any Redis failure reads as a miss and is logged once
 * per outage by the connection itself; a request never fails because the cache did.
 */
import type { Redis } from 'ioredis';
import { isRecord } from '../is-record.js';
import { sharedKeyOf } from './cache-key.js';
import type { ProxyLogger } from '../logger.js';
import type { AnswerStore, CachedAnswer } from './types.js';

/** Larger answers are served but not shared: one huge value would slow every replica reading it. */
const MAX_VALUE_BYTES = 8 * 1024 * 1024;

export class RedisAnswerStore implements AnswerStore {
  readonly kind = 'redis';

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly logger: ProxyLogger,
  ) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    let value: string | null;
    try {
      value = await this.client.get(await this.#key(key));
    } catch (error) {
      this.logger.debug({ err: error }, 'redis cache read failed');
      return undefined;
    }
    return value === null ? undefined : decode(value);
  }

  async set(key: string, answer: CachedAnswer, retainMs: number): Promise<void> {
    const value = encode(answer);
    if (value.length > MAX_VALUE_BYTES) return;
    try {
      await this.client.set(await this.#key(key), value, 'PX', Math.max(1, Math.round(retainMs)));
    } catch (error) {
      this.logger.debug({ err: error }, 'redis cache write failed');
    }
  }

  bytes(): undefined {
    return undefined;
  }

  async #key(key: string): Promise<string> {
    return `${this.prefix}answer:${await sharedKeyOf(key)}`;
  }
}

function encode(answer: CachedAnswer): string {
  const header = { e: answer.etag, s: answer.storedAt, t: answer.ttlMs, d: answer.dataAt };
  return `${JSON.stringify(header)}\n${answer.body}`;
}

/** Undefined for anything not written by encode (another version, or a tampered value). */
function decode(value: string): CachedAnswer | undefined {
  const newline = value.indexOf('\n');
  if (newline < 0) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(value.slice(0, newline));
  } catch {
    return undefined;
  }
  if (!isRecord(header) || typeof header.e !== 'string') return undefined;
  if (typeof header.s !== 'number' || typeof header.t !== 'number') return undefined;
  const answer: CachedAnswer = {
    body: value.slice(newline + 1),
    etag: header.e,
    storedAt: header.s,
    ttlMs: header.t,
  };
  if (typeof header.d === 'number') answer.dataAt = header.d;
  return answer;
}
