/**
 * `ph-page-request`: a view (the SQL `<ph-data-table>`) asks for another page of rows. Views fetch
 * nothing, so `<ph-endpoint-chart>` catches it and re-runs the endpoint with this `limit`/`offset`.
 */
export class PhPageRequestEvent extends Event {
  static readonly type = 'ph-page-request';

  readonly limit: number;
  readonly offset: number;

  constructor(limit: number, offset: number) {
    super(PhPageRequestEvent.type, { bubbles: true, composed: true });
    this.limit = limit;
    this.offset = offset;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ph-page-request': PhPageRequestEvent;
  }
}
