import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface VisibilityOptions {
  /**
   * How far outside the viewport still counts as "near" (IntersectionObserver `rootMargin`).
   * Loading a little ahead of the scroll, as `<img loading="lazy">` does, means a tile is usually
   * drawn by the time it scrolls in.
   */
  rootMargin?: string;
  /** Called whenever {@linkcode VisibilityController.pageVisible} or `nearViewport` changes. */
  onChange?: () => void;
}

/**
 * Tracks whether a host could be seen: its tab is visible (`visibilitychange`) and it is on or
 * near the screen (an IntersectionObserver). Elements use it to defer fetching and to pause
 * polling. Both observers live only while the host is connected, and the intersection observer
 * only while {@linkcode watchViewport} is on: a dashboard of eager, unpolled tiles needs none.
 *
 * Where either API is missing (server rendering, old engines) it reports "visible", so an element
 * never waits for an event that cannot come.
 */
export class VisibilityController implements ReactiveController {
  private _pageVisible = true;
  private _nearViewport = false;
  private _observer: IntersectionObserver | undefined;
  private _connected = false;
  private _watching = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly options: VisibilityOptions = {},
  ) {
    host.addController(this);
  }

  /** The tab is in the foreground (`document.visibilityState` is not `hidden`). */
  get pageVisible(): boolean {
    return this._pageVisible;
  }

  /** The host intersects the viewport grown by `rootMargin`. False until the first observation, and while not watched. */
  get nearViewport(): boolean {
    return this._nearViewport;
  }

  /** Both: someone could be looking at the host. */
  get visible(): boolean {
    return this._pageVisible && this._nearViewport;
  }

  /** Whether to observe the viewport at all (and so whether {@linkcode nearViewport} is kept). */
  watchViewport(on: boolean): void {
    this._watching = on;
    this._syncObserver();
  }

  hostConnected(): void {
    this._connected = true;
    if (typeof document !== 'undefined') {
      this._pageVisible = document.visibilityState !== 'hidden';
      document.addEventListener('visibilitychange', this._onVisibilityChange);
    }
    this._syncObserver();
  }

  hostDisconnected(): void {
    this._connected = false;
    if (typeof document !== 'undefined') {
      document.removeEventListener('visibilitychange', this._onVisibilityChange);
    }
    this._syncObserver();
  }

  private _syncObserver(): void {
    if (!this._connected || !this._watching) {
      this._observer?.disconnect();
      this._observer = undefined;
      this._nearViewport = false;
      return;
    }
    if (this._observer) return;
    if (typeof IntersectionObserver === 'undefined') {
      this._nearViewport = true;
      return;
    }
    this._observer = new IntersectionObserver(this._onIntersection, {
      rootMargin: this.options.rootMargin ?? '0px',
    });
    this._observer.observe(this.host);
  }

  private readonly _onVisibilityChange = (): void => {
    const visible = document.visibilityState !== 'hidden';
    if (visible === this._pageVisible) return;
    this._pageVisible = visible;
    this.options.onChange?.();
  };

  private readonly _onIntersection = (entries: IntersectionObserverEntry[]): void => {
    // Several entries can queue up for one target between callbacks; the last is the current one.
    const near = entries.at(-1)?.isIntersecting ?? this._nearViewport;
    if (near === this._nearViewport) return;
    this._nearViewport = near;
    this.options.onChange?.();
  };
}
