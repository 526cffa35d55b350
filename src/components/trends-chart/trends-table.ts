/**
 * Tables of a trends view: the visible ActionsTable display (series by dates plus a total,
 * sortable by any header, cells reachable with the arrow keys), the visually hidden table that
 * carries a chart's numbers for screen readers, and the CSV of what is shown. Tables list at
 * most {@link TABLE_LIMIT} dates (the latest); the CSV has them all.
 */
import { html, nothing } from 'lit';
import { toCsv } from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import type { PhStrings } from '../../internal/strings.js';
import type { TrendsSeriesView, TrendsView } from './trends-data.js';

export const TABLE_LIMIT = 500;

/** Sorting of the ActionsTable: column -1 is the series name, `days.length` the total. */
export interface TableSort {
  readonly column: number;
  readonly descending: boolean;
}

export type CellHandler = (
  series: TrendsSeriesView,
  position: number,
  label: string,
  value: number | null,
) => void;

/** The x positions a table lists: all, or the latest {@link TABLE_LIMIT}. */
export function tablePositions(view: TrendsView): number[] {
  const length = view.days.length;
  const start = Math.max(0, length - TABLE_LIMIT);
  return Array.from({ length: length - start }, (_, i) => start + i);
}

function capNote(view: TrendsView, text: PhStrings) {
  const total = view.days.length;
  if (total <= TABLE_LIMIT) return nothing;
  return html`<p class="note">
    ${fill(text.rowsShown, { shown: String(TABLE_LIMIT), total: String(total) })}
  </p>`;
}

/** The chart's numbers: one row per date, one column per shown series. */
export function renderDataTable(view: TrendsView, text: PhStrings, firstColumn: string) {
  const totals = view.family !== 'chart' && view.family !== 'table';
  return html`
    <div class="visually-hidden">
      <table part="table" class="data-table">
        <caption>
          ${view.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${totals ? text.seriesColumn : firstColumn}</th>
            ${
              totals
                ? html`<th scope="col">${text.valueColumn}</th>`
                : view.shown.map((series) => html`<th scope="col">${series.name}</th>`)
            }
          </tr>
        </thead>
        <tbody>
          ${
            totals
              ? view.shown.map(
                  (series) =>
                    html`<tr>
                      <th scope="row">${series.name}</th>
                      <td>${view.value(series.total)}</td>
                    </tr>`,
                )
              : tablePositions(view).map(
                  (i) =>
                    html`<tr>
                      <th scope="row">${view.labels.full(i)}</th>
                      ${view.shown.map((series) => html`<td>${view.value(series.values[i] ?? null)}</td>`)}
                    </tr>`,
                )
          }
        </tbody>
      </table>
      ${capNote(view, text)}
    </div>
  `;
}

const rowTotal = (series: TrendsSeriesView, view: TrendsView) =>
  view.totalsOnly ? series.total : sum(series.values);

function sum(values: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

function sortRows(view: TrendsView, sort: TableSort | undefined): TrendsSeriesView[] {
  const rows = [...view.shown];
  if (!sort) return rows;
  const key = (series: TrendsSeriesView) =>
    sort.column >= view.days.length ? rowTotal(series, view) : (series.values[sort.column] ?? null);
  const order = sort.descending ? -1 : 1;
  return rows.sort((a, b) => {
    if (sort.column < 0) return order * a.name.localeCompare(b.name, view.locale);
    const [x, y] = [key(a), key(b)];
    // Missing values sort last either way.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return order * (x - y);
  });
}

/** Arrow keys move between value cells (one tab stop for the whole grid); Enter or Space clicks. */
function onGridKey(event: KeyboardEvent): void {
  const cell = (event.target as Element).closest('td');
  if (!cell) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    cell.click();
    return;
  }
  const row = Number(cell.dataset['row']);
  const col = Number(cell.dataset['col']);
  const moves: Record<string, [number, number]> = {
    ArrowUp: [row - 1, col],
    ArrowDown: [row + 1, col],
    ArrowLeft: [row, col - 1],
    ArrowRight: [row, col + 1],
  };
  const next = moves[event.key];
  if (!next) return;
  const target = cell
    .closest('tbody')
    ?.querySelector<HTMLElement>(`td[data-row="${next[0]}"][data-col="${next[1]}"]`);
  event.preventDefault();
  if (!target) return;
  cell.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

/** The ActionsTable display: series by dates plus a total, or series by value for totals. */
export function renderSeriesTable(
  view: TrendsView,
  text: PhStrings,
  sort: TableSort | undefined,
  onSort: (column: number) => void,
  onCell: CellHandler,
) {
  const positions = view.totalsOnly ? [] : tablePositions(view);
  const totalColumn = view.days.length;
  const header = (column: number, label: string) => {
    const state = sort?.column === column ? (sort.descending ? 'descending' : 'ascending') : undefined;
    return html`<th scope="col" aria-sort=${state ?? nothing}>
      <button type="button" class="sort" @click=${() => onSort(column)}>
        ${label}<span class="sort-mark" aria-hidden="true"
          >${state === 'ascending' ? '▲' : state ? '▼' : ''}</span
        >
      </button>
    </th>`;
  };
  const cell = (
    series: TrendsSeriesView,
    row: number,
    col: number,
    position: number,
    label: string,
    value: number | null,
  ) =>
    html`<td
      tabindex=${row === 0 && col === 0 ? 0 : -1}
      data-row=${row}
      data-col=${col}
      @click=${() => onCell(series, position, label, value)}
    >
      ${view.value(value)}
    </td>`;
  return html`
    <div part="table-scroll" class="table-scroll">
      <table part="table" class="series-table">
        <caption>
          ${view.caption}
        </caption>
        <thead>
          <tr>
            ${header(-1, text.seriesColumn)} ${positions.map((i) => header(i, view.labels.axis(i)))}
            ${header(totalColumn, view.totalsOnly ? text.valueColumn : text.totalColumn)}
          </tr>
        </thead>
        <tbody @keydown=${onGridKey}>
          ${sortRows(view, sort).map(
            (series, row) =>
              html`<tr>
                <th scope="row">${series.name}</th>
                ${positions.map((i, col) => cell(series, row, col, i, view.labels.axis(i), series.values[i] ?? null))}
                ${cell(
                  series,
                  row,
                  positions.length,
                  -1,
                  view.totalsOnly ? text.valueColumn : text.totalColumn,
                  rowTotal(series, view),
                )}
              </tr>`,
          )}
        </tbody>
      </table>
      ${view.totalsOnly ? nothing : capNote(view, text)}
    </div>
  `;
}

/** What is shown as CSV: a date column and one column per shown series, or series and value. */
export function trendsCsv(
  view: TrendsView,
  text: PhStrings,
  firstColumn: string,
  order = view.shown,
): string {
  if (view.family === 'values' || view.family === 'pie' || view.totalsOnly) {
    return toCsv(
      [text.seriesColumn, text.valueColumn],
      order.map((series) => [series.name, series.total]),
    );
  }
  const stickiness = view.labels.interval === undefined;
  return toCsv(
    [firstColumn, ...view.shown.map((series) => series.name)],
    view.days.map((day, i) => [
      stickiness ? view.labels.axis(i) : day,
      ...view.shown.map((series) => series.values[i] ?? null),
    ]),
  );
}
