import { VisibilityController } from '../../controllers/visibility-controller.js';
import { RefreshSchedule } from './refresh-schedule.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** "Near the viewport" for `loading="lazy"`: about a screen ahead, as browsers load lazy images. */
const LAZY_ROOT_MARGIN = '600px 0px';

export interface FetchGateOptions {
  /** `loading="lazy"`: the first fetch waits until the host nears the viewport. */
  lazy: () => boolean;
  /** `refresh-interval` in seconds; 0 or less (or NaN) means no polling. */
  interval: () => number;
  /** Re-runs the host's request: one poll. */
  refresh: () => void;
}

/**
 * When an element may fetch. Its first request waits for a visible tab and, when lazy, for the
 * element to near the viewport; the gate then stays open, so scrolling away or switching tabs
 * never takes back what is drawn. Polls run only while the element can be seen (a poll that falls
 * due meanwhile runs once it can). The viewport is observed only while that matters: before a
 * lazy first fetch, and while polling.
 */
export class FetchGate implements ReactiveController {
  private _open = false;
  private readonly _visibility: VisibilityController;
  private readonly _polls: RefreshSchedule;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly options: FetchGateOptions,
  ) {
    this._visibility = new VisibilityController(host, {
      rootMargin: LAZY_ROOT_MARGIN,
      onChange: () => {
        this.update();
        this._polls.resume();
      },
    });
    this._polls = new RefreshSchedule(host, {
      refresh: options.refresh,
      canRun: () => this._visibility.visible,
    });
    host.addController(this);
  }

  /** Whether the element may fetch (latched once open). */
  get open(): boolean {
    return this._open;
  }

  hostConnected(): void {
    this.update();
  }

  /** Re-reads `lazy` and `interval`; call when either changes. Opens the gate once the element can be seen. */
  update(): void {
    const seen = this._visibility.pageVisible && (!this.options.lazy() || this._visibility.nearViewport);
    if (!this._open && seen) {
      this._open = true;
      this.host.requestUpdate();
    }
    const lazyWait = this.options.lazy() && !this._open;
    this._visibility.watchViewport(lazyWait || this.options.interval() > 0);
  }

  /** Starts the countdown to the next poll after a run settled, waiting at least `minSeconds`. */
  pollAfter(minSeconds = 0): void {
    const interval = this.options.interval();
    if (interval > 0) this._polls.start(Math.max(interval, minSeconds));
    else this._polls.stop();
  }
}
