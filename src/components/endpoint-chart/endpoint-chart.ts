import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { Task, TaskStatus, initialState } from '@lit/task';
import { deepEquals } from '@lit/task/deep-equals.js';
import { PhApiError, isAbortError } from '../../data/errors.js';
import { PhErrorEvent } from '../../events/error.js';
import { PhLoadStartEvent } from '../../events/load-start.js';
import { PhLoadEvent } from '../../events/load.js';
import { hostStyles } from '../../styles/host.styles.js';
import { csvFileName, downloadCsv } from './csv-download.js';
import { devWarning } from '../../internal/dev-warning.js';
import { FetchGate } from './fetch-gate.js';
import { freshnessText } from './freshness.js';
import { InheritedSettings } from './inherited-settings.js';
import { preloadChartsFor } from './preload-charts.js';
import {
  renderEmpty,
  renderError,
  renderExportButton,
  renderLoading,
  renderUnsupported,
} from './render-states.js';
import { renderView } from './render-view.js';
import { variablesConverter } from './variables-converter.js';
import { skeletonShape, viewForResult } from './view-for-result.js';
import styles from './endpoint-chart.styles.js';
import type { PropertyValues } from 'lit';
import type { PhClient } from '../../data/client.js';
import type { TokenProvider } from '../../data/token-source.js';
import type { RunRequest, RunResponse } from '../../data/types.js';
import type { PhPageRequestEvent } from '../../events/page-request.js';
import type { PhStrings } from '../../internal/strings.js';
import type { DrawnView, ResultView } from './view-for-result.js';

type Variables = Record<string, unknown>;
type Page = { limit: number; offset: number };
type RunArgs = readonly [
  name: string,
  variables: Variables | undefined,
  client: PhClient,
  page: Page | undefined,
  gateOpen: boolean,
];

/** The answer on screen, kept through refreshes so the chart does not flash back to a skeleton. */
interface Shown {
  name: string;
  result: RunResponse;
  receivedAt: number;
  picked: ResultView;
}

/**
 * @summary Fetches one PostHog endpoint through the ph-embed proxy and draws it with the right view.
 *
 * Runs the endpoint `name` (with `variables`, over a provider's) through the `PhClient` from the
 * nearest `<ph-endpoint-provider>`, or else a `FetchClient` for its own `proxy` and `token`, and
 * renders the view the answer's kind and display call for: `<ph-trends-chart>`,
 * `<ph-big-number>`, `<ph-lifecycle-chart>`, `<ph-funnel-chart>`, `<ph-retention-table>` or
 * `<ph-data-table>`. Around the view: a skeleton shaped like it while loading, an empty message,
 * the proxy's error with Retry, an "as of" freshness line and a CSV export button.
 * Nothing is fetched while the tab is hidden, nor (with `loading="lazy"`) before the element
 * nears the viewport; `refresh-interval` polls only while it can be seen.
 *
 * Embed tokens come from its own `tokenProvider` or `token`, else the provider's. A provider
 * function is called when a request needs a token and there is none yet, or only one shortly
 * before it expires, and once after a 401 `token_expired`: the request is then sent again while
 * the chart keeps showing what it showed. A provider that fails shows `token_unavailable`.
 *
 * @tag ph-endpoint-chart
 *
 * @slot title - Replaces the header text (`chart-title`, else the endpoint name).
 * @slot empty - Replaces "No data for this period".
 * @slot error - Replaces the error message (the Retry button stays).
 *
 * @csspart base - The `<figure>` around everything; paints `--ph-color-surface`.
 * @csspart header - The caption holding the title.
 * @csspart toolbar - The box of actions beside the title.
 * @csspart export - The "Export CSV" button (present while a view is shown).
 * @csspart status - Every status region: loading, empty, error and unsupported.
 * @csspart loading - The loading region (also `status`).
 * @csspart skeleton - The placeholder shaped like the coming view (`data-shape`: line, bars, number, table, chart).
 * @csspart empty - The empty region (also `status`).
 * @csspart error - The error region (also `status`).
 * @csspart retry - The Retry button.
 * @csspart unsupported - The message for results no view draws (also `status`).
 * @csspart view - The box around the view; `aria-busy` while newer numbers load.
 * @csspart chart - The view element, e.g. `<ph-trends-chart>`.
 * @csspart freshness - The "as of 14:05 · cached" line.
 *
 * @cssprop [--ph-chart-height=300px] - Height of the chart and of every status state.
 * @cssprop [--ph-chart-padding=0] - Space between the surface's edge and its content.
 * @cssprop --ph-color-surface - Background of the element.
 *
 * @fires {PhLoadStartEvent} ph-load-start - A run started (`event.name`).
 * @fires {PhLoadEvent} ph-load - A run finished (`event.data` is the proxy's answer).
 * @fires {PhErrorEvent} ph-error - A run failed (`event.error`, `event.status`); not fired for aborts.
 */
