import type { RunResponse } from '../data/types.js';

/** `ph-load`: the endpoint answered and the element is about to draw `data`. */
export class PhLoadEvent extends Event {
  static readonly type = 'ph-load';

  /** The proxy's answer, as the element received it. */
  readonly data: RunResponse;

  constructor(data: RunResponse) {
    super(PhLoadEvent.type, { bubbles: true, composed: true });
    this.data = data;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ph-load': PhLoadEvent;
  }
}
