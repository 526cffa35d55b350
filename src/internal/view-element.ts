import { LitElement, html, render } from 'lit';
import { property } from 'lit/decorators.js';
import { devWarning } from './dev-warning.js';
import { hostStyles } from '../styles/host.styles.js';
import { fill, resolveStrings } from './strings.js';
import type { RunResponse } from '../data/types.js';
import type { PhStrings } from './strings.js';

/**
 * What every view (`<ph-trends-chart>`, `<ph-funnel-chart>`, `<ph-retention-table>`...) shares: it
 * takes the proxy's run response through `.result`, fetches nothing, formats with `locale` and
 * `timezone`, follows `theme`, speaks `strings`, and can export what it shows as CSV.
 * `<ph-endpoint-chart>` sets these on whichever view it picks.
 */
export abstract class PhViewElement<R = unknown> extends LitElement {
  static override styles = [hostStyles];

  /** The proxy's run response. */
  @property({ attribute: false }) result: RunResponse<R> | undefined;

  /** BCP 47 locale for numbers and dates; the browser's when unset. */
  @property() locale: string | undefined;

  /** IANA time zone for dates with a time; the response's `timezone` when unset. */
  @property() timezone: string | undefined;

  /** Forces the light or dark theme; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Replaces any of the UI text (see `PhStrings`). */
  @property({ attribute: false }) strings: Partial<PhStrings> | undefined;

  /** The UI text in force: defaults overlaid with `strings`. */
  protected get text(): PhStrings {
    return resolveStrings(this.strings);
  }

  /**
   * A result the view cannot turn into a picture (a shape its code did not expect) must not leave an
   * empty frame with nothing said: the view shows the `noView` text instead, `toCSV()` gives nothing
   * (each view checks `drawFailed`), and Lit's dev mode warns with the error. The next result gets a
   * fresh try.
   */
  protected override performUpdate(): void {
    try {
      super.performUpdate();
      this.drawFailed = false;
    } catch (error) {
      this.drawFailed = true;
      const what = [this.result?.kind, this.result?.display].filter(Boolean).join(' ');
      render(this.renderEmpty(fill(this.text.noView, { what })), this.renderRoot, this.renderOptions);
      devWarning(this.localName, 'could not draw this result, so it shows the noView text.', error);
    }
  }

  /** Whether the last result could not be drawn (see performUpdate); its CSV is then empty. */
  protected drawFailed = false;

  /** The view with nothing to draw: `message` (the `empty` text) in the `base` part, shaped the same in every view. */
  protected renderEmpty(message = this.text.empty) {
    return html`<div part="base" class="base">
      <p part="empty" class="empty" role="status">${message}</p>
    </div>`;
  }

  /** What the view shows, as RFC 4180 CSV (header row first); empty string when there is nothing. */
  abstract toCSV(): string;
}