export class PhEndpointChart extends LitElement {
  static override styles = [hostStyles, styles];

  /**
   * Name of the endpoint to run. Nothing is fetched without one. Reflected, so that
   * `ph-endpoint-chart[name=...]` finds a chart a framework set up through the property.
   */
  @property({ reflect: true }) name = '';

  /** Overrides the endpoint's display where the data allows, e.g. `ActionsTable` or `ActionsAreaGraph`. */
  @property() display?: string;

  /** Endpoint variables: an object, or JSON in the attribute. Merged over a provider's; compared by value. */
  @property({ converter: variablesConverter }) variables?: Variables;

  /** Base URL of the ph-embed proxy. Default: the provider's client, else the page's origin. */
  @property() proxy?: string;

  /** Embed token for the proxy, fixed: when it expires, requests fail with `token_expired`. */
  @property() token?: string;

  /**
   * Fetches embed tokens instead of a fixed `token` (and wins over it): an async function returning
   * a token from the host app's backend. Charts given the same function share its tokens.
   */
  @property({ attribute: false }) tokenProvider?: TokenProvider;

  /** BCP 47 locale for numbers and dates. Default: the provider's, else the browser's. */
  @property() locale?: string;

  /** IANA time zone for dates, e.g. `Europe/Berlin`. Default: the provider's, else the answer's. */
  @property() timezone?: string;

  /** Forces the light or dark theme. Default: the provider's, else `prefers-color-scheme`. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  /** Replaces any of the UI text, over a provider's `strings`. */
  @property({ attribute: false }) strings?: Partial<PhStrings>;

  /** Header text. Default: the endpoint name. */
  @property({ attribute: 'chart-title' }) chartTitle?: string;

  /** `eager` fetches at once (when the tab is visible); `lazy` waits until the element nears the viewport. */
  @property() loading: 'eager' | 'lazy' = 'eager';

  /** Seconds between re-runs, paused while the element cannot be seen (at least 5). 0 or unset: no polling. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval?: number;

  /** This element's settings over the nearest provider's. */
  private readonly _settings = new InheritedSettings(this);
  private readonly _gate = new FetchGate(this, {
    lazy: () => this.loading === 'lazy',
    interval: () => this.refreshInterval ?? 0,
    refresh: () => {
      if (this._run.status !== TaskStatus.PENDING) void this._run.run();
    },
  });

  /** The page a `ph-page-request` asked for, and the question it belongs to. */
  private _page: { page: Page; for: readonly [string, Variables | undefined] } | undefined;
  private _requested = '';
  private _shown: Shown | undefined;
  private _lastDrawn: DrawnView | undefined;
  private _warned = new Set<string>();

  private readonly _run = new Task<RunArgs, RunResponse>(this, {
    task: (args, { signal }) => this._fetch(args, signal),
    args: () => {
      const variables = this._settings.variables(this);
      // A new name or new variables are a new question, which starts on its first page.
      const page =
        this._page && deepEquals(this._page.for, [this.name, variables]) ? this._page.page : undefined;
      return [this.name, variables, this._settings.client(this), page, this._gate.open];
    },
    argsEqual: (a, b) =>
      a[0] === b[0] && a[2] === b[2] && a[4] === b[4] && deepEquals(a[1], b[1]) && deepEquals(a[3], b[3]),
    onComplete: (result) => {
      this._shown = { name: this._requested, result, receivedAt: Date.now(), picked: { view: 'empty' } };
      this._pick();
      this.dispatchEvent(new PhLoadEvent(result));
      this._gate.pollAfter();
    },
    onError: (error) => {
      if (isAbortError(error)) return;
      this._shown = undefined;
      this.dispatchEvent(new PhErrorEvent(error));
      // A 404 or a bad variable will not mend itself; an outage or a rate limit may (after its Retry-After).
      if (error instanceof PhApiError && error.retryable) this._gate.pollAfter(error.retryAfterS);
    },
  });

