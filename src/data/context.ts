import { createContext } from '@lit/context';
import type { PhStrings } from '../internal/strings.js';
import type { PhClient } from './client.js';
import type { TokenProvider } from './token-source.js';

/**
 * The `PhClient` elements fetch through. Provide it once (`<ph-endpoint-provider>`, a test's
 * `ContextProvider`) and every element below uses it; an element with no provider falls back to
 * a `FetchClient` for its own `proxy` and `token` (or `tokenProvider`).
 *
 * Keyed by a registered symbol so that two copies of the kit on one page still find each other's
 * provider.
 */
export const phClientContext = createContext<PhClient>(Symbol.for('ph-embed.client'));

/**
 * What a `<ph-endpoint-provider>` hands every element inside it, besides the client. Each field
 * is a default: an element's own attribute or property wins, and `variables` and `strings` merge
 * under the element's own (its keys win).
 */
export interface PhEmbedDefaults {
  /** The provider's proxy, for elements that set their own `token` but no `proxy`. */
  readonly proxy?: string | undefined;
  /** The provider's token, for elements that set their own `proxy` but no `token`. */
  readonly token?: string | undefined;
  /** The provider's token provider (wins over its `token`), for the same elements. */
  readonly tokenProvider?: TokenProvider | undefined;
  readonly variables?: Readonly<Record<string, unknown>> | undefined;
  readonly theme?: 'light' | 'dark' | undefined;
  readonly locale?: string | undefined;
  readonly timezone?: string | undefined;
  readonly strings?: Partial<PhStrings> | undefined;
}

/** Defaults from the nearest `<ph-endpoint-provider>`; see {@linkcode PhEmbedDefaults}. */
export const phDefaultsContext = createContext<PhEmbedDefaults>(Symbol.for('ph-embed.defaults'));
