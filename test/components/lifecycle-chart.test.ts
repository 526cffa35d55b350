import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { Chart } from 'chart.js';
import { PhLifecycleChart } from '../../src/components/lifecycle-chart/lifecycle-chart.js';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  bodyRows,
  clicks,
  dailyDays,
  lifecycleResult,
  parts,
  plain,
  pressOnChart,
  settled,
  tooltipText,
} from './trends-chart-helpers.js';
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

if (!customElements.get('ph-lifecycle-chart')) customElements.define('ph-lifecycle-chart', PhLifecycleChart);

const DAYS = dailyDays(4);
async function renderLifecycle(
  result: RunResponse<TrendsSeries[]> | undefined,
  theme: 'light' | 'dark' = 'light',
) {
  const el = await fixture<PhLifecycleChart>(html`
    <div style="width: 480px">
      <ph-lifecycle-chart .result=${result} locale="en-US" timezone="UTC" theme=${theme}></ph-lifecycle-chart>
    </div>
  `).then((wrapper) => wrapper.querySelector('ph-lifecycle-chart')!);
  await el.updateComplete;
  return el;
}

// Status colours are fixed palette slots: 1, 3, 4 and 5.
const slots = (palette: readonly string[]) => [0, 2, 3, 4].map((i) => palette[i]);
const LIGHT = slots(LIGHT_PALETTE.series);
const DARK = slots(DARK_PALETTE.series);

describe('<ph-lifecycle-chart>', () => {
  it('stacks new, returning and resurrecting above the axis and dormant below, in status colours', async () => {
    const el = await renderLifecycle(lifecycleResult());
    const { chart, canvas, legend } = parts(el);
    expect(parts(el).type).to.equal('bar');
    expect(chart!.options.scales!.y!.stacked).to.equal(true);
    const datasets = chart!.data.datasets;
    expect(datasets.map((d) => d.label)).to.deep.equal(['New', 'Returning', 'Resurrecting', 'Dormant']);
    expect(datasets.map((d) => d.backgroundColor)).to.deep.equal(LIGHT);
    expect(datasets[3]!.data).to.deep.equal([-6, -9, -2, -7]);
    expect(datasets.slice(0, 3).every((d) => d.data.every((v) => (v as number) >= 0))).to.equal(true);
    expect(chart!.scales.y!.min).to.be.lessThan(0);
    expect(legend.map((b) => plain(b.textContent))).to.deep.equal([
      'New',
      'Returning',
      'Resurrecting',
      'Dormant',
    ]);
    expect(canvas!.getAttribute('aria-label')).to.equal(
      'Lifecycle chart, 4 series, Jan 1 – 4, 2024. Latest values: New: 12; Returning: 24; Resurrecting: 2; Dormant: -7.',
    );
  });

  it('orders statuses, reads them from labels and puts dormant below the axis whatever the source did', async () => {
    const el = await renderLifecycle(
      lifecycleResult(['dormant', 'resurrecting', 'new', 'returning'], {
        withStatus: false,
        flipDormant: true,
      }),
    );
    const datasets = parts(el).chart!.data.datasets;
    expect(datasets.map((d) => d.label)).to.deep.equal(['New', 'Returning', 'Resurrecting', 'Dormant']);
    expect(datasets[3]!.data).to.deep.equal([-6, -9, -2, -7]);
    // seriesIndex stays the position in the result.
    const seen = clicks(el);
    await pressOnChart(el, 'ArrowRight', 'Enter');
    expect(seen).to.deep.equal([{ series: 'New', seriesIndex: 2, label: 'Jan 1', index: 0, value: 5 }]);
  });

  it('lists every status in the tooltip, the table and the CSV', async () => {
    const el = await renderLifecycle(lifecycleResult());
    await pressOnChart(el, 'ArrowRight', 'ArrowRight');
    expect(tooltipText(el)).to.deep.equal({
      title: 'Tue, Jan 2, 2024',
      rows: ['New 8', 'Returning 22', 'Resurrecting 0', 'Dormant -9'],
    });
    const { table } = parts(el);
    expect([...table!.tHead!.rows[0]!.cells].map((th) => th.textContent)).to.deep.equal([
      'Date',
      'New',
      'Returning',
      'Resurrecting',
      'Dormant',
    ]);
    expect(bodyRows(table)[0]).to.deep.equal(['Mon, Jan 1, 2024', '5', '20', '3', '-6']);
    expect(el.toCSV().split('\r\n').slice(0, 2)).to.deep.equal([
      'Date,New,Returning,Resurrecting,Dormant',
      '2024-01-01,5,20,3,-6',
    ]);
  });

  it('hides a status from the legend and fires ph-point-click from the pointer', async () => {
    const el = await renderLifecycle(lifecycleResult());
    parts(el).legend[3]!.click();
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets[3]!.hidden).to.equal(true);
    expect(el.toCSV().split('\r\n')[0]).to.equal('Date,New,Returning,Resurrecting');
    await settled(el);
    const seen = clicks(el);
    const bar = parts(el).chart!.getDatasetMeta(1).data[1]!.getProps(['x', 'y', 'base'], true) as {
      x: number;
      y: number;
      base: number;
    };
    const box = parts(el).canvas!.getBoundingClientRect();
    parts(el).canvas!.dispatchEvent(
      new MouseEvent('click', {
        clientX: box.left + bar.x,
        clientY: box.top + (bar.y + bar.base) / 2,
        bubbles: true,
        composed: true,
      }),
    );
    expect(seen).to.deep.equal([
      { series: 'Returning', seriesIndex: 1, label: 'Jan 2', index: 1, value: 22 },
    ]);
  });

  it('takes the dark status colours and public tokens', async () => {
    const el = await renderLifecycle(lifecycleResult(), 'dark');
    expect(parts(el).chart!.data.datasets.map((d) => d.backgroundColor)).to.deep.equal(DARK);
    el.style.setProperty('--ph-color-lifecycle-dormant', 'rgb(0, 128, 0)');
    el.theme = 'light';
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets[3]!.backgroundColor).to.equal('#008000');
  });

  it('is accessible in light and dark, loaded and empty', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await expect(await renderLifecycle(lifecycleResult(), theme)).to.be.accessible();
      const empty = await renderLifecycle({ ...lifecycleResult(), results: [] }, theme);
      expect(plain(empty.shadowRoot!.textContent)).to.equal('No data for this period');
      expect(empty.shadowRoot!.querySelector('[part~="empty"]')?.textContent).to.equal(
        'No data for this period',
      );
      expect(empty.toCSV()).to.equal('');
      await expect(empty).to.be.accessible();
    }
  });

  it('destroys its chart when removed and draws it again when reattached', async () => {
    const el = await renderLifecycle(lifecycleResult());
    const { canvas, chart } = parts(el);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas!)).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    const again = Chart.getChart(canvas!);
    expect(again).to.be.instanceOf(Chart).and.not.equal(chart);
    expect(again!.data.datasets).to.have.length(4);
  });

  it('draws nothing broken without a result, with nulls or a single period', async () => {
    const el = await renderLifecycle(undefined);
    expect(parts(el).canvas).to.equal(null);
    const result = lifecycleResult();
    for (const series of result.results) series.data = [null];
    result.results.forEach((series) => (series.days = DAYS.slice(0, 1)));
    el.result = result;
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets.map((d) => d.data)).to.deep.equal([[null], [null], [null], [null]]);
    expect(parts(el).text).not.to.include('NaN');
  });
});
