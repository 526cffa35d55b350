import { clock } from '../../src/internal/clock.js';
import type { Clock } from '../../src/internal/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A fake clock for `refresh-interval` and token lifetimes: installed over the elements' `clock`
 * (src/internal/clock.ts), it holds every timer the elements start and fires them only when the test moves
 * time forward, so polling and token expiry are tested without waiting for real seconds.
 */
export class FakeClock {
  private _now = 0;
  private _nextId = 1;
  private _timers: Timer[] = [];
  private _original: Clock | undefined;
  /**
   * The real time at install, to the second: the fake time counts from it, so tokens minted in a
   * test (whose `iat` and `exp` are whole seconds) expire exactly when the test says.
   */
  private _epoch = 0;

  /** Takes over the elements' `clock` until {@linkcode uninstall}. */
  install(): this {
    this._original = { ...clock };
    this._epoch = Math.floor(Date.now() / 1000) * 1000;
    clock.now = () => this.now;
    clock.setTimeout = (callback, ms) => {
      const timer = { id: this._nextId++, at: this._now + ms, callback };
      this._timers.push(timer);
      return timer.id;
    };
    clock.clearTimeout = (id) => {
      this._timers = this._timers.filter((timer) => timer.id !== id);
    };
    return this;
  }

  uninstall(): void {
    if (this._original) Object.assign(clock, this._original);
    this._original = undefined;
    this._timers = [];
  }

  /** The fake time, in milliseconds since the epoch (as `Date.now()`). */
  get now(): number {
    return this._epoch + this._now;
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this._timers.length;
  }

  /** The delays (from now, in ms) of the waiting timers, soonest first. */
  get delays(): number[] {
    return this._timers.map((timer) => timer.at - this._now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  tick(ms: number): void {
    const until = this._now + ms;
    for (;;) {
      const next = [...this._timers].sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > until) break;
      this._timers = this._timers.filter((timer) => timer !== next);
      this._now = next.at;
      next.callback();
    }
    this._now = until;
  }
}
