import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  breakdownResult,
  clicks,
  mouseAt,
  parts,
  plain,
  pressOnChart,
  renderChart,
  resultFrom,
  settled,
  tooltipText,
} from './trends-chart-helpers.js';
import pageviewsByBrowser from '../fixtures/endpoints/pageviews_by_browser.json' with { type: 'json' };
import browserVersion from '../fixtures/endpoints/pageviews_by_browser_version.json' with { type: 'json' };
import type { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';

const activeRow = (el: PhTrendsChart) =>
  plain(parts(el).tooltip?.querySelector('.tooltip-row[data-active]')?.textContent);

/** The canvas position of point `index` of dataset `dataset`. */
async function pointPosition(el: PhTrendsChart, dataset: number, index: number) {
  await settled(el);
  const chart = parts(el).chart!;
  return chart.getDatasetMeta(dataset).data[index]!.getProps(['x', 'y'], true) as { x: number; y: number };
}

describe('<ph-trends-chart> keyboard', () => {
  it('is one tab stop before the legend buttons', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const { region } = parts(el);
    expect(region!.tabIndex).to.equal(0);
    expect(region!.getAttribute('aria-label')).to.match(/arrow keys/);
    region!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('legend-item');
  });

  it('moves the tooltip across points with the arrows, Home and End, and hides it on Escape', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    await pressOnChart(el, 'ArrowRight');
    expect(tooltipText(el)).to.deep.equal({
      title: 'Tue, Mar 8, 2022',
      rows: ['1.10.5 22,750', '1.13.9 0', '1.17.9 120'],
    });
    await pressOnChart(el, 'ArrowRight');
    expect(tooltipText(el).title).to.equal('Wed, Mar 9, 2022');
    await pressOnChart(el, 'End');
    expect(tooltipText(el).title).to.equal('Tue, Mar 15, 2022');
    await pressOnChart(el, 'ArrowRight');
    expect(tooltipText(el).title).to.equal('Tue, Mar 15, 2022');
    await pressOnChart(el, 'Home', 'ArrowLeft');
    expect(tooltipText(el).title).to.equal('Tue, Mar 8, 2022');
    expect(parts(el).status).to.equal('Tue, Mar 8, 2022. 1.10.5: 22,750 (1/3)');
    // The chart marks the active points too.
    expect(
      parts(el)
        .chart!.getActiveElements()
        .map((a) => a.index),
    ).to.deep.equal([0, 0, 0]);
    await pressOnChart(el, 'Escape');
    expect(parts(el).tooltip).to.equal(null);
    expect(parts(el).status).to.equal('');
  });

  it('starts from the last point on ArrowLeft and picks series with Up and Down', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    await pressOnChart(el, 'ArrowLeft');
    expect(tooltipText(el).title).to.equal('Tue, Mar 15, 2022');
    expect(activeRow(el)).to.equal('1.10.5 0');
    await pressOnChart(el, 'ArrowDown', 'ArrowDown');
    expect(activeRow(el)).to.equal('1.17.9 0');
    expect(parts(el).status).to.equal('Tue, Mar 15, 2022. 1.17.9: 0 (3/3)');
    await pressOnChart(el, 'ArrowDown');
    expect(activeRow(el)).to.equal('1.10.5 0');
    await pressOnChart(el, 'ArrowUp');
    expect(activeRow(el)).to.equal('1.17.9 0');
  });

  it('fires ph-point-click on Enter for the active series and point', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const seen = clicks(el);
    await pressOnChart(el, 'Enter');
    expect(seen).to.deep.equal([]);
    await pressOnChart(el, 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'Enter');
    expect(seen).to.deep.equal([{ series: '1.13.9', seriesIndex: 1, label: 'Mar 11', index: 3, value: 544 }]);
    await pressOnChart(el, ' ');
    expect(seen).to.have.length(2);
  });

  it('hides the keyboard tooltip when focus leaves the chart', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    await pressOnChart(el, 'ArrowRight');
    expect(parts(el).tooltip).to.not.equal(null);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(parts(el).tooltip).to.equal(null);
  });

  it('toggles series from the legend with Space and Enter', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    parts(el).legend[2]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(parts(el).legend[2]!.getAttribute('aria-pressed')).to.equal('false');
    expect(parts(el).chart!.data.datasets[2]!.hidden).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(parts(el).legend[2]!.getAttribute('aria-pressed')).to.equal('true');
    expect(parts(el).chart!.data.datasets[2]!.hidden).to.equal(false);
  });
});

