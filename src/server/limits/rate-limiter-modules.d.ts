// rate-limiter-flexible's index requires every limiter it has (cluster IPC, Mongo, MySQL, Valkey...),
// which pulls Node's `cluster` and optional drivers into a bundle for a Worker or an edge route. The
// proxy imports the three classes it uses from their own files; these give those files the package's
// own types. MemoryStorage is the store RateLimiterMemory counts in; the package exports no type for it.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export default RateLimiterMemory;
}
declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  import { RateLimiterRedis } from 'rate-limiter-flexible';
  export default RateLimiterRedis;
}
declare module 'rate-limiter-flexible/lib/RateLimiterRes.js' {
  import { RateLimiterRes } from 'rate-limiter-flexible';
  export default RateLimiterRes;
}
declare module 'rate-limiter-flexible/lib/component/MemoryStorage/MemoryStorage.js' {
  import type { RateLimiterRes } from 'rate-limiter-flexible';
  export default class MemoryStorage {
    /** Adds `value` to the key's count, starting a window of `durationSec` when it has none. */
    incrby(key: string, value: number, durationSec: number): RateLimiterRes;
  }
}
