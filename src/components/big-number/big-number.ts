import { html, nothing } from 'lit';
import { PhPointClickEvent } from '../../events/point-click.js';
import { formatValue, MISSING, toCsv } from '../../format/index.js';
import { numberFormat } from '../../format/formatter-cache.js';
import { fill } from '../../internal/strings.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { buildBigNumberView } from './big-number-data.js';
import { styles } from './big-number.styles.js';
import type { PropertyValues } from 'lit';
import type { TrendsSeries } from '../../data/types.js';
import type { BigNumberItem, BigNumberView } from './big-number-data.js';

/** Past this many characters (prefix and postfix aside) a number is shown in its compact form. */
const COMPACT_AFTER = 8;

/**
 * @summary Shows a PostHog BoldNumber: one big number per series, with the change against the
 * previous period when the insight compares.
 *
 * Takes the proxy's run response for a trends query through `.result` and fetches nothing. The
 * number is each series' `aggregated_value` (else `count`, else the sum of its points), formatted
 * with the endpoint's saved `format`. Long numbers show in compact form ("3.1M") with the full
 * value in a tooltip and for screen readers. With compare on, the previous period is the series
 * marked `compare_label: 'previous'` (or, unmarked, an otherwise identical second series); the
 * change reads as an arrow, a signed percentage and the previous value, never as colour alone.
 * A previous value of 0 or `null` gives no percentage. Text scales with the tile's width.
 *
 * @tag ph-big-number
 *
 * @csspart base - The wrapper; paints `--ph-color-surface`.
 * @csspart numbers - The list of numbers, one per series, in a wrapping row.
 * @csspart tile - One series: label, number, change and previous value.
 * @csspart label - The series name.
 * @csspart value - The number: a button that fires `ph-point-click`.
 * @csspart change - The change against the previous period (also has class `up` or `down`).
 * @csspart previous - The previous period's value.
 * @csspart empty - The message shown when there is no number.
 *
 * @cssprop [--ph-big-number-max-size=4.5rem] - Largest font size of the number; it shrinks with its tile.
 * @cssprop [--ph-color-positive=#15803d] - An increase (dark theme default `#4ade80`).
 * @cssprop --ph-color-danger - A decrease.
 * @cssprop --ph-color-text - The number.
 * @cssprop --ph-color-text-muted - Labels and the previous value.
 * @cssprop --ph-color-surface - Background.
 * @cssprop --ph-color-series-1 - Focus ring.
 * @cssprop --ph-font-family - Font.
 * @cssprop [--ph-radius=6px] - Corner radius of the base part.
 *
 * @fires {PhPointClickEvent} ph-point-click - A number was activated (click, Enter or Space); `series`, `seriesIndex`, `value`.
 */
export class PhBigNumber extends PhViewElement<TrendsSeries[]> {
  static override styles = [hostStyles, styles];

  private _view: BigNumberView | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') || changed.has('strings'))
      this._view = buildBigNumberView(this.result, this.text);
  }

  /** `series,value` per number, plus `previous,change` (signed percent) when comparing. */
  toCSV(): string {
    if (this.drawFailed) return '';
    const view = buildBigNumberView(this.result, this.text);
    if (!view || view.items.length === 0) return '';
    const header = ['series', 'value', ...(view.compared ? ['previous', 'change'] : [])];
    const rows = view.items.map((item) => [
      item.name,
      item.value,
      ...(view.compared ? [item.previous, item.change.kind === 'percent' ? item.change.percent : null] : []),
    ]);
    return toCsv(header, rows);
  }

  protected override render() {
    const view = this._view;
    if (!view) return html`<div part="base" class="base"></div>`;
    if (view.items.length === 0) return this.renderEmpty();
    return html`
      <div part="base" class="base">
        <ul part="numbers" class="numbers" role="list">
          ${view.items.map((item) => this._renderItem(item, view))}
        </ul>
      </div>
    `;
  }

  private _format(value: number | null | undefined, compact = false): string {
    return formatValue(value, { locale: this.locale, format: this._view?.format, compact });
  }

  private _renderItem(item: BigNumberItem, view: BigNumberView) {
    const full = this._format(item.value);
    const compact = this._format(item.value, true);
    const affixes = (view.format?.prefix?.length ?? 0) + (view.format?.postfix?.length ?? 0);
    const shown = full.length - affixes > COMPACT_AFTER && compact.length < full.length ? compact : full;
    return html`
      <li part="tile" class="tile">
        <span part="label" class="label">${item.name}</span>
        <button
          part="value"
          class="value"
          type="button"
          title=${shown === full ? nothing : full}
          @click=${() => this._activate(item)}
        >
          <span aria-hidden="true">${shown}</span>
          <span class="visually-hidden">${item.name}: ${full}</span>
        </button>
        ${view.compared ? this._renderChange(item) : nothing}
      </li>
    `;
  }

  private _renderChange(item: BigNumberItem) {
    const { change } = item;
    const text = this.text;
    let direction = '';
    let arrow = '';
    let spoken = '';
    let words: string;
    if (change.kind === 'percent') {
      const percent = numberFormat(this.locale, {
        style: 'percent',
        signDisplay: 'exceptZero',
        maximumFractionDigits: 1,
      }).format(change.percent / 100);
      direction = change.direction === 'flat' ? '' : change.direction;
      arrow = change.direction === 'up' ? '\u25B2' : change.direction === 'down' ? '\u25BC' : '';
      spoken = { up: text.changeUp, down: text.changeDown, flat: text.noChange }[change.direction];
      words = fill(text.comparedToPrevious, { change: percent });
    } else if (change.kind === 'new') {
      words = text.newThisPeriod;
    } else if (change.kind === 'unchanged') {
      words = text.noChange;
    } else {
      words = fill(text.comparedToPrevious, { change: MISSING });
    }
    return html`
      <p part="change" class="change ${direction}">
        ${arrow ? html`<span aria-hidden="true">${arrow}</span>` : nothing}
        ${spoken ? html`<span class="visually-hidden">${spoken}</span>` : nothing} ${words}
      </p>
      <p part="previous" class="previous">${text.previousPeriod}: ${this._format(item.previous)}</p>
    `;
  }

  private _activate(item: BigNumberItem): void {
    this.dispatchEvent(
      new PhPointClickEvent({
        series: item.name,
        seriesIndex: item.index,
        label: item.name,
        index: 0,
        value: item.value,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-big-number': PhBigNumber;
  }
}
