import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { deepEquals } from '@lit/task/deep-equals.js';
import { ContextConsumer } from '@lit/context';
import { phClientContext } from '../../data/context.js';
import { fetchClientFor } from '../../data/default-client.js';
import { PhApiError, isAbortError } from '../../data/errors.js';
import { PhErrorEvent } from '../../events/error.js';
import { PhLoadStartEvent } from '../../events/load-start.js';
import { PhLoadEvent } from '../../events/load.js';
import { hostStyles } from '../../styles/host.styles.js';
import { devWarning } from './dev-warning.js';
import { variablesConverter } from './variables-converter.js';
import { viewForResult } from './view-for-result.js';
import styles from './endpoint-chart.styles.js';
import type { PhClient } from '../../data/client.js';
import type { RunResponse } from '../../data/types.js';

type RunArgs = readonly [name: string, variables: Record<string, unknown> | undefined, client: PhClient];

/** The UI text; Step 2's `strings` property replaces it for other languages. */
const text = {
  loading: 'Loading chart…',
  empty: 'No data for this period',
  failed: 'This chart could not be loaded.',
  retry: 'Retry',
  noView: (what: string) => `There is no view for ${what} yet.`,
};

/**
 * @summary Fetches one PostHog endpoint through the ph-embed proxy and draws it.
 *
 * Runs the endpoint `name` (with `variables`) whenever either changes, through the `PhClient`
 * provided by context, or else a `FetchClient` for its own `proxy` and `token`. It shows a
 * loading skeleton, then the chart the result's kind and display call for, an empty message or
 * the proxy's error with a Retry button. Requests are aborted when superseded or when the element
 * leaves the page, and re-run when it comes back.
 *
 * @tag ph-endpoint-chart
 *
 * @slot title - Replaces the header text (`chart-title`, else the endpoint name).
 * @slot empty - Replaces "No data for this period".
 * @slot error - Replaces the error message (the Retry button stays).
 *
 * @csspart base - The `<figure>` around everything.
 * @csspart header - The caption holding the title.
 * @csspart status - Every status region: loading, empty, error and unsupported.
 * @csspart loading - The loading region (also `status`).
 * @csspart skeleton - The placeholder shape shown while loading.
 * @csspart empty - The empty region (also `status`).
 * @csspart error - The error region (also `status`).
 * @csspart retry - The Retry button.
 * @csspart unsupported - The message for results no view draws yet (also `status`).
 * @csspart chart - The view element, e.g. `<ph-trends-chart>`.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the chart and of every status state.
 *
 * @fires {PhLoadStartEvent} ph-load-start - A run started (`event.name`).
 * @fires {PhLoadEvent} ph-load - A run finished (`event.data` is the proxy's answer).
 * @fires {PhErrorEvent} ph-error - A run failed (`event.error`, `event.status`); not fired for aborts.
 */
export class PhEndpointChart extends LitElement {
  static override styles = [hostStyles, styles];

  /** Name of the endpoint to run. Nothing is fetched without one. */
  @property() name = '';

  /** Overrides the endpoint's display, e.g. `ActionsAreaGraph`. */
  @property() display?: string;

  /** Endpoint variables: an object, or JSON in the attribute. Compared by value. */
  @property({ converter: variablesConverter }) variables?: Record<string, unknown>;

  /** Base URL of the ph-embed proxy. Default: the page's origin, or the provider's client. */
  @property() proxy?: string;

  /** Embed token for the proxy. */
  @property() token?: string;

  /** BCP 47 locale for numbers and dates. Default: the browser's. */
  @property() locale?: string;

  /** IANA time zone for dates, e.g. `Europe/Berlin`. */
  @property() timezone?: string;

  /** Header text. Default: the endpoint name. */
  @property({ attribute: 'chart-title' }) chartTitle?: string;

  private readonly _clientConsumer = new ContextConsumer(this, { context: phClientContext, subscribe: true });

  private readonly _run = new Task<RunArgs, RunResponse>(this, {
    task: (args, { signal }) => this._fetch(args, signal),
    args: () => [this.name, this.variables, this._client()] as const,
    argsEqual: (a, b) => a[0] === b[0] && a[2] === b[2] && deepEquals(a[1], b[1]),
    onComplete: (data) => this.dispatchEvent(new PhLoadEvent(data)),
    onError: (error) => {
      if (!isAbortError(error)) this.dispatchEvent(new PhErrorEvent(error));
    },
  });

  private _warnedMissingName = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after `disconnectedCallback` cut a request short: finish the job.
    if (this._run.status === TaskStatus.ERROR && isAbortError(this._run.error)) void this._run.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Task leaves requests running when its host leaves the page; a detached chart wants none.
    this._run.abort();
  }

  /** The element's own proxy or token win over the provider's client: attributes are explicit. */
  private _client(): PhClient {
    const provided = this._clientConsumer.value;
    if (provided && !this.proxy && !this.token) return provided;
    return fetchClientFor(this.proxy, this.token);
  }

  private _fetch([name, variables, client]: RunArgs, signal: AbortSignal) {
    if (!name) {
      if (!this._warnedMissingName) {
        this._warnedMissingName = true;
        devWarning(this.localName, 'has no `name`, so it fetches nothing. Set name="<endpoint name>".');
      }
      return initialState;
    }
    this.dispatchEvent(new PhLoadStartEvent(name));
    return client.run(name, variables ? { variables } : {}, { signal });
  }

  override render() {
    return html`
      <figure part="base" class="base">
        <figcaption part="header" class="header">
          <slot name="title">${this.chartTitle || this.name}</slot>
        </figcaption>
        ${this._renderState()}
      </figure>
    `;
  }

  private _renderState() {
    if (!this.name) return nothing;
    return this._run.render({
      pending: () => this._renderLoading(),
      complete: (result) => this._renderResult(result),
      // Only a request cut short by leaving the page ends in an abort, and coming back re-runs it.
      error: (error) => (isAbortError(error) ? this._renderLoading() : this._renderError(error)),
    });
  }

  private _renderLoading() {
    return html`
      <div part="status loading" class="status" role="status">
        <div part="skeleton" class="skeleton" aria-hidden="true"></div>
        <span class="visually-hidden">${text.loading}</span>
      </div>
    `;
  }

  private _renderError(error: unknown) {
    const message = error instanceof PhApiError ? error.message : text.failed;
    return html`
      <div part="status error" class="status error" role="alert">
        <slot name="error"><p class="message">${message}</p></slot>
        <button part="retry" class="retry" type="button" @click=${() => void this._run.run()}>
          ${text.retry}
        </button>
      </div>
    `;
  }

  private _renderResult(result: RunResponse) {
    const picked = viewForResult(result, this.display);
    switch (picked.view) {
      case 'empty':
        return html`<div part="status empty" class="status" role="status">
          <slot name="empty">${text.empty}</slot>
        </div>`;
      case 'trends':
        return html`<ph-trends-chart
          part="chart"
          .result=${picked.result}
          display=${ifDefined(picked.display)}
          locale=${ifDefined(this.locale)}
          timezone=${ifDefined(this.timezone)}
        ></ph-trends-chart>`;
      case 'unsupported': {
        const what = picked.display ? `${picked.kind} (${picked.display})` : picked.kind;
        return html`<p part="status unsupported" class="status" role="status">${text.noView(what)}</p>`;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-endpoint-chart': PhEndpointChart;
  }
}
