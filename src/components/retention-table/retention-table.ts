import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { PhPointClickEvent } from '../../events/point-click.js';
import { numberFormat } from '../../format/formatter-cache.js';
import { formatNumber, isFiniteNumber, MISSING, toCsv } from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { tableFrameStyles } from '../../styles/table.styles.js';
import { meanCurve } from './retention-curve.js';
import { buildRetentionView, retentionCsvRows } from './retention-data.js';
import { styles } from './retention-table.styles.js';
import type { PropertyValues } from 'lit';
import type { RetentionRow } from '../../data/types.js';
import type { Cohort, MeanCalculation, RetentionGroup, RetentionView } from './retention-data.js';

// `signDisplay: 'negative'` (ES2023, not in TypeScript's ES2022 lib) so a ratio that rounds to
// zero never shows as "-0%".
const PERCENT = {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'negative',
} as unknown as Intl.NumberFormatOptions;

/** Arrow-key moves across the triangle: [cohort, period] to [cohort, period]. */
const MOVES: Record<string, (cohort: number, period: number) => [number, number]> = {
  ArrowLeft: (c, p) => [c, p - 1],
  ArrowRight: (c, p) => [c, p + 1],
  ArrowUp: (c, p) => [c - 1, p],
  ArrowDown: (c, p) => [c + 1, p],
  Home: (c) => [c, 0],
  End: (c) => [c, Infinity],
};

/**
 * A cell's background strength and text colour. Two bands, because no single text colour keeps
 * 4.5:1 against the default blues between about 70% and 80% opacity: below 50% retention the
 * cell stays light (up to 55%) under normal text; from 50% it starts at 85% under surface-coloured text.
 */
function heat(ratio: number | null): { alpha: number; strong: boolean } {
  if (ratio === null) return { alpha: 0, strong: false };
  const clamped = Math.min(1, Math.max(0, ratio));
  return clamped < 0.5
    ? { alpha: clamped * 1.1, strong: false }
    : { alpha: 0.85 + (clamped - 0.5) * 0.3, strong: true };
}

/**
 * @summary Draws a PostHog retention result as a heat-mapped cohort table with a mean retention curve.
 *
 * Takes the proxy's run response for a `RetentionQuery` through `.result` and fetches nothing.
 * One row per cohort (its start date, formatted for the period: hour, day, week or month), its
 * size, then one column per period with the share of the cohort that came back (or the count,
 * with `show="count"`); the other figure is in each cell's tooltip. Later cohorts have fewer
 * periods: those cells stay empty. A cohort of 0 shows a dash, never NaN. The Mean row and the
 * curve above the table average the finished periods of non-empty cohorts (`mean`). With a
 * breakdown, a picker chooses the breakdown value. Cells are buttons with one tab stop; arrow
 * keys, Home and End move between them, Enter or a click fires `ph-point-click`.
 *
 * @tag ph-retention-table
 *
 * @csspart base - The wrapper around the picker, curve and table; paints `--ph-color-surface`.
 * @csspart breakdown - The breakdown value picker (label and select), only with a breakdown.
 * @csspart curve - The mean retention curve (an SVG image labelled with each period's mean).
 * @csspart scroller - The box that scrolls the table when it is wider or taller than the element.
 * @csspart table - The cohort table.
 * @csspart empty - The "No data" message.
 *
 * @cssprop --ph-retention-color - Heat map and curve colour; defaults to `--ph-color-series-1`.
 * @cssprop --ph-retention-strong-text - Text on cells of 50% and more; defaults to `--ph-color-surface`.
 * @cssprop [--ph-retention-curve-height=96px] - Height of the mean retention curve.
 * @cssprop [--ph-table-max-height=480px] - Height past which the table scrolls (header and cohort column stay).
 * @cssprop --ph-color-text - Table text.
 * @cssprop --ph-color-text-muted - Curve labels.
 * @cssprop --ph-color-grid - Row rules and curve grid lines.
 * @cssprop --ph-color-surface - Background, sticky header and column.
 * @cssprop --ph-font-family - Font of the element.
 * @cssprop [--ph-radius=6px] - Corner radius of the base part and the picker.
 *
 * @fires {PhPointClickEvent} ph-point-click - A cell was activated: `series` is the cohort, `label` the period, `value` the count.
 */
export class PhRetentionTable extends PhViewElement<RetentionRow[]> {
  static override styles = [hostStyles, tableFrameStyles, styles];

  /** What the cells show: the share of the cohort (`percent`, the default) or the `count`. */
  @property({ reflect: true }) show: 'percent' | 'count' = 'percent';

  /** How the Mean row averages: `simple` (PostHog's default, each cohort once) or `weighted` by cohort size. */
  @property() mean: MeanCalculation = 'simple';

  @state() private _group = 0;

  /** The cell that holds the table's one tab stop (roving tabindex): [cohort, period]. */
  @state() private _active: [number, number] = [0, 0];

  private _view: RetentionView | undefined;

  /**
   * The shown breakdown value's table as CSV: cohort start (as sent), size, then each period's
   * count and percentage (0-100), then the Mean row; a leading column names the breakdown value.
   */
  toCSV(): string {
    if (this.drawFailed) return '';
    // Built afresh, so a result set just now (before the next render) is what gets exported.
    const view = this._build();
    const group = view?.groups[this._group] ?? view?.groups[0];
    if (!view || !group || group.cohorts.length === 0) return '';
    const withBreakdown = view.groups.length > 1 || (group.value !== undefined && group.value !== null);
    const { header, rows } = retentionCsvRows(group, this.text, withBreakdown);
    return toCsv(header, rows);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['result', 'locale', 'timezone', 'strings', 'mean'] as const;
    if (inputs.some((key) => changed.has(key))) this._view = this._build();
    if (!this._view?.groups[this._group]) this._group = 0;
    const cohorts = this._view?.groups[this._group]?.cohorts ?? [];
    const [cohort, period] = this._active;
    if (!cohorts[cohort]?.cells[period]) {
      const first = cohorts.findIndex((c) => c.cells.length > 0);
      this._active = [Math.max(0, first), 0];
    }
  }

