/** What a query run needs besides the query: the resolved clock and zone. */
import type { DateContext } from './dates.js';

export interface RunContext {
  dates: DateContext;
}
