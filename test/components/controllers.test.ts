import { css, html, LitElement } from 'lit';
import { property, query } from 'lit/decorators.js';
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { Chart } from 'chart.js';
import { ChartController } from '../../src/controllers/chart-controller.js';
import { readChartTheme, seriesColor, withAlpha } from '../../src/controllers/theme-colors.js';
import { hostStyles } from '../../src/styles/host.styles.js';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../src/styles/theme.styles.js';
import type { ChartTheme } from '../../src/controllers/theme-colors.js';

/** The smallest host a chart view can be: one canvas, one dataset coloured by the theme. */
class TestChartHost extends LitElement {
  static override styles = [
    hostStyles,
    css`
      .box {
        position: relative;
        height: 120px;
      }
    `,
  ];
  @property({ attribute: false }) values: number[] = [1, 2, 3];
  @property({ type: Boolean }) bare = false;
  @property() type: 'line' | 'bar' = 'line';
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;
  @query('canvas') canvas!: HTMLCanvasElement | null;
  readonly controller = new ChartController<'line'>(this, {
    canvas: () => this.canvas,
    tokens: ['--test-token'],
    config: (theme) => ({
      type: this.type as 'line',
      data: {
        labels: this.values.map(String),
        datasets: [{ data: [...this.values], borderColor: seriesColor(theme, 0) }],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: theme.reducedMotion ? false : {} },
    }),
  });
  protected override async getUpdateComplete() {
    const complete = await super.getUpdateComplete();
    await this.controller.ready;
    return complete;
  }
  protected override render() {
    return this.bare ? html`<p>nothing</p>` : html`<div class="box"><canvas></canvas></div>`;
  }
}
customElements.define('test-chart-host', TestChartHost);

/** Media changes and redraws arrive through the browser's event loop; allow a loaded CI machine time. */
const SLOW = { timeout: 3000 };

const borderColor = (el: TestChartHost) => el.controller.chart?.data.datasets[0]?.borderColor;