  private _build(): RetentionView | undefined {
    if (!this.result) return undefined;
    return buildRetentionView(this.result.results, {
      locale: this.locale,
      timeZone: this.timezone ?? this.result.timezone,
      sourceTimeZone: this.result.timezone,
      mean: this.mean === 'weighted' ? 'weighted' : 'simple',
      text: this.text,
    });
  }

  private _percent = (ratio: number | null): string =>
    isFiniteNumber(ratio) ? numberFormat(this.locale, PERCENT).format(ratio) : MISSING;

  protected override render() {
    const view = this._view;
    const group = view?.groups[this._group];
    if (!view) return html`<div part="base" class="base"></div>`;
    if (!group || group.cohorts.length === 0) return this.renderEmpty();
    const text = this.text;
    const caption = fill(text.retentionCaption, {
      cohorts: String(group.cohorts.length),
      range: group.range,
    });
    return html`
      <div part="base" class="base">
        ${this._renderPicker(view)}
        ${meanCurve(group.mean, group.periods, this._curveLabel(group), this._percent)}
        <div part="scroller" class="scroller">
          <table part="table" @click=${this._onClick} @keydown=${this._onKeydown}>
            <caption class="visually-hidden">
              ${caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">${text.cohort}</th>
                <th scope="col">${text.size}</th>
                ${group.periods.map((period) => html`<th scope="col">${period}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${group.cohorts.map((cohort, row) => this._renderCohort(group, cohort, row))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">${text.mean}</th>
                <td></td>
                ${group.mean.map((ratio) => {
                  const { alpha, strong } = heat(ratio);
                  return html`<td
                    class="num heat ${strong ? 'strong' : ''}"
                    style=${styleMap({ '--_alpha': String(alpha) })}
                  >
                    ${this._percent(ratio)}
                  </td>`;
                })}
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    `;
  }

  private _renderPicker(view: RetentionView) {
    if (view.groups.length < 2) return nothing;
    return html`
      <label part="breakdown" class="picker">
        ${this.text.breakdown}
        <select @change=${this._onPick}>
          ${view.groups.map(
            (group, i) => html`<option value=${i} ?selected=${i === this._group}>${group.label}</option>`,
          )}
        </select>
      </label>
    `;
  }

  private _renderCohort(group: RetentionGroup, cohort: Cohort, row: number) {
    const locale = this.locale;
    return html`
      <tr>
        <th scope="row">${cohort.label}</th>
        <td class="num">${formatNumber(cohort.size, { locale })}</td>
        ${group.periods.map((_, period) => {
          const cell = cohort.cells[period];
          if (!cell) return html`<td></td>`;
          const { alpha, strong } = heat(cell.ratio);
          const percent = this._percent(cell.ratio);
          const count = formatNumber(cell.count, { locale });
          const title = fill(this.text.retentionCell, {
            count,
            size: formatNumber(cohort.size, { locale }),
            percent,
          });
          const active = this._active[0] === row && this._active[1] === period;
          return html`<td
            class="heat ${strong ? 'strong' : ''} ${cell.partial ? 'partial' : ''}"
            style=${styleMap({ '--_alpha': String(alpha) })}
          >
            <button
              type="button"
              class="cell"
              data-row=${row}
              data-period=${period}
              tabindex=${active ? 0 : -1}
              title=${cell.partial ? `${title}, ${this.text.inProgress}` : title}
            >
              ${this.show === 'count' ? count : percent}
            </button>
          </td>`;
        })}
      </tr>
    `;
  }

  private _curveLabel(group: RetentionGroup): string {
    const shown = group.mean.slice(0, 12).map((ratio, i) => `${group.periods[i]} ${this._percent(ratio)}`);
    if (group.mean.length > shown.length) shown.push('…');
    return fill(this.text.meanRetentionCurve, { values: shown.join(', ') });
  }

  private _cellAt(element: EventTarget | null): [number, number] | undefined {
    const button = element instanceof Element ? element.closest<HTMLElement>('button.cell') : null;
    if (!button) return undefined;
    return [Number(button.dataset.row), Number(button.dataset.period)];
  }

  private readonly _onClick = (event: Event): void => {
    const at = this._cellAt(event.target);
    const group = this._view?.groups[this._group];
    const cohort = at && group?.cohorts[at[0]];
    const cell = at && cohort?.cells[at[1]];
    if (!at || !group || !cohort || !cell) return;
    this._active = at;
    this.dispatchEvent(
      new PhPointClickEvent({
        series: cohort.label,
        seriesIndex: cohort.index,
        label: group.periods[at[1]] ?? '',
        index: at[1],
        value: cell.count,
      }),
    );
  };

  private readonly _onKeydown = async (event: KeyboardEvent): Promise<void> => {
    const at = this._cellAt(event.target);
    const move = MOVES[event.key];
    const cohorts = this._view?.groups[this._group]?.cohorts;
    if (!at || !move || !cohorts) return;
    event.preventDefault();
    const [row, wanted] = move(...at);
    const cells = cohorts[row]?.cells.length ?? 0;
    if (cells === 0 || wanted < 0) return;
    this._active = [row, Math.min(wanted, cells - 1)];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.cell[tabindex="0"]')?.focus();
  };

  private readonly _onPick = (event: Event): void => {
    this._group = Number((event.target as HTMLSelectElement).value);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-retention-table': PhRetentionTable;
  }
}
