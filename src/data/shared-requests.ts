/**
 * Single-flight for the browser: identical requests that overlap share one underlying call.
 * A dashboard with three tiles over the same endpoint and variables sends one request, not three.
 */
import { abortReason, untilAborted } from './abort.js';

interface InFlight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  callers: number;
}

/**
 * JSON with object keys sorted at every level, so `{a, b}` and `{b, a}` make the same key (and
 * the same request body, which keeps the proxy's cache keys stable too).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (typeof nested !== 'object' || nested === null || Array.isArray(nested)) return nested;
    const entries = Object.entries(nested as Record<string, unknown>);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export class SharedRequests<T> {
  private readonly _inFlight = new Map<string, InFlight<T>>();

  /**
   * Joins the call in flight under `key`, or starts one with `start`. Each caller's `signal`
   * detaches only that caller (its promise rejects with the abort reason at once); the shared
   * call is aborted when the last caller leaves, so nobody pays for an answer nobody wants.
   */
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const entry = this._inFlight.get(key) ?? this._start(key, start);
    entry.callers += 1;

    return untilAborted(entry.promise, signal, () => this._leave(key, entry));
  }

  private _start(key: string, start: (signal: AbortSignal) => Promise<T>): InFlight<T> {
    const controller = new AbortController();
    const promise = start(controller.signal).finally(() => {
      if (this._inFlight.get(key) === entry) this._inFlight.delete(key);
    });
    const entry: InFlight<T> = { promise, controller, callers: 0 };
    this._inFlight.set(key, entry);
    return entry;
  }

  private _leave(key: string, entry: InFlight<T>): void {
    entry.callers -= 1;
    if (entry.callers > 0) return;
    // Forget it first: a new identical request must start afresh, not join an aborted call.
    if (this._inFlight.get(key) === entry) this._inFlight.delete(key);
    entry.controller.abort();
  }
}
