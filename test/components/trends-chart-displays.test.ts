import { expect } from '@open-wc/testing';
import { LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  bodyRows,
  breakdownResult,
  parts,
  plain,
  renderChart,
  resultFrom,
  seriesResult,
} from './trends-chart-helpers.js';
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import browserVersion from '../fixtures/endpoints/pageviews_by_browser_version.json' with { type: 'json' };
import totalSignups from '../fixtures/endpoints/total_signups.json' with { type: 'json' };
import signupsThisWeek from '../fixtures/endpoints/signups_this_week.json' with { type: 'json' };
import type { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';

const csvLines = (el: PhTrendsChart) => el.toCSV().trimEnd().split('\r\n');

/** The ranked bars as `name value` texts and their widths. */
function bars(el: PhTrendsChart) {
  const rows = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="bar"]')];
  return {
    texts: rows.map((row) => plain(row.textContent)),
    widths: rows.map((row) => row.querySelector<HTMLElement>('.bar')!.style.width),
  };
}

describe('<ph-trends-chart> bar displays', () => {
  for (const display of ['ActionsBar', 'ActionsStackedBar'] as const) {
    it(`stacks one bar dataset per series for ${display}`, async () => {
      const el = await renderChart(resultFrom(pageviewsByBrowser), { display });
      const { chart, canvas } = parts(el);
      expect(parts(el).type).to.equal('bar');
      expect(chart!.data.datasets).to.have.length(3);
      expect(chart!.options.scales!.x!.stacked).to.equal(true);
      expect(chart!.options.scales!.y!.stacked).to.equal(true);
      expect(chart!.data.datasets[0]!.backgroundColor).to.equal(LIGHT_PALETTE.series[0]);
      expect(canvas!.getAttribute('aria-label')).to.match(/^Stacked bar chart, 3 series, Mar 8 – 15, 2022\./);
      expect(el.toCSV().split('\r\n')[0]).to.equal('Date,1.10.5,1.13.9,1.17.9');
    });
  }

  it('draws unstacked bars side by side', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { display: 'ActionsUnstackedBar' });
    const { chart, canvas } = parts(el);
    expect(parts(el).type).to.equal('bar');
    expect(chart!.options.scales!.y!.stacked).to.equal(false);
    expect(chart!.data.datasets.map((d) => d.data[0])).to.deep.equal([22750, 0, 120]);
    expect(canvas!.getAttribute('aria-label')).to.match(/^Bar chart, 3 series/);
  });

  it('stacks and fills areas, each down to the one below', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { display: 'ActionsAreaGraph' });
    const { chart } = parts(el);
    expect(parts(el).type).to.equal('line');
    expect(chart!.options.scales!.y!.stacked).to.equal(true);
    expect(chart!.data.datasets.map((d) => (d as { areaFill?: string }).areaFill)).to.deep.equal([
      'stack',
      'stack',
      'stack',
    ]);
  });

  it('switches a live chart between line and bars', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    expect(parts(el).type).to.equal('line');
    el.display = 'ActionsUnstackedBar';
    await el.updateComplete;
    expect(parts(el).type).to.equal('bar');
    el.display = 'ActionsLineGraph';
    await el.updateComplete;
    expect(parts(el).type).to.equal('line');
  });
});