describe('<ph-trends-chart> pointer', () => {
  it('shows the tooltip of the point under the pointer and hides it on leave', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const { x, y } = await pointPosition(el, 0, 2);
    mouseAt(parts(el).canvas!, 'pointermove', x, y);
    await el.updateComplete;
    expect(tooltipText(el).title).to.equal('Thu, Mar 10, 2022');
    expect(activeRow(el)).to.equal('1.10.5 5,332');
    expect(parts(el).status).to.equal('');
    parts(el).region!.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(parts(el).tooltip).to.equal(null);
  });

  it('fires ph-point-click for the point clicked on a line', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const seen = clicks(el);
    const { x, y } = await pointPosition(el, 2, 2);
    mouseAt(parts(el).canvas!, 'click', x, y);
    expect(seen).to.deep.equal([
      { series: '1.17.9', seriesIndex: 2, label: 'Mar 10', index: 2, value: 1343 },
    ]);
  });

  it('fires ph-point-click for the bar segment clicked in a stacked bar', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { display: 'ActionsStackedBar' });
    const seen = clicks(el);
    await settled(el);
    const bar = parts(el).chart!.getDatasetMeta(2).data[2]!.getProps(['x', 'y', 'base'], true) as {
      x: number;
      y: number;
      base: number;
    };
    mouseAt(parts(el).canvas!, 'click', bar.x, (bar.y + bar.base) / 2);
    expect(seen).to.deep.equal([
      { series: '1.17.9', seriesIndex: 2, label: 'Mar 10', index: 2, value: 1343 },
    ]);
  });

  it('ignores clicks outside the plot area', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser));
    const seen = clicks(el);
    mouseAt(parts(el).canvas!, 'click', 1, 1);
    expect(seen).to.deep.equal([]);
  });
});

describe('<ph-trends-chart> pie, bar value and table interaction', () => {
  it('walks pie slices with the keyboard and clicks them with the pointer', async () => {
    const el = await renderChart(resultFrom(browserVersion), { display: 'ActionsPie' });
    const seen = clicks(el);
    await pressOnChart(el, 'ArrowRight');
    expect(tooltipText(el)).to.deep.equal({ title: '100', rows: ['93.5% 44,182'] });
    expect(el.shadowRoot!.querySelector('path.slice[data-active]')!.getAttribute('data-slice')).to.equal('0');
    await pressOnChart(el, 'End', 'Enter');
    expect(seen).to.deep.equal([{ series: '92', seriesIndex: 1, label: '92', index: 2, value: 598 }]);
    el.shadowRoot!.querySelector('path.slice[data-slice="1"]')!.dispatchEvent(
      new MouseEvent('click', { bubbles: true, composed: true }),
    );
    expect(seen[1]).to.deep.equal({ series: '98', seriesIndex: 2, label: '98', index: 1, value: 2478 });
  });

  it('fires ph-point-click from a ranked bar by Enter', async () => {
    const el = await renderChart(resultFrom(browserVersion), { display: 'ActionsBarValue' });
    const seen = clicks(el);
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="bar"]')[1]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(seen).to.deep.equal([{ series: '98', seriesIndex: 2, label: '98', index: 1, value: 2478 }]);
  });

  it('moves between table cells with the arrows and fires ph-point-click on Enter and click', async () => {
    const el = await renderChart(resultFrom(pageviewsByBrowser), { display: 'ActionsTable' });
    const seen = clicks(el);
    const first = el.shadowRoot!.querySelector<HTMLElement>('td[tabindex="0"]')!;
    expect(el.shadowRoot!.querySelectorAll('td[tabindex="0"]')).to.have.length(1);
    first.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(seen).to.deep.equal([{ series: '1.13.9', seriesIndex: 1, label: 'Mar 9', index: 1, value: 0 }]);
    const active = el.shadowRoot!.activeElement as HTMLElement;
    expect([active.dataset['row'], active.dataset['col'], String(active.tabIndex)]).to.deep.equal([
      '1',
      '1',
      '0',
    ]);
    el.shadowRoot!.querySelector<HTMLElement>('td[data-row="2"][data-col="8"]')!.click();
    expect(seen[1]).to.deep.equal({
      series: '1.17.9',
      seriesIndex: 2,
      label: 'Total',
      index: -1,
      value: 2478,
    });
  });

  it('keeps the tooltip rows to a window around the active series', async () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const el = await renderChart(breakdownResult(values, (i) => [i]));
    await pressOnChart(el, 'ArrowRight', ...Array.from({ length: 20 }, () => 'ArrowDown'));
    const { rows } = tooltipText(el);
    expect(rows).to.have.length(10);
    expect(rows).to.include('v20 20');
    expect(activeRow(el)).to.equal('v20 20');
    expect(plain(parts(el).tooltip!.querySelector('.tooltip-more')!.textContent)).to.equal('+20');
  });
});
