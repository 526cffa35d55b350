/** Fixtures and queries shared by the `<ph-retention-table>` test files. */
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import { PhRetentionTable } from '../../src/components/retention-table/retention-table.js';
import signupRetention from '../fixtures/endpoints/signup_retention.json' with { type: 'json' };
import type { RetentionRow, RunResponse } from '../../src/data/types.js';

if (!customElements.get('ph-retention-table')) customElements.define('ph-retention-table', PhRetentionTable);

export function retentionResult(
  results: unknown[],
  extra: Partial<RunResponse<RetentionRow[]>> = {},
): RunResponse<RetentionRow[]> {
  return {
    name: 'retention',
    kind: 'RetentionQuery',
    results: results as RetentionRow[],
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
    ...extra,
  };
}

/** The signup_retention sample as the proxy sends it (PostHog's extra fields left in: the view ignores them). */
export const signupResult = () =>
  retentionResult(signupRetention.run.results, { name: 'signup_retention', timezone: 'UTC' });

/** Synthetic cohorts: one row per date, `counts[i]` its values. */
export function cohorts(
  dates: string[],
  counts: number[][],
  extra: Partial<RetentionRow> = {},
): RetentionRow[] {
  return dates.map((date, i) => ({
    date,
    values: (counts[i] ?? []).map((count) => ({ count })),
    ...extra,
  }));
}

export async function renderTable(
  result: RunResponse<RetentionRow[]> | undefined,
  attributes: {
    theme?: 'light' | 'dark';
    locale?: string;
    timezone?: string;
    show?: string;
    mean?: string;
  } = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="width: 640px">
      <ph-retention-table
        .result=${result}
        locale=${attributes.locale ?? 'en-US'}
        timezone=${attributes.timezone ?? 'UTC'}
        theme=${attributes.theme ?? 'light'}
        show=${attributes.show ?? 'percent'}
        mean=${attributes.mean ?? 'simple'}
      ></ph-retention-table>
    </div>
  `);
  const el = wrapper.querySelector('ph-retention-table')!;
  await el.updateComplete;
  return el;
}

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Text of every cell of a row, header cell included. */
export const rowText = (row: HTMLTableRowElement | undefined) =>
  [...(row?.cells ?? [])].map((cell) => plain(cell.textContent));

export function tableOf(el: PhRetentionTable) {
  const root = el.shadowRoot!;
  const table = root.querySelector<HTMLTableElement>('table[part="table"]');
  return {
    table,
    header: rowText(table?.tHead?.rows[0]),
    body: [...(table?.tBodies[0]?.rows ?? [])],
    mean: rowText(table?.tFoot?.rows[0]),
    buttons: [...root.querySelectorAll<HTMLButtonElement>('button.cell')],
    text: plain(root.textContent),
  };
}