describe('<ph-trends-chart> ActionsBarValue', () => {
  it('ranks pageviews_by_browser_version by aggregated_value as HTML bars', async () => {
    const el = await renderChart(resultFrom(browserVersion, { display: 'ActionsBarValue' }), {
      display: undefined,
    });
    const { canvas, table } = parts(el);
    expect(canvas).to.equal(null);
    const { texts, widths } = bars(el);
    expect(texts).to.deep.equal(['100 44,182', '98 2,478', '92 598']);
    expect(widths[0]).to.equal('100%');
    expect(parseFloat(widths[2]!)).to.be.closeTo((598 / 44182) * 100, 0.01);
    expect(bodyRows(table)).to.deep.equal([
      ['100', '44,182'],
      ['92', '598'],
      ['98', '2,478'],
    ]);
    expect(csvLines(el)).to.deep.equal(['Series,Value', '100,44182', '98,2478', '92,598']);
    const list = el.shadowRoot!.querySelector('[part="bars"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Bar chart of totals, 3 series, Mar 8 – 15, 2022');
  });

  it('draws a BoldNumber result (total_signups) as its total', async () => {
    const el = await renderChart(resultFrom(totalSignups, { display: 'BoldNumber' }), { display: undefined });
    expect(bars(el).texts).to.deep.equal(['signed_up 3,141,592']);
    expect(csvLines(el)).to.deep.equal(['Series,Value', 'signed_up,3141592']);
  });

  it('shows a compared BoldNumber pair (signups_this_week) with the previous period, null as a dash', async () => {
    const el = await renderChart(resultFrom(signupsThisWeek), { display: 'ActionsBarValue' });
    expect(bars(el).texts).to.deep.equal(['signed_up 100', 'signed_up (previous) —']);
    expect(csvLines(el)).to.deep.equal(['Series,Value', 'signed_up,100', 'signed_up (previous),']);
    expect(parts(el).text).not.to.include('NaN');
  });

  it('draws a line result asked for as bar value from the sum of its points', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers), { display: 'ActionsBarValue' });
    expect(bars(el).texts).to.deep.equal(['$pageview 61,010']);
  });

  it('draws WorldMap as bars named by country, with Other and None', async () => {
    const result = breakdownResult(
      ['US', 'DE', '$$_posthog_breakdown_null_$$', '$$_posthog_breakdown_other_$$'],
      (i) => [40 - i * 10],
    );
    const el = await renderChart(result, { display: 'WorldMap' });
    expect(bars(el).texts).to.deep.equal(['United States 40', 'Germany 30', 'None 20', 'Other 10']);
    expect(el.shadowRoot!.querySelector('[part="bars"]')!.getAttribute('aria-label')).to.match(
      /^Totals by country/,
    );
    const german = await renderChart(result, { display: 'WorldMap', locale: 'de-DE' });
    expect(bars(german).texts[0]).to.equal('Vereinigte Staaten 40');
  });

  it('scales negative and huge totals without NaN', async () => {
    const result = breakdownResult(['a', 'b', 'c'], (i) => [[-5, 1e15, 0][i]!]);
    const el = await renderChart(result, { display: 'ActionsBarValue' });
    const { texts, widths } = bars(el);
    expect(texts).to.deep.equal(['b 1,000,000,000,000,000', 'c 0', 'a -5']);
    expect(widths.every((w) => /^[\d.e-]+%$/.test(w))).to.equal(true);
  });
});

describe('<ph-trends-chart> ActionsPie', () => {
  it('draws one SVG slice per series with the total in the middle and a legend', async () => {
    const el = await renderChart(resultFrom(browserVersion), { display: 'ActionsPie' });
    const root = el.shadowRoot!;
    const slices = [...root.querySelectorAll('path.slice')];
    expect(slices).to.have.length(3);
    expect(slices.every((s) => !/NaN/.test(s.getAttribute('d')!))).to.equal(true);
    expect(plain(root.querySelector('.pie-total')!.textContent)).to.equal('47.3K');
    expect(parts(el).legend.map((b) => plain(b.textContent))).to.deep.equal([
      '100 44,182',
      '98 2,478',
      '92 598',
    ]);
    const svg = root.querySelector('svg[part="pie"]')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.equal(
      'Pie chart, 3 series, Mar 8 – 15, 2022. Totals: 100: 44,182; 92: 598; 98: 2,478.',
    );
    expect(bodyRows(parts(el).table)).to.have.length(3);
    expect(csvLines(el)).to.deep.equal(['Series,Value', '100,44182', '98,2478', '92,598']);
  });

  it('draws a single series as a whole ring and skips slices it cannot draw', async () => {
    const one = await renderChart(resultFrom(totalSignups), { display: 'ActionsPie' });
    const ring = one.shadowRoot!.querySelectorAll('path.slice');
    expect(ring).to.have.length(1);
    expect(ring[0]!.getAttribute('d')!.match(/A/g)).to.have.length(4);
    const mixed = await renderChart(
      breakdownResult(['a', 'b', 'c', 'd'], (i) => [[5, 0, -3, null][i]!]),
      {
        display: 'ActionsPie',
      },
    );
    expect(mixed.shadowRoot!.querySelectorAll('path.slice')).to.have.length(1);
    expect(parts(mixed).legend).to.have.length(4);
    expect(parts(mixed).text).not.to.include('NaN');
  });
});

