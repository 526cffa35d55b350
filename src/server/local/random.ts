/**
 * A small seeded random stream (mulberry32) for the generator. `Math.random` cannot be seeded, and the
 * generator must give the same rows for the same seed on every machine, so every draw comes from here.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An item drawn in proportion to its `weight`. */
  weighted<T extends { weight: number }>(items: readonly T[]): T;
  /** An index drawn from a cumulative weight table (ascending, last entry = total). */
  fromCdf(cdf: readonly number[]): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** A version-4-shaped UUID string, from the stream (so it is reproducible too). */
  uuid(): string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX[n >>> 24]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const word = (): number => Math.floor(next() * 4_294_967_296);
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      let total = 0;
      for (const item of items) total += item.weight;
      let r = next() * total;
      for (const item of items) {
        r -= item.weight;
        if (r < 0) return item;
      }
      return items[items.length - 1]!;
    },
    fromCdf: (cdf) => {
      const r = next() * cdf[cdf.length - 1]!;
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
    normal: () => {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    uuid: () => {
      const a = word();
      const b = word();
      const c = word();
      const d = word();
      // Version nibble 4 and variant bits 10xx, as in a real v4 UUID.
      return (
        hex32(a) +
        '-' +
        HEX[(b >>> 24) & 0xff]! +
        HEX[(b >>> 16) & 0xff]! +
        '-4' +
        HEX[(b >>> 8) & 0xff]!.slice(1) +
        HEX[b & 0xff]! +
        '-' +
        HEX[0x80 | ((c >>> 24) & 0x3f)]! +
        HEX[(c >>> 16) & 0xff]! +
        '-' +
        HEX[(c >>> 8) & 0xff]! +
        HEX[c & 0xff]! +
        hex32(d)
      );
    },
  };
  return random;
}
