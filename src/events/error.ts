import { PhApiError } from '../data/errors.js';

/**
 * `ph-error`: fetching failed and the element shows its error state. Not fired for requests that
 * were aborted (a changed `name`, a removed element): nothing failed there.
 */
export class PhErrorEvent extends Event {
  static readonly type = 'ph-error';

  /** Usually a `PhApiError` (with `code`, `retryable`, `retryAfterS`). */
  readonly error: PhApiError | Error;
  /** The proxy's HTTP status, or 0 when no HTTP answer arrived. */
  readonly status: number;

  constructor(error: unknown) {
    super(PhErrorEvent.type, { bubbles: true, composed: true });
    this.error = error instanceof Error ? error : new Error(String(error));
    this.status = error instanceof PhApiError ? error.status : 0;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ph-error': PhErrorEvent;
  }
}
