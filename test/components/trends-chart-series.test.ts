import { expect } from '@open-wc/testing';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  breakdownResult,
  dailyDays,
  parts,
  plain,
  pressOnChart,
  renderChart,
  resultFrom,
  tooltipText,
} from './trends-chart-helpers.js';
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import type { TrendsSeries } from '../../src/data/types.js';

const dash = (d: unknown) => (d as { borderDash?: number[] }).borderDash;

/** Chrome and Safari this week and last, the previous periods listed in the other order. */
function compared(labelled: boolean) {
  const current = dailyDays(10).slice(7);
  const previous = dailyDays(3);
  const series = (value: string, days: string[], data: number[], label: 'current' | 'previous') => ({
    label: `$pageview - ${value}`,
    data,
    days,
    labels: days,
    breakdown_value: value,
    action: { name: '$pageview', order: 0 },
    compare: true,
    ...(labelled ? { compare_label: label } : {}),
  });
  const results: TrendsSeries[] = [
    series('Chrome', current, [10, 11, 12], 'current'),
    series('Safari', current, [5, 6, 7], 'current'),
    series(labelled ? 'Safari' : 'Chrome', previous, labelled ? [4, 4, 4] : [9, 9, 9], 'previous'),
    series(labelled ? 'Chrome' : 'Safari', previous, labelled ? [9, 9, 9] : [4, 4, 4], 'previous'),
  ];
  return { ...breakdownResult([], () => []), results };
}

describe('<ph-trends-chart> compare to previous', () => {
  it('draws a previous period beside a null where a series should be, and days that are not text', async () => {
    const { results } = compared(true);
    const odd = [null, results[0], { ...results[2]!, days: [20240101, null, '2024-01-03'] }];
    const el = await renderChart({ ...compared(true), results: odd as unknown as TrendsSeries[] });
    const names = parts(el).chart!.data.datasets.map((d) => d.label);
    expect(names.length, JSON.stringify(names)).to.equal(2);
    expect(names[0]).to.match(/Chrome$/);
    expect(names[1]).to.match(/Safari \(previous\)$/);
  });

  for (const labelled of [true, false]) {
    it(`dashes previous periods in their current series' colour (${labelled ? 'compare_label' : 'second half'})`, async () => {
      const el = await renderChart(compared(labelled));
      const datasets = parts(el).chart!.data.datasets;
      const byName = Object.fromEntries(datasets.map((d) => [d.label, d]));
      expect(Object.keys(byName).sort()).to.deep.equal([
        'Chrome',
        'Chrome (previous)',
        'Safari',
        'Safari (previous)',
      ]);
      expect(byName['Chrome (previous)']!.borderColor).to.equal(byName['Chrome']!.borderColor);
      expect(byName['Safari (previous)']!.borderColor).to.equal(byName['Safari']!.borderColor);
      expect(byName['Chrome']!.borderColor).to.equal(LIGHT_PALETTE.series[0]);
      expect(dash(byName['Chrome'])).to.deep.equal([]);
      expect(dash(byName['Chrome (previous)'])).to.not.deep.equal([]);
      expect(byName['Chrome (previous)']!.data).to.deep.equal([9, 9, 9]);
      // The x-axis is the current period's.
      expect(parts(el).chart!.data.labels).to.deep.equal(['Jan 8', 'Jan 9', 'Jan 10']);
    });
  }

  it('fades previous-period bars and stacks them apart from the current ones', async () => {
    const el = await renderChart(compared(true), { display: 'ActionsStackedBar' });
    const datasets = parts(el).chart!.data.datasets as Array<{
      label?: string;
      stack?: string;
      backgroundColor?: unknown;
    }>;
    const previous = datasets.find((d) => d.label === 'Chrome (previous)')!;
    expect(previous.stack).to.equal('previous');
    expect(datasets.find((d) => d.label === 'Chrome')!.stack).to.equal('current');
    expect(previous.backgroundColor).to.equal('rgba(29, 74, 255, 0.45)');
  });

  it('lists both periods in the tooltip, table and CSV', async () => {
    const el = await renderChart(compared(true));
    await pressOnChart(el, 'End');
    expect(tooltipText(el)).to.deep.equal({
      title: 'Wed, Jan 10, 2024',
      rows: ['Chrome 12', 'Safari 7', 'Safari (previous) 4', 'Chrome (previous) 9'],
    });
    expect(el.toCSV().split('\r\n')[0]).to.equal('Date,Chrome,Safari,Safari (previous),Chrome (previous)');
  });
});

