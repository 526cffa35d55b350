/** Fixtures and queries shared by the `<ph-trends-chart>` test files. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fixture } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

if (!customElements.get('ph-trends-chart')) customElements.define('ph-trends-chart', PhTrendsChart);

type Sample = { endpoint: { name: string }; run: { results: unknown[]; timezone?: string } };

/** What the proxy sends for a sample endpoint (DESIGN.md section 3). */
export function resultFrom(
  sample: Sample,
  extra: Partial<RunResponse<TrendsSeries[]>> = {},
): RunResponse<TrendsSeries[]> {
  return {
    name: sample.endpoint.name,
    kind: 'TrendsQuery',
    display: 'ActionsLineGraph',
    results: sample.run.results as TrendsSeries[],
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
    ...extra,
  };
}

/** A synthetic one-series result. */
export function seriesResult(
  data: Array<number | null>,
  days: string[],
  extra: Partial<RunResponse<TrendsSeries[]>> = {},
): RunResponse<TrendsSeries[]> {
  const series: TrendsSeries = {
    label: 'signed_up',
    data,
    days,
    labels: days,
    action: { name: 'signed_up' },
  };
  return {
    name: 'test',
    kind: 'TrendsQuery',
    results: [series],
    meta: { cache: 'hit', age_s: 1, upstream_ms: 0 },
    ...extra,
  };
}

export async function renderChart(
  result: RunResponse<TrendsSeries[]> | undefined,
  attributes: {
    display?: string | undefined;
    locale?: string;
    timezone?: string;
    theme?: 'light' | 'dark';
  } = {},
) {
  const el = await fixture<PhTrendsChart>(html`
    <div style="width: 480px">
      <ph-trends-chart
        .result=${result}
        display=${ifDefined('display' in attributes ? attributes.display : 'ActionsLineGraph')}
        locale=${attributes.locale ?? 'en-US'}
        timezone=${attributes.timezone ?? 'UTC'}
        theme=${attributes.theme ?? 'light'}
      ></ph-trends-chart>
    </div>
  `).then((wrapper) => wrapper.querySelector('ph-trends-chart')!);
  await el.updateComplete;
  return el;
}

export const parts = (el: PhTrendsChart) => {
  const root = el.shadowRoot!;
  const canvas = root.querySelector('canvas');
  return {
    canvas,
    chart: canvas
      ? (Chart.getChart(canvas) as Chart<'line', Array<number | null>, string> | undefined)
      : undefined,
    table: root.querySelector<HTMLTableElement>('table[part="table"]'),
    text: root.textContent ?? '',
  };
};

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
export const cells = (row: HTMLTableRowElement | undefined) =>
  [...row!.cells].map((cell) => plain(cell.textContent));
