import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { nextEvent } from '../helpers/next-event.js';
import {
  bars,
  chartOf,
  funnelResult,
  renderFunnel,
  sampleResult,
  TIME_TO_CONVERT,
  TRENDS_BY_BROWSER,
} from './funnel-chart-helpers.js';
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };
import byVariant from '../fixtures/endpoints/activation_funnel_by_variant.json' with { type: 'json' };
import type { Chart } from 'chart.js';
import type { PhPointClickEvent } from '../../src/events/point-click.js';

const detail = (event: PhPointClickEvent) => [
  event.series,
  event.seriesIndex,
  event.label,
  event.index,
  event.value,
];

/** Where value `y` at x position `index` is drawn, in page coordinates (from the scales, not the animated bars). */
function pointOnChart(chart: Pick<Chart, 'canvas' | 'scales'>, index: number, y: number): [number, number] {
  const box = chart.canvas.getBoundingClientRect();
  const x = chart.scales['x']!.getPixelForValue(index);
  return [Math.round(box.left + x), Math.round(box.top + chart.scales['y']!.getPixelForValue(y))];
}

describe('<ph-funnel-chart> ph-point-click', () => {
  afterEach(() => resetMouse());

  it('fires for a step bar on click and from the keyboard', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    const clicked = nextEvent(document, 'ph-point-click');
    bars(el)[1]!.click();
    const event = await clicked;
    expect(detail(event)).to.deep.equal(['$pageview', 0, '$pageview', 1, 8438]);
    expect(event.bubbles && event.composed).to.equal(true);
    bars(el)[2]!.focus();
    const pressed = nextEvent(el, 'ph-point-click');
    await sendKeys({ press: 'Enter' });
    expect(detail(await pressed)).to.deep.equal(['$pageview', 0, '$pageview', 2, 2864]);
  });

  it('fires for a breakdown bar with the breakdown value as the series', async () => {
    const el = await renderFunnel(sampleResult(byVariant));
    const box = bars(el)[4]!.getBoundingClientRect();
    const clicked = nextEvent(el, 'ph-point-click');
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.bottom - 4)],
    });
    expect(detail(await clicked)).to.deep.equal(['test-2', 1, 'signup completed', 1, 287]);
  });

  it('fires for a histogram bin on click and from the keyboard', async () => {
    const el = await renderFunnel(funnelResult(TIME_TO_CONVERT));
    const { chart } = chartOf(el);
    const clicked = nextEvent(el, 'ph-point-click');
    await sendMouse({ type: 'click', position: pointOnChart(chart!, 1, 15) });
    expect(detail(await clicked)).to.deep.equal(['Converted', 0, '4h', 1, 30]);
    // Moving the pointer away hides its tooltip, so the keyboard starts from the first bin.
    await resetMouse();
    el.shadowRoot!.querySelector<HTMLElement>('[part~="chart"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="tooltip"]')?.textContent).to.include('4h – 8h');
    const pressed = nextEvent(el, 'ph-point-click');
    await sendKeys({ press: 'Enter' });
    expect(detail(await pressed)).to.deep.equal(['Converted', 0, '4h', 1, 30]);
  });

  it('fires for a trends point from the keyboard, on the chosen series', async () => {
    const el = await renderFunnel(funnelResult(TRENDS_BY_BROWSER));
    el.shadowRoot!.querySelector<HTMLElement>('[part~="chart"]')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowDown' });
    const pressed = nextEvent(el, 'ph-point-click');
    await sendKeys({ press: 'Enter' });
    expect(detail(await pressed)).to.deep.equal(['Safari', 1, 'Mar 12', 4, 25]);
  });
});
