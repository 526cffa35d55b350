import { expect, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  cells,
  parts,
  plain,
  pressOnChart,
  renderChart,
  resultFrom,
  tooltipText,
} from './trends-chart-helpers.js';
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import type { DisplayFormat } from '../../src/data/types.js';

describe('<ph-trends-chart> with the daily_active_users sample', () => {
  it('draws one dataset with Intl labels and the raw values', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { chart } = parts(el);
    expect(chart).to.be.instanceOf(Chart);
    expect(chart!.data.datasets).to.have.length(1);
    expect(chart!.data.datasets[0]!.label).to.equal('$pageview');
    expect(chart!.data.datasets[0]!.data).to.deep.equal([0, 0, 0, 15625, 22870, 15044, 6675, 796]);
    expect(chart!.data.labels).to.deep.equal([
      'Mar 4',
      'Mar 5',
      'Mar 6',
      'Mar 7',
      'Mar 8',
      'Mar 9',
      'Mar 10',
      'Mar 11',
    ]);
    // One series needs no legend.
    expect(parts(el).legend).to.have.length(0);
  });

  it('labels the canvas with what it shows, the range and the latest value', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { canvas } = parts(el);
    expect(canvas!.getAttribute('role')).to.equal('img');
    expect(plain(canvas!.getAttribute('aria-label'))).to.equal(
      'Line chart, 1 series, Mar 4 – 11, 2022. Latest values: $pageview: 796.',
    );
  });

  it('has a hidden table with one row per point and the same numbers', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { table } = parts(el);
    expect(plain(table!.caption!.textContent)).to.equal('Line chart, 1 series, Mar 4 – 11, 2022');
    const headers = [...table!.tHead!.querySelectorAll('th')];
    expect(headers.map((th) => [th.textContent, th.scope])).to.deep.equal([
      ['Date', 'col'],
      ['$pageview', 'col'],
    ]);
    const rows = [...table!.tBodies[0]!.rows];
    expect(rows).to.have.length(8);
    expect(rows[3]!.querySelector('th')!.scope).to.equal('row');
    expect(cells(rows[3])).to.deep.equal(['Mon, Mar 7, 2022', '15,625']);
    expect(getComputedStyle(table!.parentElement!).position).to.equal('absolute');
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderChart(resultFrom(dailyActiveUsers), { theme });
      await expect(el).to.be.accessible();
    }
  });

  it('formats numbers and dates in its locale', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers), { locale: 'de-DE' });
    const { chart, table } = parts(el);
    expect(chart!.data.labels![0]).to.equal('4. März');
    expect(cells(table!.tBodies[0]!.rows[3])[1]).to.equal('15.625');
  });

  it('keeps date-only days on their date in any time zone', async () => {
    for (const timezone of ['Pacific/Honolulu', 'Asia/Tokyo', 'Etc/GMT+12']) {
      const el = await renderChart(resultFrom(dailyActiveUsers), { timezone });
      expect(parts(el).chart!.data.labels![0], timezone).to.equal('Mar 4');
    }
  });

  it('colours the series from the theme and recolours the same chart when the theme changes', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { chart } = parts(el);
    expect(chart!.data.datasets[0]!.borderColor).to.equal(LIGHT_PALETTE.series[0]);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(parts(el).chart).to.equal(chart);
    expect(chart!.data.datasets[0]!.borderColor).to.equal(DARK_PALETTE.series[0]);
  });

  it('updates the same chart when .result changes', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { chart, canvas } = parts(el);
    el.result = resultFrom(pageviewsByBrowser);
    await el.updateComplete;
    expect(parts(el).canvas).to.equal(canvas);
    expect(Chart.getChart(canvas!)).to.equal(chart);
    expect(chart!.data.datasets).to.have.length(3);
    expect(chart!.data.labels![0]).to.equal('Mar 8');
  });

  it('destroys the chart when removed and draws it again when reattached', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { canvas, chart } = parts(el);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas!)).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    const again = Chart.getChart(canvas!);
    expect(again).to.be.instanceOf(Chart).and.not.equal(chart);
    expect(again!.data.datasets[0]!.data).to.deep.equal([0, 0, 0, 15625, 22870, 15044, 6675, 796]);
  });

  it('adds up running totals when cumulative', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers), { display: 'ActionsLineGraphCumulative' });
    const { chart, canvas } = parts(el);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([0, 0, 0, 15625, 38495, 53539, 60214, 61010]);
    expect(canvas!.getAttribute('aria-label')).to.match(/^Cumulative line chart.*\$pageview: 61,010\.$/);
  });

  it('fills the area under the line for ActionsAreaGraph', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers), { display: 'ActionsAreaGraph' });
    const dataset = parts(el).chart!.data.datasets[0]! as { areaFill?: string; backgroundColor?: unknown };
    expect(dataset.areaFill).to.equal('stack');
    expect(dataset.backgroundColor).to.equal('rgba(29, 74, 255, 0.35)');
  });

  it('sizes itself by its container and --ph-chart-height', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    expect(parts(el).chart!.height).to.equal(300);
    expect(parts(el).chart!.width).to.equal(480);
    el.style.setProperty('--ph-chart-height', '180px');
    el.parentElement!.style.width = '320px';
    // chart.js follows its box through a ResizeObserver: wait for it, no timers.
    const chart = parts(el).chart!;
    await waitUntil(() => chart.height === 180 && chart.width === 320, 'chart did not follow its container', {
      timeout: 3000,
    });
  });
});

