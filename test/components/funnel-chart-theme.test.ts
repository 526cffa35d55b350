import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import {
  bars,
  chartOf,
  funnelResult,
  renderFunnel,
  sampleResult,
  TIME_TO_CONVERT,
} from './funnel-chart-helpers.js';
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };
import byVariant from '../fixtures/endpoints/activation_funnel_by_variant.json' with { type: 'json' };

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const fillColours = (el: Element) =>
  bars(el as never).map((bar) => getComputedStyle(bar.querySelector('.fill')!).backgroundColor);

describe('<ph-funnel-chart> theming and motion', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('paints breakdown bars with the palette of its theme, following the colour scheme', async () => {
    const light = await renderFunnel(sampleResult(byVariant));
    expect(fillColours(light).slice(0, 3)).to.deep.equal(LIGHT_PALETTE.series.slice(0, 3).map(rgb));
    await emulateMedia({ colorScheme: 'dark' });
    const dark = await renderFunnel(sampleResult(byVariant), { theme: null });
    expect(fillColours(dark).slice(0, 3)).to.deep.equal(DARK_PALETTE.series.slice(0, 3).map(rgb));
    await expect(dark).to.be.accessible();
  });

  it('takes a brand colour from --ph-color-series-1', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    el.style.setProperty('--ph-color-series-1', 'rgb(10, 20, 30)');
    expect(fillColours(el)[0]).to.equal('rgb(10, 20, 30)');
  });

  it('animates bars and charts only without prefers-reduced-motion', async () => {
    const moving = await renderFunnel(sampleResult(activationFunnel));
    const fill = () => bars(moving)[1]!.querySelector('.fill')!;
    expect(getComputedStyle(fill()).transitionDuration).not.to.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(fill()).transitionDuration).to.equal('0s');
    const still = await renderFunnel(funnelResult(TIME_TO_CONVERT));
    expect(chartOf(still).chart!.options.animation).to.equal(false);
  });

  it('draws every visualisation with no Lit dev-mode warnings', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await renderFunnel(sampleResult(byVariant));
      el.result = funnelResult(TIME_TO_CONVERT);
      await el.updateComplete;
      el.result = sampleResult(activationFunnel);
      el.locale = 'de-DE';
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(0);
  });
});
