/** The time and timers the elements use. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The one clock behind token lifetimes (data/token-source.ts) and `refresh-interval` polling
 * (endpoint-chart/refresh-schedule.ts). Tests replace its methods with a fake clock
 * (test/helpers/fake-clock.ts) to bring a token's `exp` near or step through intervals without
 * waiting; nothing else should.
 */
export const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};
