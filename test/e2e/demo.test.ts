// The demo as a customer's browser sees it: the real proxy (fixtures upstream) on a loopback port,
// the built demo page opened in Debian's Chromium, every chart drawn, nothing logged as an error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { collectPageErrors, launchChromium } from './chromium.js';

const demoDir = join(import.meta.dirname, '..', '..', 'dist', 'demo');
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };

before(async () => {
  assert.ok(existsSync(join(demoDir, 'index.html')), 'dist/demo is missing: run `npm run build:demo` first');
  const config = loadConfig({
    PORT: '0',
    PH_EMBED_UPSTREAM: 'fixtures',
    PH_EMBED_DEMO_DIR: demoDir,
    LOG_LEVEL: 'silent',
  });
  server = await startServer(config);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

test('the demo draws every chart through the proxy, without console errors', async () => {
  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  const apiCalls: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/v1/')) apiCalls.push(`${req.method()} ${new URL(req.url()).pathname}`);
  });
  // Record every ph-load and ph-error before the page's own scripts run; both events bubble out of
  // the shadow roots, so the document sees them.
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { phEvents: string[] };
    w.phEvents = [];
    for (const type of ['ph-load', 'ph-error']) {
      document.addEventListener(type, (e) =>
        w.phEvents.push(`${type}:${(e.target as Element).getAttribute('name')}`),
      );
    }
  });

  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(server.url, { waitUntil: 'load' });
  const expected = await page.$$eval('ph-endpoint-chart', (els) => els.length);
  assert.equal(expected, 3, 'the demo page has three charts');
  await page.waitForFunction(
    (n) => (window as unknown as { phEvents: string[] }).phEvents.length >= n,
    { timeout: 15_000 },
    expected,
  );
  const events = await page.evaluate(() => (window as unknown as { phEvents: string[] }).phEvents);
  assert.deepEqual(
    events.filter((e) => e.startsWith('ph-error')),
    [],
    'no chart failed',
  );

  // Every canvas has painted pixels: chart.js drew into it, it is not just an empty box.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('ph-endpoint-chart')].every((chart) => {
        const canvas = chart.shadowRoot
          ?.querySelector('ph-trends-chart')
          ?.shadowRoot?.querySelector('canvas');
        if (!canvas || canvas.width === 0 || canvas.height === 0) return false;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) painted += 1;
        return painted > 1000;
      }),
    { timeout: 15_000 },
  );

  // Two tags share one endpoint and the same variables: the client dedupes them into one request.
  assert.deepEqual(apiCalls.sort(), [
    'POST /v1/endpoints/daily_active_users/run',
    'POST /v1/endpoints/pageviews_by_browser/run',
  ]);
  assert.deepEqual(errors, []);
  await page.close();
});
