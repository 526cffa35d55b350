/**
 * Fixtures and queries shared by the `<ph-funnel-chart>` test files. The time-to-convert and
 * trends results are synthesised in PostHog's shapes: `FunnelTimeToConvertResults`
 * (`{average_conversion_time, bins: [[seconds, count], ...]}`, the last bin an upper edge) and
 * `FunnelTrends._format_single_summary` (`{count, data, days, labels}` per breakdown value, the
 * data in percent), from posthog/hogql_queries/insights/funnels/.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fixture } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { PhFunnelChart } from '../../src/components/funnel-chart/funnel-chart.js';
import { funnelResult } from '../helpers/synthetic-funnel.js';
import type { RunResponse } from '../../src/data/types.js';

if (!customElements.get('ph-funnel-chart')) customElements.define('ph-funnel-chart', PhFunnelChart);

type Sample = { endpoint: { name: string }; run: { results: unknown } };

export function sampleResult(sample: Sample, extra: Partial<RunResponse> = {}): RunResponse {
  return funnelResult(sample.run.results, { name: sample.endpoint.name, ...extra });
}

export { funnelResult, steps, TIME_TO_CONVERT } from '../helpers/synthetic-funnel.js';

const DAYS = ['2022-03-08', '2022-03-09', '2022-03-10', '2022-03-11', '2022-03-12'];
const LABELS = ['8-Mar-2022', '9-Mar-2022', '10-Mar-2022', '11-Mar-2022', '12-Mar-2022'];

export const TRENDS = [{ count: 5, data: [12.5, 20, 0, 33.33, 25], days: DAYS, labels: LABELS }];

export const TRENDS_BY_BROWSER = [
  { count: 5, data: [10, 20, 30, 40, 50], days: DAYS, labels: LABELS, breakdown_value: ['Chrome'] },
  { count: 5, data: [5, 0, 15, 0, 25], days: DAYS, labels: LABELS, breakdown_value: ['Safari'] },
];

export async function renderFunnel(
  result: RunResponse | undefined,
  attributes: {
    display?: string;
    layout?: 'vertical' | 'horizontal';
    locale?: string;
    /** `null` leaves the attribute off, so the element follows `prefers-color-scheme`. */
    theme?: 'light' | 'dark' | null;
    width?: number;
  } = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="width: ${attributes.width ?? 720}px">
      <ph-funnel-chart
        .result=${result}
        display=${ifDefined(attributes.display)}
        layout=${ifDefined(attributes.layout)}
        locale=${attributes.locale ?? 'en-US'}
        timezone="UTC"
        theme=${ifDefined(attributes.theme === null ? undefined : (attributes.theme ?? 'light'))}
      ></ph-funnel-chart>
    </div>
  `);
  const el = wrapper.querySelector('ph-funnel-chart')!;
  await el.updateComplete;
  return el;
}

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Each step as strings: its name and its metric pairs. */
export function stepTexts(el: PhFunnelChart) {
  return [...el.shadowRoot!.querySelectorAll('[part~="step"]')].map((step) => ({
    name: plain(step.querySelector('[part~="step-name"]')?.textContent),
    metrics: Object.fromEntries(
      [...step.querySelectorAll('.metric')].map((metric) => [
        plain(metric.querySelector('dt')?.textContent),
        plain(metric.querySelector('dd')?.textContent),
      ]),
    ),
  }));
}

export function bars(el: PhFunnelChart): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="bar"]')];
}

export const barLabels = (el: PhFunnelChart) => bars(el).map((bar) => bar.title);

export function tableRows(el: PhFunnelChart): string[][] {
  const table = el.shadowRoot!.querySelector('table[part~="table"]');
  return [...(table?.querySelectorAll('tr') ?? [])].map((row) =>
    [...row.children].map((cell) => plain(cell.textContent)),
  );
}

export function chartOf(el: PhFunnelChart) {
  const canvas = el.shadowRoot!.querySelector('canvas');
  return {
    canvas,
    chart: canvas
      ? (Chart.getChart(canvas) as Chart<'bar' | 'line', unknown[], string> | undefined)
      : undefined,
  };
}
