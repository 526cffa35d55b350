/**
 * Raised by the local engine for a query it cannot run: an unsupported field or value, or bad variables.
 * The local upstream turns it into the 400 PostHog itself would send (`{type, code, detail, attr}`),
 * so the proxy maps it like any other upstream 400 and the browser sees which field is at fault.
 */
export class LocalQueryError extends Error {
  override readonly name = 'LocalQueryError';

  constructor(
    /** Dotted path of the offending field, e.g. `series[0].math` or `variables.org_id`. */
    readonly attr: string,
    message: string,
    /** `unsupported` for what the engine does not do, `invalid_input` for what no engine could do. */
    readonly code: 'unsupported' | 'invalid_input' = 'unsupported',
  ) {
    super(message);
  }
}
