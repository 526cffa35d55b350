import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PhPageRequestEvent } from '../../events/page-request.js';
import { formatNumber, toCsv } from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import { PhViewElement } from '../../internal/view-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import { tableFrameStyles } from '../../styles/table.styles.js';
import { csvCell, formatCell, sortRows } from './cells.js';
import { describeColumns, rowsOf } from './columns.js';
import { styles } from './data-table.styles.js';
import type { PropertyValues } from 'lit';
import type { SqlCell } from '../../data/types.js';
import type { CellFormat } from './cells.js';
import type { Column } from './columns.js';

interface Sort {
  column: number;
  direction: 'ascending' | 'descending';
}

interface TableView {
  columns: Column[];
  /** The rows in the order shown (sorted when a column is). */
  rows: unknown[][];
  /** The column names, to keep the sort across pages of the same query. */
  shape: string;
}

const ARROWS = { ascending: '▲', descending: '▼' } as const;

/**
 * @summary Draws a PostHog SQL (HogQL) result as a sortable, paginated table.
 *
 * Takes the proxy's run response for a `HogQLQuery` through `.result` and fetches nothing. Column
 * names come from `columns`, kinds from `types` (plain ClickHouse type strings or `[name, type]`
 * pairs; inferred from the values when there are none): numbers are right-aligned and formatted
 * with `Intl` for `locale`, date-times are shown in `timezone`, lists, tuples, maps and JSON as
 * compact JSON text, booleans as `true`/`false`, null as a dash. Column headers are buttons that
 * sort the rows shown (ascending, descending, then the query's order; nulls always last). When
 * the result says there is more (`hasMore`) or starts past the first row (`offset`), Previous and
 * Next buttons ask for the neighbouring page with `ph-page-request`; `<ph-endpoint-chart>` runs
 * the endpoint again with that `limit` and `offset`.
 *
 * @tag ph-data-table
 *
 * @csspart base - The wrapper around the table and the pager; paints `--ph-color-surface`.
 * @csspart scroller - The keyboard-scrollable box around the table; the header row stays in view.
 * @csspart table - The table.
 * @csspart sort-button - Each column header's sort button.
 * @csspart pagination - The Previous/Next controls and the shown row range.
 * @csspart empty - The "No data" message.
 *
 * @cssprop [--ph-table-max-height=480px] - Height past which the rows scroll under the header.
 * @cssprop --ph-color-text - Table text.
 * @cssprop --ph-color-text-muted - Sort arrows, button borders, the "No data" message.
 * @cssprop --ph-color-grid - Row rules.
 * @cssprop --ph-color-surface - Background of the table and its sticky header.
 * @cssprop --ph-font-family - Font of the element.
 * @cssprop [--ph-radius=6px] - Corner radius of the base part and the pager buttons.
 *
 * @fires {PhPageRequestEvent} ph-page-request - Previous or Next was pressed: `limit` and `offset` of the page wanted.
 */
export class PhDataTable extends PhViewElement<SqlCell[][]> {
  static override styles = [hostStyles, tableFrameStyles, styles];

