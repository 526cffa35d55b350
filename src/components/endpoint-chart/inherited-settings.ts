import { ContextConsumer } from '@lit/context';
import { phClientContext, phDefaultsContext } from '../../data/context.js';
import { fetchClientFor } from '../../data/default-client.js';
import { resolveStrings } from '../../internal/strings.js';
import type { ReactiveElement } from 'lit';
import type { PhClient } from '../../data/client.js';
import type { PhEmbedDefaults } from '../../data/context.js';
import { credentialsOf } from '../../data/token-source.js';
import type { TokenProvider } from '../../data/token-source.js';
import type { PhStrings } from '../../internal/strings.js';

type Variables = Record<string, unknown>;

/** The settings an element sets on itself; each wins over the provider's. */
export interface OwnSettings {
  proxy?: string | undefined;
  token?: string | undefined;
  tokenProvider?: TokenProvider | undefined;
  variables?: Variables | undefined;
  theme?: 'light' | 'dark' | undefined;
  locale?: string | undefined;
  timezone?: string | undefined;
  strings?: Partial<PhStrings> | undefined;
}

/**
 * An element's settings layered over the nearest `<ph-endpoint-provider>`'s (through context):
 * the element's own value wins, `variables` and `strings` merge key by key. Both context values
 * are subscribed to, so a provider's change re-renders the host (and re-runs its request when
 * the client or variables change).
 */
export class InheritedSettings {
  private readonly _client: ContextConsumer<typeof phClientContext, ReactiveElement>;
  private readonly _defaults: ContextConsumer<typeof phDefaultsContext, ReactiveElement>;
  private _stringsMemo: { provided: object; own: object; merged: Partial<PhStrings> } | undefined;
  private _textMemo: { provided: object | undefined; own: object | undefined; text: PhStrings } | undefined;

  constructor(host: ReactiveElement) {
    this._client = new ContextConsumer(host, { context: phClientContext, subscribe: true });
    this._defaults = new ContextConsumer(host, { context: phDefaultsContext, subscribe: true });
  }

  private get defaults(): PhEmbedDefaults {
    return this._defaults.value ?? {};
  }

  /**
   * The element's own proxy, token or token provider win over the provider's client: they are
   * explicit. A token provider wins over a token, on the element as on the provider.
   */
  client(own: OwnSettings): PhClient {
    const provided = this._client.value;
    const credentials = credentialsOf(own);
    if (provided && !own.proxy && !credentials) return provided;
    const defaults = this.defaults;
    return fetchClientFor(own.proxy || defaults.proxy, credentials ?? credentialsOf(defaults));
  }

  /** The provider's variables under the element's own; undefined when there are none. */
  variables(own: OwnSettings): Variables | undefined {
    const merged = { ...this.defaults.variables, ...own.variables };
    return Object.keys(merged).length > 0 ? merged : undefined;
  }

  theme(own: OwnSettings): 'light' | 'dark' | undefined {
    return own.theme ?? this.defaults.theme;
  }

  locale(own: OwnSettings): string | undefined {
    return own.locale || this.defaults.locale;
  }

  timezone(own: OwnSettings): string | undefined {
    return own.timezone || this.defaults.timezone;
  }

  /** Every UI string in force: defaults, then the provider's, then the element's (worked out once per change). */
  text(own: OwnSettings): PhStrings {
    const provided = this.defaults.strings;
    const memo = this._textMemo;
    if (memo && memo.provided === provided && memo.own === own.strings) return memo.text;
    const text = resolveStrings(provided, own.strings);
    this._textMemo = { provided, own: own.strings, text };
    return text;
  }

  /**
   * The provider's strings under the element's own, as the partial object views take; the same
   * object until either changes, so a re-render of the element does not re-render its view.
   */
  viewStrings(own: OwnSettings): Partial<PhStrings> | undefined {
    const provided = this.defaults.strings;
    if (!provided || !own.strings) return own.strings ?? provided;
    const memo = this._stringsMemo;
    if (memo?.provided !== provided || memo.own !== own.strings) {
      this._stringsMemo = { provided, own: own.strings, merged: { ...provided, ...own.strings } };
    }
    return this._stringsMemo!.merged;
  }
}
