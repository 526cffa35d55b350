import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clock } from '../../internal/clock.js';

/**
 * The shortest interval honoured. Below it a typo (`refresh-interval="0.5"`) would turn a dashboard
 * into a load test of the proxy; PostHog's own dashboards refresh at most every few minutes.
 */
export const MIN_REFRESH_SECONDS = 5;

/**
 * The longest delay a browser timer keeps: past 2^31 - 1 ms (24.8 days) it fires at once, which would
 * turn `refresh-interval="3600000"` (milliseconds written by mistake) into a request storm.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RefreshScheduleOptions {
  /** Re-runs the host's request. */
  refresh: () => void;
  /** Whether a refresh may run now (someone can see the host). */
  canRun: () => boolean;
}

/**
 * Polling for one element: a countdown started after each run settles, so a slow answer never
 * overlaps the next poll. A countdown that ends while nobody can see the element leaves the
 * refresh due; {@linkcode resume} runs it once the element is seen again, so a hidden tab sends
 * nothing and catches up with one request. Stops when the host disconnects.
 */
export class RefreshSchedule implements ReactiveController {
  private _timer: unknown;
  private _due = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: RefreshScheduleOptions,
  ) {
    host.addController(this);
  }

  /** Starts the countdown to the next refresh; `seconds` of 0 or less (or NaN) stops polling. */
  start(seconds: number): void {
    this.stop();
    if (!(seconds > 0)) return;
    const ms = Math.min(Math.max(seconds, MIN_REFRESH_SECONDS) * 1000, MAX_TIMER_MS);
    this._timer = clock.setTimeout(() => {
      this._timer = undefined;
      if (this.options.canRun()) this.options.refresh();
      else this._due = true;
    }, ms);
  }

  /** Runs a refresh that fell due while the element could not be seen, if it can be now. */
  resume(): void {
    if (!this._due || !this.options.canRun()) return;
    this._due = false;
    this.options.refresh();
  }

  stop(): void {
    if (this._timer !== undefined) clock.clearTimeout(this._timer);
    this._timer = undefined;
    this._due = false;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