  /** Rows per page when the response carries no `limit`; sent as `limit` with `ph-page-request`. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 100;

  @state() private _sort: Sort | undefined;

  private _view: TableView = { columns: [], rows: [], shape: '' };

  /** The shown rows, in the shown order, as CSV: numbers, booleans and text raw, structures as JSON. */
  toCSV(): string {
    if (this.drawFailed) return '';
    const { columns, rows } = this._table();
    if (columns.length === 0 || rows.length === 0) return '';
    return toCsv(
      columns.map((column) => column.name),
      rows.map((row) => columns.map((_, i) => csvCell(row[i]))),
    );
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('result') || changed.has('strings')) {
      const shape = this._table(undefined).shape;
      // A new page of the same query keeps its sort; a different table starts in the query's order.
      if (shape !== this._view.shape) this._sort = undefined;
    }
    this._view = this._table();
  }

  private get _format(): CellFormat {
    const source = this.result?.timezone || 'UTC';
    return { locale: this.locale, timeZone: this.timezone || source, sourceTimeZone: source };
  }

  private _table(sort = this._sort): TableView {
    const rows = rowsOf(this.result?.results);
    const columns = this.result ? describeColumns(this.result, rows, this.text) : [];
    const shape = columns.map((column) => column.name).join('\n');
    const kind = sort && columns[sort.column]?.kind;
    if (!sort || !kind) return { columns, rows, shape };
    return { columns, rows: sortRows(rows, sort.column, kind, sort.direction, this._format), shape };
  }

  /** Where this page sits, or undefined when the result is all there is. */
  private get _page(): { limit: number; offset: number; hasMore: boolean } | undefined {
    const result = this.result;
    const offset = Math.max(0, Math.floor(result?.offset ?? 0)) || 0;
    const hasMore = result?.hasMore === true;
    if (!result || (!hasMore && offset === 0)) return undefined;
    const limit = [result.limit, this.pageSize].find((n) => typeof n === 'number' && n >= 1) ?? 100;
    return { limit: Math.floor(limit), offset, hasMore };
  }

  protected override render() {
    if (!this.result) return html`<div part="base" class="base"></div>`;
    const { columns, rows } = this._view;
    if (columns.length === 0 || rows.length === 0) {
      return html`<div part="base" class="base">
        <p part="empty" class="empty">${this.text.empty}</p>
        ${this._renderPager(0)}
      </div>`;
    }
    const format = this._format;
    return html`
      <div part="base" class="base">
        <div part="scroller" class="scroller" tabindex="0" role="region" aria-labelledby="caption">
          <table part="table">
            <caption id="caption" class="visually-hidden">
              ${this._caption()}
            </caption>
            <thead>
              <tr>
                ${columns.map((column, i) => this._renderHeader(column, i))}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    ${columns.map(
                      (column, i) =>
                        html`<td class=${column.kind}>${formatCell(row[i], column.kind, format)}</td>`,
                    )}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${this._renderPager(rows.length)}
      </div>
    `;
  }

  private _caption(): string {
    const { columns, rows } = this._view;
    const locale = this.locale;
    const counts = fill(this.text.sqlCaption, {
      rows: formatNumber(rows.length, { locale }),
      columns: formatNumber(columns.length, { locale }),
    });
    const dated = columns.some((column) => column.kind === 'datetime');
    return dated ? `${counts}. ${fill(this.text.timesIn, { zone: this._format.timeZone })}` : counts;
  }

  private _renderHeader(column: Column, index: number) {
    const direction = this._sort?.column === index ? this._sort.direction : undefined;
    return html`<th scope="col" class=${column.kind} aria-sort=${direction ?? nothing}>
      <button type="button" part="sort-button" class="sort" @click=${() => this._toggleSort(index)}>
        <span>${column.name}</span
        ><span class="arrow" aria-hidden="true">${direction ? ARROWS[direction] : '↕'}</span>
      </button>
    </th>`;
  }

  private _renderPager(shown: number) {
    const page = this._page;
    if (!page) return nothing;
    const locale = this.locale;
    const range = fill(this.text.rowsRange, {
      from: formatNumber(page.offset + 1, { locale }),
      to: formatNumber(page.offset + shown, { locale }),
    });
    const ask = (offset: number) => () => this.dispatchEvent(new PhPageRequestEvent(page.limit, offset));
    return html`
      <nav part="pagination" class="pager" aria-label=${this.text.pages}>
        <button
          type="button"
          ?disabled=${page.offset === 0}
          @click=${ask(Math.max(0, page.offset - page.limit))}
        >
          ${this.text.previousPage}
        </button>
        ${shown > 0 ? html`<span>${range}</span>` : nothing}
        <button type="button" ?disabled=${!page.hasMore} @click=${ask(page.offset + page.limit)}>
          ${this.text.nextPage}
        </button>
      </nav>
    `;
  }

  /** Ascending, then descending, then back to the query's own order. */
  private _toggleSort(column: number): void {
    const current = this._sort?.column === column ? this._sort.direction : undefined;
    this._sort =
      current === undefined
        ? { column, direction: 'ascending' }
        : current === 'ascending'
          ? { column, direction: 'descending' }
          : undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ph-data-table': PhDataTable;
  }
}