/** WCAG relative luminance contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('ChartController', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  it('creates one chart on the first render and updates it in place', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const chart = Chart.getChart(el.canvas!);
    expect(chart).to.be.instanceOf(Chart);
    expect(el.controller.chart).to.equal(chart);
    el.values = [4, 5, 6, 7];
    await el.updateComplete;
    expect(Chart.getChart(el.canvas!)).to.equal(chart);
    expect(chart!.data.datasets[0]!.data).to.deep.equal([4, 5, 6, 7]);
    expect(chart!.data.labels).to.deep.equal(['4', '5', '6', '7']);
  });

  it('destroys the chart on disconnect and re-creates it on reconnect', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const canvas = el.canvas!;
    const first = Chart.getChart(canvas);
    const parent = el.parentElement!;
    el.remove();
    expect(Chart.getChart(canvas)).to.equal(undefined);
    expect(el.controller.chart).to.equal(undefined);
    parent.append(el);
    await el.updateComplete;
    const second = Chart.getChart(canvas);
    expect(second).to.be.instanceOf(Chart).and.not.equal(first);
  });

  it('destroys the chart when the canvas goes away and draws a new one when it returns', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const canvas = el.canvas!;
    el.bare = true;
    await el.updateComplete;
    expect(Chart.getChart(canvas)).to.equal(undefined);
    expect(el.controller.chart).to.equal(undefined);
    el.bare = false;
    await el.updateComplete;
    expect(Chart.getChart(el.canvas!)).to.be.instanceOf(Chart);
  });

  it('draws a new chart when the chart type changes', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const line = Chart.getChart(el.canvas!);
    el.type = 'bar';
    await el.updateComplete;
    const bar = Chart.getChart(el.canvas!);
    expect(bar).to.not.equal(line);
    expect((bar!.config as { type?: string }).type).to.equal('bar');
    expect(el.controller.chart).to.equal(bar);
  });

  it('reads the extra colour tokens a view asks for', async () => {
    const el = await fixture<TestChartHost>(
      html`<test-chart-host style="--test-token: rgb(255, 0, 0)"></test-chart-host>`,
    );
    expect(el.controller.theme.current.tokens).to.deep.equal({ '--test-token': '#ff0000' });
    expect(readChartTheme(el).tokens).to.deep.equal({});
  });

  it('re-reads theme colours when the theme attribute changes', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const chart = el.controller.chart;
    expect(borderColor(el)).to.equal(LIGHT_PALETTE.series[0]);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.controller.chart).to.equal(chart);
    expect(borderColor(el)).to.equal(DARK_PALETTE.series[0]);
    el.theme = 'light';
    await el.updateComplete;
    expect(borderColor(el)).to.equal(LIGHT_PALETTE.series[0]);
  });

  it('redraws when prefers-color-scheme changes, unless the theme is forced', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    const forced = await fixture<TestChartHost>(html`<test-chart-host theme="light"></test-chart-host>`);
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => borderColor(el) === DARK_PALETTE.series[0], 'chart did not turn dark', SLOW);
    expect(borderColor(forced)).to.equal(LIGHT_PALETTE.series[0]);
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(
      () => borderColor(el) === LIGHT_PALETTE.series[0],
      'chart did not turn light again',
      SLOW,
    );
  });

  it('turns animation off under prefers-reduced-motion', async () => {
    const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
    expect(el.controller.chart!.options.animation).not.to.equal(false);
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => el.controller.chart!.options.animation === false, 'animation still on', SLOW);
  });

  it('listens to media queries only while connected', async () => {
    const original = window.matchMedia;
    const added: string[] = [];
    const removed: string[] = [];
    window.matchMedia = (query: string) =>
      ({
        media: query,
        matches: original.call(window, query).matches,
        addEventListener: () => added.push(query),
        removeEventListener: () => removed.push(query),
      }) as unknown as MediaQueryList;
    try {
      const el = await fixture<TestChartHost>(html`<test-chart-host></test-chart-host>`);
      expect(added).to.include('(prefers-color-scheme: dark)');
      expect(removed).to.deep.equal([]);
      el.remove();
      expect([...removed].sort()).to.deep.equal([...added].sort());
    } finally {
      window.matchMedia = original;
    }
  });
});

describe('theme colours', () => {
  it('reads public --ph-* tokens over the defaults', async () => {
    const el = await fixture<TestChartHost>(
      html`<test-chart-host
        style="--ph-color-series-2: rebeccapurple; --ph-font-family: serif"
      ></test-chart-host>`,
    );
    const theme = readChartTheme(el);
    expect(theme.series[0]).to.equal(LIGHT_PALETTE.series[0]);
    expect(theme.series[1]).to.equal('#663399');
    expect(theme.fontFamily).to.equal('serif');
    expect(theme.surface).to.equal(LIGHT_PALETTE.surface);
  });

  it('falls back to the light palette on an element without the tokens', () => {
    const theme = readChartTheme(document.body);
    expect(theme.series).to.deep.equal(LIGHT_PALETTE.series);
    expect(theme.text).to.equal(LIGHT_PALETTE.text);
  });

  it('cycles the palette past eight series', () => {
    const theme = { series: LIGHT_PALETTE.series } as ChartTheme;
    expect(seriesColor(theme, 8)).to.equal(seriesColor(theme, 0));
    expect(seriesColor(theme, 11)).to.equal(seriesColor(theme, 3));
  });

  it('draws every series in the forced text colour in forced-colours mode', async () => {
    const el = await fixture<TestChartHost>(
      html`<test-chart-host style="color: rgb(0, 0, 255)"></test-chart-host>`,
    );
    const original = window.matchMedia;
    window.matchMedia = (query: string) =>
      ({ media: query, matches: query === '(forced-colors: active)' }) as MediaQueryList;
    try {
      const theme = readChartTheme(el);
      expect(theme.forcedColors).to.equal(true);
      expect(new Set(theme.series)).to.deep.equal(new Set(['#0000ff']));
      expect(theme.text).to.equal('#0000ff');
    } finally {
      window.matchMedia = original;
    }
  });

  it('makes translucent fills from any colour syntax', () => {
    expect(withAlpha('#1d4aff', 0.2)).to.equal('rgba(29, 74, 255, 0.2)');
    expect(withAlpha('rgba(10, 20, 30, 0.5)', 0.5)).to.equal('rgba(10, 20, 30, 0.25)');
    expect(withAlpha('oklch(0.5 0.2 250)', 0.2)).to.equal(
      'color-mix(in srgb, oklch(0.5 0.2 250) 20%, transparent)',
    );
  });

  for (const [name, palette] of [
    ['light', LIGHT_PALETTE],
    ['dark', DARK_PALETTE],
  ] as const) {
    it(`keeps ${name} colours readable against the ${name} surface`, () => {
      for (const color of palette.series) expect(contrast(color, palette.surface), color).to.be.at.least(3);
      expect(contrast(palette.text, palette.surface)).to.be.at.least(4.5);
      expect(contrast(palette.muted, palette.surface)).to.be.at.least(4.5);
      expect(new Set(palette.series).size).to.equal(8);
    });
  }
});
