// Every chart kind drawn by the CDN build itself (dist/ph-embed.js and its chart.js chunk). The
// component tests run the sources with an untouched chart.js; this file covers what only the CDN
// file has: chart.js with the code our configs cannot reach cut out (scripts/vite-chartjs-trim.ts),
// and the minifiers. Each view gets its result as a property, as a framework would pass it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';
import { serveStorybook, type StaticServer } from '../../scripts/smoke-static-server.js';
import { funnelResult, steps, TIME_TO_CONVERT } from '../helpers/synthetic-funnel.js';
import { lifecycleResult } from '../helpers/synthetic-lifecycle.js';
import { breakdownResult, dailyDays } from '../helpers/synthetic-trends.js';
import { cdnSite, type CdnSite } from './cdn-site.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { waitForPaint } from './tiles.js';

let site: CdnSite;
let server: StaticServer;
let chromium: { browser: Browser; close(): Promise<void> };

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>CDN views</title><script type="module" src="./ph-embed.js"></script></head>
  <body style="width: 900px"></body>
</html>`;

/** One series per `rows` entry over the same days, named `value 0`, `value 1`... as a breakdown answers. */
const trends = (rows: Array<Array<number | null>>): RunResponse<TrendsSeries[]> =>
  breakdownResult(
    rows.map((_, i) => `value ${i}`),
    (i) => rows[i]!,
    dailyDays(rows[0]!.length),
  );
const wave = (n: number, phase: number) =>
  Array.from({ length: n }, (_, i) => Math.round(50 + 40 * Math.sin(i / 7 + phase)));

interface ViewCase {
  name: string;
  tag: string;
  display?: string;
  result: RunResponse<unknown>;
  /** Canvases chart.js must paint; 0 for the views drawn in HTML. */
  canvases: number;
}

const CASES: ViewCase[] = [
  // Isolated values between gaps are drawn as points (the only points a line shows).
  {
    name: 'line with points',
    tag: 'ph-trends-chart',
    result: trends([[5, null, 7, null, 3, 4, 6]]),
    canvases: 1,
  },
  {
    name: 'cumulative line',
    tag: 'ph-trends-chart',
    display: 'ActionsLineGraphCumulative',
    result: trends([wave(14, 0), wave(14, 2)]),
    canvases: 1,
  },
  {
    name: 'stacked area',
    tag: 'ph-trends-chart',
    display: 'ActionsAreaGraph',
    result: trends([wave(14, 0), wave(14, 1), wave(14, 2)]),
    canvases: 1,
  },
  {
    name: 'stacked bars',
    tag: 'ph-trends-chart',
    display: 'ActionsStackedBar',
    result: trends([wave(10, 0), wave(10, 1).map((v) => -v)]),
    canvases: 1,
  },
  {
    name: 'unstacked bars',
    tag: 'ph-trends-chart',
    display: 'ActionsUnstackedBar',
    result: trends([wave(10, 0), wave(10, 1)]),
    canvases: 1,
  },
  {
    name: 'horizontal bar value',
    tag: 'ph-trends-chart',
    display: 'ActionsBarValue',
    result: trends([wave(10, 0), wave(10, 1), wave(10, 2)]),
    canvases: 0,
  },
  {
    name: 'lifecycle',
    tag: 'ph-lifecycle-chart',
    result: lifecycleResult(),
    canvases: 1,
  },
  {
    name: 'funnel bars',
    tag: 'ph-funnel-chart',
    display: 'steps',
    result: funnelResult(steps([1000, 620, 310])),
    canvases: 0,
  },
  {
    name: 'funnel time to convert',
    tag: 'ph-funnel-chart',
    display: 'time_to_convert',
    result: funnelResult(TIME_TO_CONVERT),
    canvases: 1,
  },
  {
    name: 'decimated 5,000-point series',
    tag: 'ph-trends-chart',
    result: trends([wave(5000, 0)]),
    canvases: 1,
  },
];

/** Adds one view with its result and waits until it says it is drawn (`updateComplete` awaits chart.js). */
async function mount(page: Page, view: ViewCase): Promise<ElementHandle> {
  const handle = await page.evaluateHandle(async ({ tag, display, result }) => {
    await customElements.whenDefined(tag);
    const el = document.createElement(tag) as HTMLElement & {
      result: unknown;
      updateComplete: Promise<unknown>;
    };
    el.setAttribute('locale', 'en-US');
    el.setAttribute('timezone', 'UTC');
    el.setAttribute('theme', 'light');
    if (display) el.setAttribute('display', display);
    el.result = result;
    document.body.append(el);
    await el.updateComplete;
    return el;
  }, view);
  return handle as ElementHandle;
}

before(async () => {
  site = cdnSite('ph-embed-cdn-views-', PAGE);
  // A plain static server: no proxy, the views get their results as properties.
  server = await serveStorybook(site.dir);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
  site?.remove();
});

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(server.url, { waitUntil: 'load' });
  return { page, errors };
}

test('the CDN build draws every chart kind with no page error', async () => {
  const { page, errors } = await openPage();
  for (const view of CASES) {
    const el = await mount(page, view);
    await waitForPaint(page, el, view.canvases);
    const counts = await el.evaluate((node) => ({
      canvases: node.shadowRoot!.querySelectorAll('canvas').length,
      bars: node.shadowRoot!.querySelectorAll('[part~="bar"]').length,
      text: node.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim(),
    }));
    // waitForPaint saw at least this many painted: with exactly this many canvases, every one is.
    assert.equal(counts.canvases, view.canvases, `${view.name}: canvases`);
    if (view.canvases === 0) assert.ok(counts.bars >= 3, `${view.name}: HTML bars (${counts.bars})`);
    assert.ok(counts.text.length > 0, `${view.name}: some text`);
    await el.evaluate((node) => node.remove());
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/** A digest of a canvas' pixels, to tell two drawings apart. */
const canvasPixels = (el: ElementHandle) =>
  el.evaluate((node) => node.shadowRoot!.querySelector('canvas')!.toDataURL());

test('a chart redraws for the dark theme and shows its tooltip on hover and from the keyboard', async () => {
  const { page, errors } = await openPage();
  // Without animation each drawing is final once drawn, so two of them can be compared.
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  const el = await mount(page, CASES[2]!);
  await waitForPaint(page, el, 1);
  const light = await canvasPixels(el);
  await el.evaluate((node) => node.setAttribute('theme', 'dark'));
  await page.waitForFunction(
    (node, before) => node.shadowRoot!.querySelector('canvas')!.toDataURL() !== before,
    { timeout: 10_000 },
    el,
    light,
  );

  const tooltip = () =>
    el.evaluate((node) => node.shadowRoot!.querySelector('[part~="tooltip"]')?.textContent ?? '');
  const region = (await el.evaluateHandle((node) =>
    node.shadowRoot!.querySelector('[part~="chart"]')!,
  )) as ElementHandle;
  const box = (await region.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction((node) => !!node.shadowRoot!.querySelector('[part~="tooltip"]'), {}, el);
  assert.match(await tooltip(), /value 0/, 'the hover tooltip lists the series');

  await page.mouse.move(0, 0);
  await page.waitForFunction((node) => !node.shadowRoot!.querySelector('[part~="tooltip"]'), {}, el);
  await region.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction((node) => !!node.shadowRoot!.querySelector('[part~="tooltip"]'), {}, el);
  assert.match(await tooltip(), /Jan 1|1 Jan|2024-01-01/, 'the keyboard tooltip starts at the first day');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a value between two gaps is drawn as a point', async () => {
  const { page, errors } = await openPage();
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  // The same axes twice (0 to 7 over 7 days); only the first chart has the lone 7 on day 3.
  const base = { name: 'points', tag: 'ph-trends-chart', canvases: 1 };
  const withPoint = await mount(page, { ...base, result: trends([[null, null, 7, null, 3, 4, 7]]) });
  const without = await mount(page, { ...base, result: trends([[null, null, null, null, 3, 4, 7]]) });
  await waitForPaint(page, withPoint, 1);
  await waitForPaint(page, without, 1);
  const changed = await page.evaluate(
    (a, b) => {
      // No named inner functions: tsx would wrap them in a helper the page does not have.
      const [left, right] = [a, b].map((el) => {
        const canvas = el.shadowRoot!.querySelector('canvas')!;
        return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      });
      let count = 0;
      for (let i = 3; i < left!.length; i += 4) if (left![i] !== right![i]) count += 1;
      return count;
    },
    withPoint,
    without,
  );
  // A circle of radius 3 with its border, antialiased, changes about 60 pixels: far more would be a line.
  assert.ok(changed >= 20 && changed <= 120, `pixels that differ: ${changed}`);
  assert.deepEqual(errors, []);
  await page.close();
});
