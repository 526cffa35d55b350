/**
 * Sets `key` in an insertion-ordered Map of at most `maxEntries`, dropping the oldest entry first when
 * it is full; a key set again moves to the recent end. For the small memos that must not grow with
 * what callers send (verified tokens, parsed run bodies, variable schemas).
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, maxEntries: number): void {
  map.delete(key);
  if (map.size >= maxEntries) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