describe('<ph-trends-chart> breakdowns', () => {
  it("names PostHog's other and null buckets Other and None", async () => {
    const el = await renderChart(
      breakdownResult(['Chrome', '$$_posthog_breakdown_other_$$', '$$_posthog_breakdown_null_$$'], () => [
        1, 2, 3,
      ]),
    );
    expect(parts(el).chart!.data.datasets.map((d) => d.label)).to.deep.equal(['Chrome', 'Other', 'None']);
    expect(parts(el).legend.map((b) => plain(b.textContent))).to.deep.equal(['Chrome', 'Other', 'None']);
  });

  it('draws 60 series: the palette cycles with dashes, the legend scrolls, the table has them all', async () => {
    const values = Array.from({ length: 60 }, (_, i) => `value ${i}`);
    const el = await renderChart(breakdownResult(values, (i) => [i, i + 1, i + 2]));
    const { chart, legend, table } = parts(el);
    const datasets = chart!.data.datasets;
    expect(datasets).to.have.length(60);
    expect(datasets[8]!.borderColor).to.equal(datasets[0]!.borderColor);
    expect(datasets[17]!.borderColor).to.equal(datasets[1]!.borderColor);
    expect(new Set(datasets.slice(0, 8).map((d) => d.borderColor)).size).to.equal(8);
    expect(dash(datasets[8])).to.not.deep.equal(dash(datasets[0]));
    expect(dash(datasets[16])).to.not.deep.equal(dash(datasets[8]));
    expect(legend).to.have.length(60);
    const list = el.shadowRoot!.querySelector<HTMLElement>('[part="legend"]')!;
    expect(getComputedStyle(list).overflowY).to.equal('auto');
    expect(list.scrollHeight).to.be.greaterThan(list.clientHeight);
    expect(table!.tHead!.rows[0]!.cells).to.have.length(61);
    expect(el.toCSV().split('\r\n')[0]!.split(',')).to.have.length(61);
    await expect(el).to.be.accessible();
  });

  it('colours legend swatches as drawn, in the current theme', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const strokes = () =>
      [...el.shadowRoot!.querySelectorAll('[part="legend"] line')].map((l) => getComputedStyle(l).stroke);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(strokes()).to.deep.equal(LIGHT_PALETTE.series.slice(0, 3).map(rgb));
    el.theme = 'dark';
    await el.updateComplete;
    expect(strokes()).to.deep.equal(DARK_PALETTE.series.slice(0, 3).map(rgb));
  });

  it('prefixes names with the event when several events are broken down', async () => {
    const result = breakdownResult(['Chrome', 'Chrome'], () => [1]);
    result.results[1]!.action = { name: 'signed_up', order: 1 };
    const el = await renderChart(result);
    expect(parts(el).chart!.data.datasets.map((d) => d.label)).to.deep.equal([
      '$pageview - Chrome',
      'signed_up - Chrome',
    ]);
  });
});

describe('<ph-trends-chart> hidden series', () => {
  it('leaves a series toggled off in the legend out of everything but the legend', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    parts(el).legend[1]!.click();
    await el.updateComplete;
    const { chart, table, canvas, legend } = parts(el);
    expect(legend.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'true']);
    expect(chart!.data.datasets.map((d) => d.hidden)).to.deep.equal([false, true, false]);
    expect(chart!.isDatasetVisible(1)).to.equal(false);
    expect([...table!.tHead!.rows[0]!.cells].map((th) => th.textContent)).to.deep.equal([
      'Date',
      '1.10.5',
      '1.17.9',
    ]);
    expect(canvas!.getAttribute('aria-label')).to.equal(
      'Line chart, 2 series, Mar 8 – 15, 2022. Latest values: 1.10.5: 0; 1.17.9: 0.',
    );
    expect(el.toCSV().split('\r\n').slice(0, 2)).to.deep.equal([
      'Date,1.10.5,1.17.9',
      '2022-03-08,22750,120',
    ]);
    await pressOnChart(el, 'Home');
    expect(tooltipText(el).rows).to.deep.equal(['1.10.5 22,750', '1.17.9 120']);
    parts(el).legend[1]!.click();
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets.map((d) => d.hidden)).to.deep.equal([false, false, false]);
    expect(el.toCSV().split('\r\n')[0]).to.equal('Date,1.10.5,1.13.9,1.17.9');
  });

  it('keeps the chart and legend when every series is toggled off', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    for (const button of parts(el).legend) button.click();
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets.every((d) => d.hidden)).to.equal(true);
    expect(parts(el).legend).to.have.length(3);
    expect(el.toCSV().split('\r\n')[0]).to.equal('Date');
  });

  it('takes a slice toggled off out of the pie and its total', async () => {
    const result = breakdownResult(['a', 'b'], (i) => [[30, 10][i]!]);
    const el = await renderChart(result, { display: 'ActionsPie' });
    expect(plain(el.shadowRoot!.querySelector('.pie-total')!.textContent)).to.equal('40');
    parts(el).legend[0]!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('path.slice')).to.have.length(1);
    expect(plain(el.shadowRoot!.querySelector('.pie-total')!.textContent)).to.equal('10');
    expect(el.toCSV()).to.equal('Series,Value\r\nb,10\r\n');
  });
});
