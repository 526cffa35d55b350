// The demo as a customer's browser sees it: the real proxy with its default upstream (the embedded
// DuckDB engine over generated events) on a loopback port, the built demo opened in Debian's Chromium,
// every tile drawn by the view its endpoint calls for, nothing logged as an error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { recordChartEvents, reportTiles, waitForEveryTile } from './tiles.js';

const demoDir = join(import.meta.dirname, '..', '..', 'dist', 'demo');
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };

/** The view each demo tile must end up in: the endpoint's kind and display decide. */
const EXPECTED_VIEWS: Record<string, string> = {
  daily_active_users: 'ph-trends-chart',
  signups_this_week: 'ph-big-number',
  pageviews_by_browser: 'ph-trends-chart',
  revenue_by_plan: 'ph-trends-chart',
  activation_funnel: 'ph-funnel-chart',
  user_lifecycle: 'ph-lifecycle-chart',
  user_stickiness: 'ph-trends-chart',
  pageviews_by_browser_version: 'ph-trends-chart',
  weekly_retention: 'ph-retention-table',
  top_pages: 'ph-data-table',
};

before(async () => {
  assert.ok(existsSync(join(demoDir, 'index.html')), 'dist/demo is missing: run `npm run build:demo` first');
  const config = loadConfig({ PORT: '0', PH_EMBED_DEMO_DIR: demoDir, LOG_LEVEL: 'silent' });
  assert.equal(config.upstream, 'local', 'with no PostHog key the local engine is the default');
  server = await startServer(config);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

test('the demo draws every tile from the local engine, without console errors', async () => {
  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  const apiCalls: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/v1/')) apiCalls.push(`${req.method()} ${new URL(req.url()).pathname}`);
  });
  await recordChartEvents(page);
  await page.setViewport({ width: 1280, height: 2400 });
  await page.goto(server.url, { waitUntil: 'load' });

  const events = await waitForEveryTile(page);
  assert.deepEqual(
    events.filter((e) => e.startsWith('ph-error')),
    [],
    'no tile failed',
  );
  const tiles = await reportTiles(page);
  assert.deepEqual(
    Object.fromEntries(tiles.map((tile) => [tile.name, tile.view])),
    EXPECTED_VIEWS,
    'each endpoint is drawn by its view',
  );
  for (const tile of tiles) {
    assert.equal(tile.painted, tile.canvases, `${tile.name}: every canvas is painted`);
    assert.ok(tile.canvases > 0 || tile.text.length > 0, `${tile.name}: the view shows something`);
    assert.doesNotMatch(tile.text, /NaN|Infinity|undefined/, `${tile.name}: no broken numbers`);
  }
  assert.match(tiles.find((t) => t.name === 'activation_funnel')?.text ?? '', /%/, 'funnel shows rates');
  assert.match(tiles.find((t) => t.name === 'top_pages')?.text ?? '', /\//, 'the SQL table lists pages');

  // One request per tile: every tile runs a different endpoint.
  assert.equal(apiCalls.length, Object.keys(EXPECTED_VIEWS).length);
  assert.deepEqual(errors, []);
  await page.close();
});
