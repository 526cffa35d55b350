import { createContext } from '@lit/context';
import type { PhClient } from './client.js';

/**
 * The `PhClient` elements fetch through. Provide it once (Step 2's `<ph-endpoint-provider>`, a
 * test's `ContextProvider`) and every element below uses it; an element with no provider falls
 * back to a `FetchClient` for its own `proxy` and `token`.
 *
 * Keyed by a registered symbol so that two copies of the kit on one page still find each other's
 * provider.
 */
export const phClientContext = createContext<PhClient>(Symbol.for('ph-embed.client'));
