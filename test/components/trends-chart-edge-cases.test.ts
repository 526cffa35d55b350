import { expect } from '@open-wc/testing';
import { Chart } from 'chart.js';
import {
  breakdownResult,
  cells,
  parts,
  plain,
  renderChart,
  resultFrom,
  seriesResult,
} from './trends-chart-helpers.js';
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };

const DAYS = ['2022-03-04', '2022-03-05', '2022-03-06', '2022-03-07'];
const DISPLAYS = [
  'ActionsAreaGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsBarValue',
  'ActionsPie',
  'ActionsTable',
  'WorldMap',
  'ActionsLineGraphCumulative',
] as const;

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

  it('renders an empty series list as "No data for this period" without a chart', async () => {
    const el = await renderChart({ ...seriesResult([], []), results: [] });
    const { canvas, text } = parts(el);
    expect(canvas).to.equal(null);
    expect(plain(text)).to.equal('No data for this period');
    expect(el.shadowRoot!.querySelector('[part~="empty"]')?.textContent).to.equal('No data for this period');
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

  it('labels weekly and monthly data by their interval', async () => {
    const weekly = await renderChart(seriesResult([1, 2, 3], ['2024-01-01', '2024-01-08', '2024-01-15']));
    expect(parts(weekly).chart!.data.labels).to.deep.equal(['Jan 1', 'Jan 8', 'Jan 15']);
    expect(cells(parts(weekly).table!.tBodies[0]!.rows[1])[0]).to.equal('Jan 8, 2024');
    const monthly = await renderChart(seriesResult([1, 2, 3], ['2023-12-01', '2024-01-01', '2024-02-01']));
    expect(parts(monthly).chart!.data.labels).to.deep.equal(['Dec 2023', 'Jan 2024', 'Feb 2024']);
    expect(cells(parts(monthly).table!.tBodies[0]!.rows[0])[0]).to.equal('December 2023');
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

  it('logs no Lit or chart.js warnings while rendering and updating every display', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await renderChart(resultFrom(dailyActiveUsers));
      el.theme = 'dark';
      for (const display of DISPLAYS) {
        el.display = display;
        await el.updateComplete;
      }
      el.result = { ...resultFrom(dailyActiveUsers), results: [] };
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([]);
  });

  it('draws negative and huge values without NaN or Infinity anywhere', async () => {
    const el = await renderChart(seriesResult([-5, 1e18, Infinity, -1e18], DAYS), { display: 'ActionsBar' });
    const { chart, text, canvas } = parts(el);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([-5, 1e18, null, -1e18]);
    expect(chart!.scales.y!.min).to.be.lessThan(0);
    const ticks = chart!.scales.y!.ticks.map((tick) => String(tick.label));
    expect(ticks.join(' ')).not.to.match(/NaN|Infinity/);
    expect(text + canvas!.getAttribute('aria-label')).not.to.match(/NaN|Infinity/);
  });

  it('keeps long unicode names whole for screen readers and the CSV', async () => {
    const long = `📈 訪問者数 — ${'ünïcödé '.repeat(30)}`.trim();
    const el = await renderChart(breakdownResult([long, 'short'], () => [1, 2, 3]));
    const { legend, table, canvas } = parts(el);
    expect(plain(legend[0]!.textContent)).to.equal(plain(long));
    expect(legend[0]!.getBoundingClientRect().width).to.be.at.most(el.getBoundingClientRect().width);
    expect(plain(table!.tHead!.rows[0]!.cells[1]!.textContent)).to.equal(plain(long));
    expect(canvas!.getAttribute('aria-label')!.length).to.be.at.most(400);
    expect(el.toCSV().split('\r\n')[0]).to.equal(`Date,${long},short`);
    await expect(el).to.be.accessible();
  });

  it('numbers the points of series without days', async () => {
    const result = seriesResult([3, 4], []);
    delete (result.results[0] as { days?: unknown }).days;
    delete (result.results[0] as { labels?: unknown }).labels;
    delete (result.results[0] as { action?: unknown }).action;
    const el = await renderChart(result);
    expect(parts(el).chart!.data.labels).to.deep.equal(['1', '2']);
    expect(parts(el).chart!.data.datasets[0]!.label).to.equal('signed_up');
  });

  for (const display of ['ActionsBar', 'ActionsBarValue', 'ActionsPie', 'ActionsTable', 'WorldMap']) {
    it(`shows ${display} of an empty list as empty, with an empty CSV, accessible in light and dark`, async () => {
      for (const theme of ['light', 'dark'] as const) {
        const el = await renderChart({ ...seriesResult([], []), results: [] }, { display, theme });
        expect(plain(parts(el).text)).to.equal('No data for this period');
        expect(el.toCSV()).to.equal('');
        await expect(el).to.be.accessible();
      }
    });

    it(`draws ${display} of a single point`, async () => {
      const el = await renderChart(seriesResult([42], ['2022-03-04']), { display });
      expect(parts(el).text).to.include('42');
      expect(el.toCSV()).to.match(/42\r\n$/);
    });
  }

  it('guards CSV cells against spreadsheet formulas', async () => {
    const el = await renderChart(breakdownResult(['=HYPERLINK("x")'], () => [1]));
    expect(el.toCSV().split('\r\n')[0]).to.equal(`Date,"'=HYPERLINK(""x"")"`);
  });

  it('replaces its UI text through strings', async () => {
    const el = await renderChart(seriesResult([1, 2], DAYS.slice(0, 2)));
    el.strings = { lineChart: 'Liniendiagramm', seriesCount: '{count} Reihe', date: 'Datum' };
    await el.updateComplete;
    expect(parts(el).canvas!.getAttribute('aria-label')).to.match(/^Liniendiagramm, 1 Reihe,/);
    expect(el.toCSV().split('\r\n')[0]).to.equal('Datum,signed_up');
  });
});
