/** Fixtures and queries shared by the `<ph-data-table>` test files. */
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import { PhDataTable } from '../../src/components/data-table/data-table.js';
import topEvents from '../fixtures/endpoints/top_events.json' with { type: 'json' };
import type { RunResponse, SqlCell } from '../../src/data/types.js';

if (!customElements.get('ph-data-table')) customElements.define('ph-data-table', PhDataTable);

export function sqlResult(
  results: unknown[][],
  extra: Partial<RunResponse<SqlCell[][]>> = {},
): RunResponse<SqlCell[][]> {
  return {
    name: 'sql',
    kind: 'HogQLQuery',
    results: results as SqlCell[][],
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
    ...extra,
  };
}

/** The top_events sample as the proxy sends it: columns, no types. */
export const topEventsResult = () =>
  sqlResult(topEvents.run.results, {
    name: 'top_events',
    columns: topEvents.run.columns,
    hasMore: false,
    timezone: 'UTC',
  });

export async function renderDataTable(
  result: RunResponse<SqlCell[][]> | undefined,
  attributes: { theme?: 'light' | 'dark'; locale?: string; timezone?: string; pageSize?: number } = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="width: 480px">
      <ph-data-table
        .result=${result}
        locale=${attributes.locale ?? 'en-US'}
        timezone=${attributes.timezone ?? 'UTC'}
        theme=${attributes.theme ?? 'light'}
        page-size=${attributes.pageSize ?? 100}
      ></ph-data-table>
    </div>
  `);
  const el = wrapper.querySelector('ph-data-table')!;
  await el.updateComplete;
  return el;
}

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

export function tableOf(el: PhDataTable) {
  const root = el.shadowRoot!;
  const table = root.querySelector<HTMLTableElement>('table[part="table"]');
  const headers = [...(table?.tHead?.rows[0]?.cells ?? [])];
  const rows = [...(table?.tBodies[0]?.rows ?? [])];
  return {
    table,
    headers,
    names: headers.map((th) => plain(th.querySelector('button span')?.textContent)),
    sortButtons: headers.map((th) => th.querySelector('button')!),
    ariaSort: headers.map((th) => th.getAttribute('aria-sort')),
    rows,
    cells: rows.map((row) => [...row.cells].map((cell) => plain(cell.textContent))),
    column: (i: number) => rows.map((row) => plain(row.cells[i]?.textContent)),
    kinds: [...(rows[0]?.cells ?? [])].map((cell) => cell.className),
    pager: root.querySelector<HTMLElement>('[part="pagination"]'),
    text: plain(root.textContent),
  };
}
