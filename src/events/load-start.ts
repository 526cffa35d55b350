/**
 * `ph-load-start`: an element has started fetching an endpoint. Like `<img>`'s `loadstart`, it is
 * followed by exactly one `ph-load` or `ph-error` unless the request is superseded or aborted.
 */
export class PhLoadStartEvent extends Event {
  static readonly type = 'ph-load-start';

  /** The endpoint being fetched. */
  readonly name: string;

  constructor(name: string) {
    super(PhLoadStartEvent.type, { bubbles: true, composed: true });
    this.name = name;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ph-load-start': PhLoadStartEvent;
  }
}