describe('<ph-trends-chart> with the pageviews_by_browser sample', () => {
  it('draws one named dataset per breakdown value, with a legend', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const { chart, table, canvas, legend } = parts(el);
    expect(chart!.data.datasets.map((d) => d.label)).to.deep.equal(['1.10.5', '1.13.9', '1.17.9']);
    expect(legend.map((b) => [plain(b.textContent), b.getAttribute('aria-pressed')])).to.deep.equal([
      ['1.10.5', 'true'],
      ['1.13.9', 'true'],
      ['1.17.9', 'true'],
    ]);
    expect(new Set(chart!.data.datasets.map((d) => d.borderColor)).size).to.equal(3);
    expect(table!.tHead!.querySelectorAll('th')).to.have.length(4);
    expect(table!.tBodies[0]!.rows).to.have.length(8);
    expect(cells(table!.tBodies[0]!.rows[0])).to.deep.equal(['Tue, Mar 8, 2022', '22,750', '0', '120']);
    expect(plain(canvas!.getAttribute('aria-label'))).to.equal(
      'Line chart, 3 series, Mar 8 – 15, 2022. Latest values: 1.10.5: 0; 1.13.9: 0; 1.17.9: 0.',
    );
  });

  it('honours hidden series and custom names from format', async () => {
    const format: DisplayFormat = { hidden: [1], customNames: { '0': 'Old SDK' } };
    const el = await renderChart(resultFrom(pageviewsByBrowser, { format }));
    const { chart, table } = parts(el);
    expect(chart!.data.datasets.map((d) => d.label)).to.deep.equal(['Old SDK', '1.17.9']);
    // Colours stay with the series' position, so hiding one does not repaint the others.
    expect(chart!.data.datasets[1]!.borderColor).to.equal(LIGHT_PALETTE.series[2]);
    expect([...table!.tHead!.querySelectorAll('th')].map((th) => th.textContent)).to.deep.equal([
      'Date',
      'Old SDK',
      '1.17.9',
    ]);
  });

  it('puts prefix, postfix and axis format on ticks, tooltips and the table', async () => {
    const format: DisplayFormat = { prefix: '$', postfix: ' /day', decimalPlaces: 1 };
    const el = await renderChart(resultFrom(pageviewsByBrowser, { format }));
    const { chart, table } = parts(el);
    const ticks = chart!.scales.y!.ticks.map((tick) => tick.label);
    expect(ticks.length).to.be.greaterThan(1);
    for (const label of ticks) expect(label).to.match(/^\$.* \/day$/);
    expect(cells(table!.tBodies[0]!.rows[0])).to.deep.equal([
      'Tue, Mar 8, 2022',
      '$22,750.0 /day',
      '$0.0 /day',
      '$120.0 /day',
    ]);
    await pressOnChart(el, 'Home');
    expect(tooltipText(el)).to.deep.equal({
      title: 'Tue, Mar 8, 2022',
      rows: ['1.10.5 $22,750.0 /day', '1.13.9 $0.0 /day', '1.17.9 $120.0 /day'],
    });
    await pressOnChart(el, 'End');
    expect(tooltipText(el).title).to.equal('Tue, Mar 15, 2022');
  });

  it('is accessible with several series in dark', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { theme: 'dark' });
    await expect(el).to.be.accessible();
  });
});
