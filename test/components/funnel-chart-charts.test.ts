import { expect, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  chartOf,
  funnelResult,
  plain,
  renderFunnel,
  sampleResult,
  TIME_TO_CONVERT,
  TRENDS,
  TRENDS_BY_BROWSER,
  tableRows,
} from './funnel-chart-helpers.js';
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };

const histogram = () => funnelResult(TIME_TO_CONVERT, { display: 'time_to_convert' });
const trends = (results: unknown = TRENDS) => funnelResult(results, { display: 'trends' });

describe('<ph-funnel-chart> time to convert', () => {
  it('draws a bar per bin with duration labels, and the average', async () => {
    const el = await renderFunnel(histogram());
    const { chart, canvas } = chartOf(el);
    expect(chart).to.be.instanceOf(Chart);
    expect((chart!.config as { type: string }).type).to.equal('bar');
    expect(chart!.data.datasets).to.have.length(1);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([60, 30, 15, 0, 10, 5, 0]);
    expect(chart!.data.labels).to.deep.equal(['0s', '4h', '8h', '12h', '16h', '20h', '1d']);
    expect(chart!.data.datasets[0]!.backgroundColor).to.equal(LIGHT_PALETTE.series[0]);
    expect(plain(el.shadowRoot!.querySelector('[part~="average"]')!.textContent)).to.equal(
      'Average time to convert: 2h 30m',
    );
    expect(canvas!.getAttribute('role')).to.equal('img');
    expect(canvas!.getAttribute('aria-label')).to.equal(
      'Time to convert histogram: 120 conversions between 0s and 1d 4h, average 2h 30m',
    );
  });

  it('has a hidden table with each bin range, count and share', async () => {
    const el = await renderFunnel(histogram());
    const table = el.shadowRoot!.querySelector('table[part~="table"]')!;
    expect(table.classList.contains('visually-hidden')).to.equal(true);
    expect(tableRows(el).slice(0, 3)).to.deep.equal([
      ['Time to convert', 'Converted', 'Share'],
      ['0s – 4h', '60', '50%'],
      ['4h – 8h', '30', '25%'],
    ]);
    expect(tableRows(el)).to.have.length(8);
  });

  it('exports bins in seconds as CSV', async () => {
    const el = await renderFunnel(histogram());
    const lines = el.toCSV().split('\r\n');
    expect(lines.slice(0, 3)).to.deep.equal([
      'from,to,converted,share',
      '0,14400,60,0.5',
      '14400,28800,30,0.25',
    ]);
    expect(lines[7]).to.equal('86400,100800,0,0');
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderFunnel(histogram(), { theme });
      await expect(el).to.be.accessible();
    }
  });

  it('destroys the chart when removed and draws it again when reattached', async () => {
    const el = await renderFunnel(histogram());
    const { canvas, chart } = chartOf(el);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas!)).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    const again = Chart.getChart(canvas!);
    expect(again).to.be.instanceOf(Chart).and.not.equal(chart);
    expect(again!.data.datasets[0]!.data).to.deep.equal([60, 30, 15, 0, 10, 5, 0]);
  });

  it('follows the width of its container', async () => {
    const el = await renderFunnel(histogram());
    const { chart } = chartOf(el);
    el.parentElement!.style.width = '400px';
    await waitUntil(() => chart!.width === 400, 'the chart did not follow its container', { timeout: 3000 });
  });
});

describe('<ph-funnel-chart> trends', () => {
  it('draws conversion rates as a line over dates', async () => {
    const el = await renderFunnel(trends());
    const { chart, canvas } = chartOf(el);
    expect((chart!.config as { type: string }).type).to.equal('line');
    expect(chart!.data.datasets.map((d) => d.label)).to.deep.equal(['Conversion rate']);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([12.5, 20, 0, 33.33, 25]);
    expect(chart!.data.labels).to.deep.equal(['Mar 8', 'Mar 9', 'Mar 10', 'Mar 11', 'Mar 12']);
    const ticks = chart!.scales['y']!.ticks.map((tick) => tick.label);
    expect(ticks.every((label) => String(label).endsWith('%'))).to.equal(true);
    expect(canvas!.getAttribute('aria-label')).to.equal(
      'Conversion rate over time, Mar 8 – 12, 2022. Latest: Conversion rate: 25%',
    );
    expect(tableRows(el).slice(0, 2)).to.deep.equal([
      ['Date', 'Conversion rate'],
      ['Tue, Mar 8, 2022', '12.5%'],
    ]);
    expect(el.shadowRoot!.querySelector('[part~="legend"]')).to.equal(null);
  });

  it('draws a line per breakdown value, with a legend that hides one', async () => {
    const el = await renderFunnel(trends(TRENDS_BY_BROWSER));
    const { chart } = chartOf(el);
    expect(chart!.data.datasets.map((d) => d.label)).to.deep.equal(['Chrome', 'Safari']);
    const items = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="legend-item"]');
    expect([...items].map((item) => plain(item.textContent))).to.deep.equal(['Chrome', 'Safari']);
    items[1]!.click();
    await el.updateComplete;
    expect(chartOf(el).chart).to.equal(chart);
    expect(chart!.data.datasets[1]!.hidden).to.equal(true);
    expect(tableRows(el)[0]).to.deep.equal(['Date', 'Chrome']);
    expect(el.toCSV().split('\r\n').slice(0, 2)).to.deep.equal(['date,Chrome', '2022-03-08,10']);
    expect(chartOf(el).canvas!.getAttribute('aria-label')).to.match(/Latest: Chrome: 50%$/);
  });

  it('exports dates and percentages as CSV', async () => {
    const el = await renderFunnel(trends(TRENDS_BY_BROWSER));
    expect(el.toCSV().split('\r\n').slice(0, 3)).to.deep.equal([
      'date,Chrome,Safari',
      '2022-03-08,10,5',
      '2022-03-09,20,0',
    ]);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderFunnel(trends(TRENDS_BY_BROWSER), { theme });
      await expect(el).to.be.accessible();
    }
  });
});

describe('<ph-funnel-chart> switching visualisations', () => {
  it('goes from steps to a histogram to a line and back, with no chart left behind', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    expect(chartOf(el).canvas).to.equal(null);
    el.result = histogram();
    await el.updateComplete;
    const bar = chartOf(el);
    expect((bar.chart!.config as { type: string }).type).to.equal('bar');
    el.result = trends();
    await el.updateComplete;
    const line = chartOf(el);
    expect((line.chart!.config as { type: string }).type).to.equal('line');
    if (bar.canvas !== line.canvas) expect(Chart.getChart(bar.canvas!)).to.equal(undefined);
    el.result = sampleResult(activationFunnel);
    await el.updateComplete;
    expect(chartOf(el).canvas).to.equal(null);
    expect(Chart.getChart(line.canvas!)).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('[part~="step"]')).to.have.length(3);
  });

  it('lets the result shape win over a display that does not fit it', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel), { display: 'time_to_convert' });
    expect(el.shadowRoot!.querySelectorAll('[part~="step"]')).to.have.length(3);
    const chart = await renderFunnel(histogram(), { display: 'steps' });
    expect(chartOf(chart).chart).to.be.instanceOf(Chart);
  });
});
