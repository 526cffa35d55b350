import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import { numberResult, numberSeries, renderNumber } from './big-number-helpers.js';

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

const compared = () =>
  numberResult([
    numberSeries(120, { compare_label: 'current' }),
    numberSeries(80, { compare_label: 'previous' }),
  ]);

function colours(el: Element) {
  const root = el.shadowRoot!;
  return {
    value: getComputedStyle(root.querySelector('[part~="value"]')!).color,
    change: getComputedStyle(root.querySelector('[part~="change"]')!).color,
    surface: getComputedStyle(root.querySelector('[part~="base"]')!).backgroundColor,
  };
}

describe('<ph-big-number> theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme unless theme forces one', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const following = await renderNumber(compared(), { theme: null });
    expect(colours(following)).to.deep.equal({
      value: rgb(DARK_PALETTE.text),
      change: 'rgb(74, 222, 128)',
      surface: rgb(DARK_PALETTE.surface),
    });
    const forced = await renderNumber(compared(), { theme: 'light' });
    expect(colours(forced)).to.deep.equal({
      value: rgb(LIGHT_PALETTE.text),
      change: 'rgb(21, 128, 61)',
      surface: rgb(LIGHT_PALETTE.surface),
    });
    await expect(following).to.be.accessible();
  });

  it('takes --ph-* tokens from the page', async () => {
    const el = await renderNumber(compared());
    el.style.setProperty('--ph-color-positive', 'rgb(1, 2, 3)');
    el.style.setProperty('--ph-color-text', 'rgb(4, 5, 6)');
    expect(colours(el).change).to.equal('rgb(1, 2, 3)');
    expect(colours(el).value).to.equal('rgb(4, 5, 6)');
  });

  it('draws with no Lit dev-mode warnings', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await renderNumber(compared());
      el.locale = 'de-DE';
      await el.updateComplete;
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(0);
  });
});
