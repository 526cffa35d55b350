/**
 * The in-process answer store: an LRU bounded in bytes (PH_EMBED_CACHE_MAX_BYTES), so a few huge SQL
 * results cannot push the process out of memory the way an entry-count bound would let them. One entry
 * may take at most a quarter of the budget; a bigger answer is served but not kept.
 */
import { BoundedLru } from './lru.js';
import type { AnswerStore, CachedAnswer } from './types.js';

/** Rough cost of an entry's object, key and bookkeeping beyond its body. */
const ENTRY_OVERHEAD_BYTES = 256;

export class MemoryAnswerStore implements AnswerStore {
  readonly kind = 'memory';
  readonly #lru: BoundedLru<CachedAnswer>;

  /** `clock` (epoch ms) drives retention, so tests can age entries without waiting. */
  constructor(maxBytes: number, clock: () => number = Date.now) {
    this.#lru = new BoundedLru<CachedAnswer>({
      maxSize: maxBytes,
      maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
      // Expired entries are dropped when read; the byte bound holds whether or not they are.
      sizeOf: (answer, key) => byteLength(answer.body) + key.length * 2 + ENTRY_OVERHEAD_BYTES,
      clock,
    });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    return this.#lru.get(key);
  }

  peek(key: string): CachedAnswer | undefined {
    return this.#lru.get(key);
  }

  async set(key: string, answer: CachedAnswer, retainMs: number): Promise<void> {
    this.#lru.set(key, answer, Math.max(1, retainMs));
  }

  bytes(): number {
    return this.#lru.size;
  }

  /** Entries held (for tests). */
  get size(): number {
    return this.#lru.count;
  }
}

/** Caching turned off (PH_EMBED_CACHE_MAX_BYTES=0): single-flight still applies. */
export class NoAnswerStore implements AnswerStore {
  readonly kind = 'off';
  async get(): Promise<undefined> {
    return undefined;
  }
  peek(): undefined {
    return undefined;
  }
  async set(): Promise<void> {}
  bytes(): number {
    return 0;
  }
}

/** UTF-8 length without allocating: answers are mostly ASCII, so this is close to `body.length`. */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // 2 bytes up to U+07FF, 3 above; a surrogate pair is 4 bytes over its 2 code units.
    if (code > 0x7f) bytes += code <= 0x7ff || (code >= 0xd800 && code <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
