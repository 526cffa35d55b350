import { expect } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { cells, parts, plain, renderChart, resultFrom, seriesResult } from './trends-chart-helpers.js';
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };

const DAYS = ['2022-03-04', '2022-03-05', '2022-03-06', '2022-03-07'];

describe('<ph-trends-chart> edge cases', () => {
  it('draws null points as gaps and shows them as dashes, never NaN', async () => {
    const el = await renderChart(seriesResult([1, null, NaN as number, 4], DAYS));
    const { chart, table, canvas, text } = parts(el);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([1, null, null, 4]);
    expect(chart!.data.datasets[0]!.spanGaps).to.equal(false);
    expect(cells(table!.tBodies[0]!.rows[1])).to.deep.equal(['Sat, Mar 5, 2022', '—']);
    expect(text).not.to.include('NaN');
    expect(canvas!.getAttribute('aria-label')).to.include('signed_up: 4').and.not.include('NaN');
  });

  it('reports the last non-null value as the latest', async () => {
    const el = await renderChart(seriesResult([1, 2, 3, null], DAYS));
    expect(parts(el).canvas!.getAttribute('aria-label')).to.include('signed_up: 3.');
  });

  it('shows a single point as a point', async () => {
    const el = await renderChart(seriesResult([42], ['2022-03-04']));
    const dataset = parts(el).chart!.data.datasets[0]!;
    expect(dataset.data).to.deep.equal([42]);
    expect(dataset.pointRadius).to.deep.equal([3]);
    expect(parts(el).table!.tBodies[0]!.rows).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('draws points only where a line cannot: isolated between gaps', async () => {
    const el = await renderChart(seriesResult([1, 2, null, 5, null], [...DAYS, '2022-03-08']));
    expect(parts(el).chart!.data.datasets[0]!.pointRadius).to.deep.equal([0, 0, 0, 3, 0]);
  });

  it('renders an empty series list as "No data" without a chart', async () => {
    const el = await renderChart({ ...seriesResult([], []), results: [] });
    const { canvas, text } = parts(el);
    expect(canvas).to.equal(null);
    expect(plain(text)).to.equal('No data');
    await expect(el).to.be.accessible();
  });

  it('renders nothing broken without a result, and draws once one arrives', async () => {
    const el = await renderChart(undefined);
    expect(parts(el).canvas).to.equal(null);
    el.result = resultFrom(dailyActiveUsers);
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets).to.have.length(1);
  });

  it('destroys the chart when the data empties and draws a new one when it returns', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    const { canvas } = parts(el);
    el.result = { ...resultFrom(dailyActiveUsers), results: [] };
    await el.updateComplete;
    expect(Chart.getChart(canvas!)).to.equal(undefined);
    el.result = resultFrom(dailyActiveUsers);
    await el.updateComplete;
    expect(parts(el).chart).to.be.instanceOf(Chart);
  });

  it('treats every series hidden as empty', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers, { format: { hidden: [0] } }));
    expect(parts(el).canvas).to.equal(null);
  });

  it('labels hourly data in the display time zone', async () => {
    const hours = ['2022-03-04 13:00:00', '2022-03-04 14:00:00', '2022-03-04 15:00:00'];
    const el = await renderChart(seriesResult([1, 2, 3], hours, { timezone: 'UTC' }), {
      timezone: 'America/New_York',
    });
    const { chart, table } = parts(el);
    expect(chart!.data.labels!.map((label) => plain(label))).to.deep.equal([
      'Mar 4, 8:00 AM',
      'Mar 4, 9:00 AM',
      'Mar 4, 10:00 AM',
    ]);
    expect(plain(table!.tBodies[0]!.rows[0]!.querySelector('th')!.textContent)).to.equal(
      'Fri, Mar 4, 2022, 8:00 AM EST',
    );
  });

  it('follows result.display when no display is set', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers, { display: 'ActionsLineGraphCumulative' }), {
      display: undefined,
    });
    expect(parts(el).chart!.data.datasets[0]!.data.at(-1)).to.equal(61010);
    el.setAttribute('display', 'ActionsLineGraph');
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets[0]!.data.at(-1)).to.equal(796);
    el.removeAttribute('display');
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets[0]!.data.at(-1)).to.equal(61010);
  });

  it('names series by breakdown, prefixed by event when several events are broken down', async () => {
    const base = seriesResult([1], ['2022-03-04']).results[0]!;
    const results = [
      { ...base, breakdown_value: 'Chrome', action: { name: '$pageview', order: 0 } },
      {
        ...base,
        breakdown_value: 'Chrome',
        action: { name: 'signed_up', custom_name: 'Sign-ups', order: 1 },
      },
      { ...base, breakdown_value: '$$_posthog_breakdown_other_$$', action: { name: '$pageview', order: 0 } },
      { ...base, label: 'fallback', breakdown_value: null, action: { name: '$pageview', order: 0 } },
    ];
    const el = await renderChart({ ...seriesResult([], []), results });
    expect(parts(el).chart!.data.datasets.map((d) => d.label)).to.deep.equal([
      '$pageview - Chrome',
      'Sign-ups - Chrome',
      '$pageview - Other',
      'fallback',
    ]);
  });

  it('cycles colours past eight series and dashes the repeats', async () => {
    const base = seriesResult([1, 2], ['2022-03-04', '2022-03-05']).results[0]!;
    const results = Array.from({ length: 10 }, (_, i) => ({ ...base, breakdown_value: `v${i}` }));
    const el = await renderChart({ ...seriesResult([], []), results });
    const datasets = parts(el).chart!.data.datasets;
    expect(datasets[8]!.borderColor).to.equal(datasets[0]!.borderColor);
    expect(datasets[0]!.borderDash).to.deep.equal([]);
    expect(datasets[8]!.borderDash).to.not.deep.equal([]);
  });

  it('caps the accessible label and counts the series it leaves out', async () => {
    const base = seriesResult([1], ['2022-03-04']).results[0]!;
    const results = Array.from({ length: 40 }, (_, i) => ({
      ...base,
      breakdown_value: `a fairly long breakdown value ${i}`,
    }));
    const el = await renderChart({ ...seriesResult([], []), results });
    const label = parts(el).canvas!.getAttribute('aria-label')!;
    expect(label.length).to.be.at.most(400);
    expect(label).to.match(/and \d+ more\.$/);
  });

  it('logs no Lit dev-mode warnings while rendering and updating', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await renderChart(resultFrom(dailyActiveUsers));
      el.theme = 'dark';
      el.display = 'ActionsAreaGraph';
      await el.updateComplete;
      el.result = { ...resultFrom(dailyActiveUsers), results: [] };
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([]);
  });
});
