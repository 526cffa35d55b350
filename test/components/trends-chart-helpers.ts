/** Fixtures and queries shared by the `<ph-trends-chart>` and `<ph-lifecycle-chart>` test files. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
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

export { breakdownResult, dailyDays, seriesResult } from '../helpers/synthetic-trends.js';
export { lifecycleResult } from '../helpers/synthetic-lifecycle.js';

export async function renderChart(
  result: RunResponse<TrendsSeries[]> | undefined,
  attributes: {
    display?: string | undefined;
    locale?: string;
    timezone?: string;
    theme?: 'light' | 'dark';
    width?: number;
  } = {},
) {
  const el = await fixture<PhTrendsChart>(html`
    <div style="width: ${attributes.width ?? 480}px">
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

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

export const parts = (el: HTMLElement) => {
  const root = el.shadowRoot!;
  const canvas = root.querySelector('canvas');
  const chart = canvas
    ? (Chart.getChart(canvas) as Chart<'line', Array<number | null>, string> | undefined)
    : undefined;
  return {
    canvas,
    chart,
    /** chart.js's type of the live chart: `line` or `bar`. */
    type: (chart?.config as { type?: string } | undefined)?.type,
    region: root.querySelector<HTMLElement>('[part~="chart"]'),
    table: root.querySelector<HTMLTableElement>('table[part="table"]'),
    legend: [...root.querySelectorAll<HTMLButtonElement>('[part="legend-item"]')],
    tooltip: root.querySelector<HTMLElement>('[part="tooltip"]'),
    status: plain(root.querySelector('[role="status"]')?.textContent),
    text: root.textContent ?? '',
  };
};

export const cells = (row: HTMLTableRowElement | undefined) =>
  [...row!.cells].map((cell) => plain(cell.textContent));

/** Body rows of a table as trimmed cell texts. */
export const bodyRows = (table: HTMLTableElement | null) =>
  [...table!.tBodies[0]!.rows].map((row) => cells(row));

/** The tooltip's title and `name value` rows, as shown. */
export function tooltipText(el: HTMLElement): { title: string; rows: string[] } {
  const tooltip = parts(el).tooltip;
  if (!tooltip) return { title: '', rows: [] };
  return {
    title: plain(tooltip.querySelector('.tooltip-title')?.textContent),
    rows: [...tooltip.querySelectorAll('.tooltip-row')].map((row) => plain(row.textContent)),
  };
}

/** Focuses the chart region and presses keys, as a keyboard user would. */
export async function pressOnChart(
  el: HTMLElement & { updateComplete: Promise<boolean> },
  ...keys: string[]
) {
  const region = parts(el).region!;
  if (el.shadowRoot!.activeElement !== region) region.focus();
  for (const key of keys) {
    await sendKeys({ press: key });
    await el.updateComplete;
  }
}

/** Collects `ph-point-click` events from `el`. */
export function clicks(el: HTMLElement) {
  const seen: Array<{
    series: string;
    seriesIndex: number;
    label: string;
    index: number;
    value: number | null;
  }> = [];
  el.addEventListener('ph-point-click', (event) => {
    const { series, seriesIndex, label, index, value } = event;
    seen.push({ series, seriesIndex, label, index, value });
  });
  return seen;
}

/** A mouse event at a canvas position, dispatched on the canvas (so it bubbles to the region). */
export function mouseAt(canvas: HTMLCanvasElement, type: 'click' | 'pointermove', x: number, y: number) {
  const box = canvas.getBoundingClientRect();
  const init = { clientX: box.left + x, clientY: box.top + y, bubbles: true, composed: true };
  canvas.dispatchEvent(type === 'click' ? new MouseEvent(type, init) : new PointerEvent(type, init));
}

/** Waits until chart.js has followed its box (its ResizeObserver answers after the first draw). */
export async function settled(el: HTMLElement) {
  const { chart, region } = parts(el);
  await waitUntil(
    () => chart!.width === region!.clientWidth && chart!.height === region!.clientHeight,
    'the chart did not take its size',
    { timeout: 3000 },
  );
}