  /** What the view shows, as CSV (header row first); empty when no view is shown. */
  toCSV(): string {
    const view = this.renderRoot.querySelector('[part~="chart"]') as { toCSV?: () => string } | null;
    return typeof view?.toCSV === 'function' ? view.toCSV() : '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page after `disconnectedCallback` cut a request short: finish the job.
    if (this._run.status === TaskStatus.ERROR && isAbortError(this._run.error)) void this._run.run();
    else if (this._run.status === TaskStatus.COMPLETE) this._gate.pollAfter();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Task leaves requests running when its host leaves the page; a detached chart wants none.
    this._run.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('display')) this._pick();
    if (changed.has('loading') || changed.has('refreshInterval')) this._gate.update();
    if (changed.has('refreshInterval') && this._run.status === TaskStatus.COMPLETE) this._gate.pollAfter();
  }

  private _fetch([name, variables, client, page, gateOpen]: RunArgs, signal: AbortSignal) {
    if (!name) {
      if (!this._warnedOnce('name')) {
        devWarning(this.localName, 'has no `name`, so it fetches nothing. Set name="<endpoint name>".');
      }
      return initialState;
    }
    if (!gateOpen) return initialState;
    this._requested = name;
    preloadChartsFor(skeletonShape(this.display, this._lastDrawn));
    this.dispatchEvent(new PhLoadStartEvent(name));
    const request: RunRequest = { ...(variables && { variables }), ...page };
    return client.run(name, request, { signal });
  }

  /** Picks the view for the answer on screen, warning (once) about a `display` it cannot honour. */
  private _pick(): void {
    if (!this._shown) return;
    const picked = viewForResult(this._shown.result, this.display);
    this._shown.picked = picked;
    if (picked.view === 'empty' || picked.view === 'unsupported') return;
    this._lastDrawn = picked;
    const ignored = picked.ignoredDisplay;
    if (ignored && !this._warnedOnce(`${picked.result.kind}:${ignored}`)) {
      devWarning(
        this.localName,
        `ignores display="${ignored}": a ${picked.result.kind} result cannot be drawn that way.`,
      );
    }
  }

  private _warnedOnce(key: string): boolean {
    const seen = this._warned.has(key);
    this._warned.add(key);
    return seen;
  }

  private _onPageRequest = (event: PhPageRequestEvent): void => {
    const page = { limit: event.limit, offset: event.offset };
    this._page = { page, for: [this.name, this._settings.variables(this)] };
    this.requestUpdate();
  };

  override render() {
    const text = this._settings.text(this);
    const shown = this._shownNow();
    const drawn = shown && shown.picked.view !== 'empty' && shown.picked.view !== 'unsupported';
    return html`
      <figure part="base" class="base ${this._themeClass()}">
        <figcaption part="header" class="header" id="title">
          <slot name="title">${this.chartTitle || this.name}</slot>
        </figcaption>
        <div part="toolbar" class="toolbar">${drawn ? renderExportButton(text, this._export) : nothing}</div>
        ${this._renderState(text, shown)}
        ${shown ? html`<p part="freshness" class="freshness">${this._freshness(shown, text)}</p>` : nothing}
      </figure>
    `;
  }

  /** The answer to draw: the current one, or while the same endpoint re-runs, the previous one. */
  private _shownNow(): Shown | undefined {
    const status = this._run.status;
    if (!this.name || (status === TaskStatus.ERROR && !isAbortError(this._run.error))) return undefined;
    if (status === TaskStatus.COMPLETE) return this._shown;
    return this._shown?.name === this.name ? this._shown : undefined;
  }

  private _themeClass(): string {
    const theme = this._settings.theme(this);
    return theme ? `theme-${theme}` : '';
  }

  private _renderState(text: PhStrings, shown: Shown | undefined) {
    if (!this.name) return nothing;
    if (shown) return this._renderShown(text, shown);
    if (this._run.status === TaskStatus.ERROR && !isAbortError(this._run.error)) {
      return renderError(text, this._run.error, () => void this._run.run());
    }
    return renderLoading(text, skeletonShape(this.display, this._lastDrawn));
  }

  private _renderShown(text: PhStrings, { picked }: Shown) {
    if (picked.view === 'empty') return renderEmpty(text);
    if (picked.view === 'unsupported') return renderUnsupported(text, picked.kind);
    const busy = this._run.status === TaskStatus.PENDING;
    return html`<div
      part="view"
      class="view"
      aria-busy=${busy ? 'true' : 'false'}
      @ph-page-request=${this._onPageRequest}
    >
      ${renderView(picked, {
        theme: this._settings.theme(this),
        locale: this._settings.locale(this),
        timezone: this._settings.timezone(this),
        strings: this._settings.viewStrings(this),
      })}
    </div>`;
  }

  private _freshness(shown: Shown, text: PhStrings): string {
    return freshnessText(shown.result, {
      locale: this._settings.locale(this),
      timeZone: this._settings.timezone(this) || shown.result.timezone,
      strings: text,
      receivedAt: shown.receivedAt,
    });
  }

  private _export = (): void => {
    downloadCsv(csvFileName(this.name), this.toCSV());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-endpoint-chart': PhEndpointChart;
  }
}
