import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { deepEquals } from '@lit/task/deep-equals.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { phClientContext, phDefaultsContext } from '../../data/context.js';
import { fetchClientFor } from '../../data/default-client.js';
import { variablesConverterFor } from '../endpoint-chart/variables-converter.js';
import type { PhClient } from '../../data/client.js';
import type { PhEmbedDefaults } from '../../data/context.js';
import { credentialsOf } from '../../data/token-source.js';
import type { TokenProvider } from '../../data/token-source.js';
import type { PhStrings } from '../../internal/strings.js';

/**
 * Later layers win; `variables` and `strings` merge key by key, everything else is replaced. A
 * token and a token provider are one setting: an inner provider's either replaces the outer's both.
 */
function layered(outer: PhEmbedDefaults, inner: PhEmbedDefaults): PhEmbedDefaults {
  const merged: Record<string, unknown> = { ...outer };
  if (inner.tokenProvider || inner.token) {
    delete merged['token'];
    delete merged['tokenProvider'];
  }
  for (const [key, value] of Object.entries(inner)) {
    if (value === undefined || value === '') continue;
    const below = merged[key];
    merged[key] =
      (key === 'variables' || key === 'strings') && below ? { ...below, ...(value as object) } : value;
  }
  return merged as PhEmbedDefaults;
}

/**
 * @summary Shares one proxy client and dashboard-wide defaults with every ph-* element inside it.
 *
 * Wrap a dashboard in it to set the proxy, token, theme, locale, time zone, UI strings and
 * variables once. Elements inside fetch through its client (so identical requests from several
 * tiles share one HTTP call) and use its settings wherever they set none of their own; its
 * `variables` (a date range, say) merge under each element's. Changing any of them updates every
 * element, and changed variables re-run their requests. Providers nest: an inner one inherits
 * what it does not set from the outer one.
 *
 * Embed tokens: set `token` for a fixed one, or the `tokenProvider` property to fetch them as
 * they are needed; every element inside shares its tokens, so a dashboard asks once, not once per
 * tile. An element's own `token` or `tokenProvider` wins over the provider's. A request refused
 * with 401 `token_expired` is sent once more with a fresh token while the element keeps showing
 * what it showed (no skeleton, no error); a failing provider shows the error `token_unavailable`
 * with Retry.
 *
 * @tag ph-endpoint-provider
 *
 * @slot - The dashboard: any markup holding ph-* elements.
 */
export class PhEndpointProvider extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }

    :host([hidden]) {
      display: none;
    }
  `;

  /** Base URL of the ph-embed proxy. Default: the outer provider's, else the page's origin. */
  @property() proxy?: string;

  /** Embed token for the proxy, fixed: when it expires, requests fail with `token_expired`. */
  @property() token?: string;

  /**
   * Fetches embed tokens for every element inside, instead of a fixed `token`: an async function
   * returning a token (from the host app's backend). Called once for the whole dashboard, again
   * when a request needs a token shortly before the current one expires, and once after a 401
   * `token_expired`, after which the request is sent again.
   */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** Variables every element inside runs with, under its own: an object, or JSON in the attribute. */
  @property({ converter: variablesConverterFor('ph-endpoint-provider') }) variables?: Record<string, unknown>;

  /** Forces the light or dark theme on every element inside that sets none. */
  @property() theme?: 'light' | 'dark';

  /** BCP 47 locale for every element inside that sets none. */
  @property() locale?: string;

  /** IANA time zone for every element inside that sets none. */
  @property() timezone?: string;

  /** UI text for every element inside, under each element's own `strings`. */
  @property({ attribute: false }) strings?: Partial<PhStrings>;

  /**
   * A client to use instead of a `FetchClient` for `proxy` and `token` or `tokenProvider` (tests,
   * stories, a custom transport).
   */
  @property({ attribute: false }) client?: PhClient;

  private readonly _outerClient = new ContextConsumer(this, {
    context: phClientContext,
    subscribe: true,
    callback: () => this._provide(),
  });
  private readonly _outerDefaults = new ContextConsumer(this, {
    context: phDefaultsContext,
    subscribe: true,
    callback: () => this._provide(),
  });
  private readonly _clientProvider = new ContextProvider(this, { context: phClientContext });
  private readonly _defaultsProvider = new ContextProvider(this, {
    context: phDefaultsContext,
    initialValue: {},
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Children connect right after their parent: provide now, not at the first update, so their
    // very first request already goes through this provider's client.
    this._provide();
  }

  protected override willUpdate(): void {
    this._provide();
  }

  /** The client for this provider's settings: the one place a client is chosen. */
  private _client(defaults: PhEmbedDefaults): PhClient {
    if (this.client) return this.client;
    const outer = this._outerClient.value;
    if (outer && !this.proxy && !credentialsOf(this)) return outer;
    return fetchClientFor(defaults.proxy, credentialsOf(defaults));
  }

  private _provide(): void {
    const defaults = layered(this._outerDefaults.value ?? {}, {
      proxy: this.proxy,
      token: this.token,
      tokenProvider: this.tokenProvider,
      variables: this.variables,
      theme: this.theme,
      locale: this.locale,
      timezone: this.timezone,
      strings: this.strings,
    });
    // Equal settings keep the old object, so consumers are told only about real changes.
    if (!deepEquals(defaults, this._defaultsProvider.value)) this._defaultsProvider.setValue(defaults);
    this._clientProvider.setValue(this._client(defaults));
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-endpoint-provider': PhEndpointProvider;
  }
}