describe('<ph-trends-chart> ActionsTable', () => {
  it('shows series by dates with a total column, sortable by any header', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { display: 'ActionsTable' });
    const { table, canvas } = parts(el);
    expect(canvas).to.equal(null);
    expect(getComputedStyle(table!).position).not.to.equal('absolute');
    const headers = [...table!.tHead!.rows[0]!.cells].map((th) => plain(th.textContent));
    expect(headers).to.have.length(10);
    expect(headers[0]).to.equal('Series');
    expect(headers[1]).to.equal('Mar 8');
    expect(headers[9]).to.equal('Total');
    expect(bodyRows(table).map((row) => [row[0], row[9]])).to.deep.equal([
      ['1.10.5', '44,182'],
      ['1.13.9', '598'],
      ['1.17.9', '2,478'],
    ]);
    const sortBy = async (column: number) => {
      table!.tHead!.rows[0]!.cells[column]!.querySelector('button')!.click();
      await el.updateComplete;
      return {
        names: bodyRows(parts(el).table).map((row) => row[0]),
        sort: parts(el).table!.tHead!.rows[0]!.cells[column]!.getAttribute('aria-sort'),
      };
    };
    expect(await sortBy(9)).to.deep.equal({ names: ['1.10.5', '1.17.9', '1.13.9'], sort: 'descending' });
    expect(await sortBy(9)).to.deep.equal({ names: ['1.13.9', '1.17.9', '1.10.5'], sort: 'ascending' });
    expect(await sortBy(7)).to.deep.equal({ names: ['1.17.9', '1.13.9', '1.10.5'], sort: 'descending' });
    expect(await sortBy(0)).to.deep.equal({ names: ['1.10.5', '1.13.9', '1.17.9'], sort: 'ascending' });
    expect(csvLines(el)[0]).to.equal('Date,1.10.5,1.13.9,1.17.9');
    expect(csvLines(el)[1]).to.equal('2022-03-08,22750,0,120');
  });

  it('shows series by value when the result only has totals', async () => {
    const el = await renderChart(resultFrom(browserVersion), { display: 'ActionsTable' });
    const { table } = parts(el);
    expect([...table!.tHead!.rows[0]!.cells].map((th) => plain(th.textContent))).to.deep.equal([
      'Series',
      'Value',
    ]);
    expect(bodyRows(table)).to.deep.equal([
      ['100', '44,182'],
      ['92', '598'],
      ['98', '2,478'],
    ]);
    expect(csvLines(el)).to.deep.equal(['Series,Value', '100,44182', '92,598', '98,2478']);
  });
});

describe('<ph-trends-chart> stickiness', () => {
  const stickiness = (labels: string[], kind: 'StickinessQuery' | 'TrendsQuery' = 'StickinessQuery') => {
    const result = seriesResult([50, 20, 5], [], { kind });
    result.results[0]!.days = [1, 2, 3] as unknown as string[];
    result.results[0]!.labels = labels;
    return result;
  };

  it('labels the x-axis "1 day", "2 days"... in the locale', async () => {
    const el = await renderChart(stickiness(['1 day', '2 days', '3 days']));
    const { chart, table, canvas } = parts(el);
    expect(chart!.data.labels).to.deep.equal(['1 day', '2 days', '3 days']);
    expect(canvas!.getAttribute('aria-label')).to.equal(
      'Line chart, 1 series, 1 day – 3 days. Latest values: signed_up: 5.',
    );
    expect(plain(table!.tHead!.rows[0]!.cells[0]!.textContent)).to.equal('Active for');
    expect(bodyRows(table)[1]).to.deep.equal(['2 days', '20']);
    expect(csvLines(el)).to.deep.equal(['Active for,signed_up', '1 day,50', '2 days,20', '3 days,5']);
    const german = await renderChart(stickiness(['1 day', '2 days', '3 days']), { locale: 'de-DE' });
    expect(parts(german).chart!.data.labels).to.deep.equal(['1 Tag', '2 Tage', '3 Tage']);
  });

  it('follows the interval PostHog named in the labels, cumulative included', async () => {
    const weeks = await renderChart(stickiness(['1 week', '2 weeks', '3 weeks']));
    expect(parts(weeks).chart!.data.labels).to.deep.equal(['1 week', '2 weeks', '3 weeks']);
    const more = await renderChart(stickiness(['1 hour or more', '2 hours or more', '3 hours or more']));
    expect(parts(more).chart!.data.labels).to.deep.equal([
      '1 hour or more',
      '2 hours or more',
      '3 hours or more',
    ]);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderChart(stickiness(['1 day', '2 days', '3 days']), { theme });
      await expect(el).to.be.accessible();
    }
  });
});

describe('<ph-trends-chart> accessibility of every display', () => {
  const displays = [
    'ActionsLineGraph',
    'ActionsLineGraphCumulative',
    'ActionsAreaGraph',
    'ActionsBar',
    'ActionsUnstackedBar',
    'ActionsBarValue',
    'ActionsPie',
    'ActionsTable',
    'WorldMap',
  ];
  for (const display of displays) {
    it(`${display} passes axe in light and dark`, async () => {
      for (const theme of ['light', 'dark'] as const) {
        const el = await renderChart(resultFrom(pageviewsByBrowser), { display, theme });
        await expect(el).to.be.accessible();
      }
    });
  }
});
