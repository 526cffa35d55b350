/**
 * A least-recently-used map bounded by a total size (bytes for answers, 1 per entry for definitions),
 * with a lifetime per entry on an injectable clock. A Map keeps insertion order, so re-inserting on
 * read (at most once a second per entry) makes its first key the least recently used. Written here rather than taken from lru-cache so
 * that app.ts keeps to web-standard code (routes.test.ts holds it to that).
 */

export interface BoundedLruOptions<V> {
  /** Total size the entries may take. */
  maxSize: number;
  /** One entry may take at most this much; a bigger one is not kept (default: maxSize). */
  maxEntrySize?: number;
  sizeOf: (value: V, key: string) => number;
  /** Epoch ms (or any monotonic ms) for lifetimes. */
  clock?: () => number;
}

interface Slot<V> {
  value: V;
  size: number;
  expiresAt: number;
  /** When it last moved to the recent end. */
  touchedAt: number;
}

/**
 * A read moves an entry to the recent end at most this often: re-inserting on every read was a Map
 * delete and set on every cache hit, and an eviction order finer than a second buys nothing.
 */
const TOUCH_EVERY_MS = 1000;

export class BoundedLru<V> {
  readonly #slots = new Map<string, Slot<V>>();
  readonly #maxSize: number;
  readonly #maxEntrySize: number;
  readonly #sizeOf: (value: V, key: string) => number;
  readonly #clock: () => number;
  #size = 0;

  constructor(options: BoundedLruOptions<V>) {
    this.#maxSize = options.maxSize;
    this.#maxEntrySize = Math.min(options.maxEntrySize ?? options.maxSize, options.maxSize);
    this.#sizeOf = options.sizeOf;
    this.#clock = options.clock ?? Date.now;
  }

  /** Total size of the entries held. */
  get size(): number {
    return this.#size;
  }

  get count(): number {
    return this.#slots.size;
  }

  get(key: string): V | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    const now = this.#clock();
    if (now >= slot.expiresAt) {
      this.delete(key);
      return undefined;
    }
    if (now - slot.touchedAt >= TOUCH_EVERY_MS) {
      slot.touchedAt = now;
      this.#slots.delete(key);
      this.#slots.set(key, slot);
    }
    return slot.value;
  }

  /** Keeps `value` for `ttlMs`; returns false (and drops any older value) when it is too big to keep. */
  set(key: string, value: V, ttlMs: number): boolean {
    this.delete(key);
    const size = this.#sizeOf(value, key);
    if (size > this.#maxEntrySize) return false;
    const now = this.#clock();
    this.#slots.set(key, { value, size, expiresAt: now + ttlMs, touchedAt: now });
    this.#size += size;
    for (const [oldest, slot] of this.#slots) {
      if (this.#size <= this.#maxSize) break;
      this.#slots.delete(oldest);
      this.#size -= slot.size;
    }
    return true;
  }

  delete(key: string): void {
    const slot = this.#slots.get(key);
    if (!slot) return;
    this.#slots.delete(key);
    this.#size -= slot.size;
  }
}
