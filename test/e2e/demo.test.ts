// The demo as a newcomer meets it: the real proxy in demo mode (tokens on, a secret made for the run,
// the local DuckDB engine over generated events) on a loopback port, the built demo opened in Debian's
// Chromium and walked as a person would: every tile draws, switching workspace changes its rows, a
// request for another workspace's data is refused on screen, dark mode applies, and the internal tools
// page filters its SQL tables by the variables set in its form. Three moments of the walk are compared
// with stored screenshots (screenshots.ts): the engine runs on a pinned clock and seed, and the browser
// on a pinned viewport, time zone, locale and motion, so the same run draws the same pixels.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { loadConfig } from '../../src/server/config.js';
import { withDemoSecret } from '../../src/server/demo.js';
import { createLocalUpstream, DEFAULT_SEED, type LocalUpstream } from '../../src/server/local/index.js';
import { startServer } from '../../src/server/main.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { compareWithReference, pinRendering, referenceDir, settledScreenshot } from './screenshots.js';
import { recordChartEvents, reportTiles, waitForEveryTile } from './tiles.js';

const demoDir = join(import.meta.dirname, '..', '..', 'dist', 'demo');
/**
 * The engine's "now": the generated events, every relative date range and each answer's `last_refresh`
 * (the tiles' "as of" line) follow it. A day long past, so the line always shows its date and no
 * retention cell is still in progress, whatever day the suite runs.
 */
const PINNED_NOW = new Date('2026-01-15T14:05:00Z');
let engine: LocalUpstream;
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };
let references: string;

/** The view each dashboard tile must end up in: the endpoint's kind and display decide. */
const EXPECTED_VIEWS: Record<string, string> = {
  top_pages: 'ph-data-table',
  daily_active_users: 'ph-trends-chart',
  signups_this_week: 'ph-big-number',
  pageviews_by_browser: 'ph-trends-chart',
  revenue_by_plan: 'ph-trends-chart',
  activation_funnel: 'ph-funnel-chart',
  user_lifecycle: 'ph-lifecycle-chart',
  user_stickiness: 'ph-trends-chart',
  pageviews_by_browser_version: 'ph-trends-chart',
  weekly_retention: 'ph-retention-table',
};

before(async () => {
  assert.ok(existsSync(join(demoDir, 'index.html')), 'dist/demo is missing: run `npm run build:demo` first');
  assert.ok(
    existsSync(join(demoDir, 'internal.html')),
    'dist/demo/internal.html is missing: rebuild the demo',
  );
  const env = withDemoSecret({ PH_EMBED_DEMO: 'true' });
  const config = loadConfig({
    ...env,
    PORT: '0',
    PH_EMBED_DEMO_DIR: demoDir,
    LOG_LEVEL: 'silent',
    // Without the proxy's cache every tile says the same thing whichever tests ran before it: a cached
    // answer would add "· cached" to its freshness line and change the screenshot.
    PH_EMBED_CACHE_MAX_BYTES: '0',
  });
  assert.equal(config.upstream, 'local', 'with no PostHog key the local engine is the default');
  assert.equal(config.auth, 'token', 'the demo runs with embed tokens');
  // The engine the config would build, on a pinned clock; the server does not own it, so it is closed below.
  engine = await createLocalUpstream({
    endpointsDir: config.endpointsDir,
    seed: DEFAULT_SEED,
    now: PINNED_NOW,
  });
  server = await startServer(config, { demo: true, upstream: engine });
  chromium = await launchChromium();
  references = await referenceDir(chromium.browser);
});

after(async () => {
  await chromium?.close();
  await server?.close();
  engine?.close();
});

async function openPage(path: string): Promise<{ page: Page; errors: string[]; runs: string[] }> {
  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  const runs: string[] = [];
  page.on('request', (req) => {
    if (!req.url().includes('/v1/')) return;
    const bearer = /^Bearer \S+$/.test(req.headers()['authorization'] ?? '') ? 'bearer' : 'none';
    runs.push(`${req.method()} ${new URL(req.url()).pathname} ${bearer}`);
  });
  await recordChartEvents(page);
  await pinRendering(page);
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return { page, errors, runs };
}

/** Waits until `name` has finished `count` runs in all (ph-load or ph-error). */
async function waitForRuns(page: Page, name: string, count: number): Promise<void> {
  await page.waitForFunction(
    (tile, n) =>
      (window as unknown as { phEvents: string[] }).phEvents.filter((e) => e.endsWith(`:${tile}`)).length >=
      n,
    { timeout: 30_000 },
    name,
    count,
  );
}

function tileText(page: Page, name: string): Promise<string> {
  return page.$eval(`ph-endpoint-chart[name="${name}"]`, (chart) => {
    const view = chart.shadowRoot?.querySelector('[part~="chart"]');
    return view?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  });
}

test('the dashboard draws every tile with embed tokens, without console errors', async () => {
  const { page, errors, runs } = await openPage('/');
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

  // One run per tile, each with a token: nothing is sent before the page has one.
  assert.equal(runs.length, Object.keys(EXPECTED_VIEWS).length);
  assert.deepEqual(
    runs.filter((run) => !run.endsWith(' bearer')),
    [],
    runs.join('\n'),
  );
  const exporting = await page.$$eval(
    'ph-endpoint-chart',
    (charts) => charts.filter((chart) => chart.shadowRoot?.querySelector('button[part~="export"]')).length,
  );
  assert.equal(exporting, tiles.length, 'every tile offers a CSV export');
  compareWithReference('dashboard-light', await settledScreenshot(page), references);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a person switches workspace, is refused another one, sets range, language and dark mode', async () => {
  const { page, errors } = await openPage('/');
  await waitForEveryTile(page);
  const acmeRows = await tileText(page, 'top_pages');

  await page.select('#tenant', 'globex');
  await waitForRuns(page, 'top_pages', 2);
  await page.waitForFunction(
    (before) => {
      const chart = document.querySelector('ph-endpoint-chart[name="top_pages"]');
      const text = chart?.shadowRoot?.querySelector('[part~="chart"]')?.shadowRoot?.textContent ?? '';
      return text.replace(/\s+/g, ' ').trim() !== before && text.includes('/');
    },
    { timeout: 15_000 },
    acmeRows,
  );
  assert.notEqual(await tileText(page, 'top_pages'), acmeRows, "the table shows globex's rows");
  assert.equal(await page.$eval('#tenant-label', (el) => el.textContent), 'Globex');

  await page.click('#try-other-tenant');
  await page.waitForFunction(() => document.querySelector('#refusal')?.textContent?.includes('Refused'), {
    timeout: 15_000,
  });
  const refusal = await page.$eval('#refusal', (el) => el.textContent ?? '');
  assert.match(refusal, /403 variable_locked/);
  assert.equal(await page.$eval('#refusal', (el) => el.className), 'refused');

  await page.click('#dark');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('ph-endpoint-chart')].every(
        (chart) => chart.shadowRoot?.querySelector('[part~="chart"]')?.getAttribute('theme') === 'dark',
      ),
    { timeout: 15_000 },
  );
  assert.equal(await page.$eval('html', (el) => getComputedStyle(el).colorScheme), 'dark');
  compareWithReference('dashboard-dark', await settledScreenshot(page), references);

  // The date range re-runs the insights with date_from: each one draws again, none fails.
  await page.select('#date-range', '-7d');
  await waitForRuns(page, 'daily_active_users', 2);
  await waitForRuns(page, 'weekly_retention', 2);
  const loads = await page.evaluate(() => (window as unknown as { phEvents: string[] }).phEvents);
  assert.deepEqual(
    loads.filter((e) => e.startsWith('ph-error')),
    [],
  );
  const dailyPoints = await page.$eval(
    'ph-endpoint-chart[name="daily_active_users"]',
    (chart) => (chart as unknown as { toCSV(): string }).toCSV().trim().split('\n').length,
  );
  assert.ok(dailyPoints <= 9, `seven days and a header, at most a day more: ${dailyPoints} lines`);

  await page.select('#locale', 'de-DE');
  await page.waitForFunction(
    () =>
      document.documentElement.lang === 'de-DE' &&
      document
        .querySelector('ph-endpoint-chart')
        ?.shadowRoot?.querySelector('[part~="chart"]')
        ?.getAttribute('locale') === 'de-DE',
    { timeout: 15_000 },
  );

  // The only failed answer is the refusal the button asked for.
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0] ?? '', /^http 403: .*\/v1\/endpoints\/top_pages\/run$/);
  await page.close();
});

test('the internal tools page runs the SQL endpoints for the organisation set in its form', async () => {
  const { page, errors, runs } = await openPage('/internal.html');
  await waitForEveryTile(page);
  const events = await tileText(page, 'events_table');
  assert.match(events, /acme/, 'the events table starts on acme');
  assert.doesNotMatch(events, /globex/);
  compareWithReference('internal-tools', await settledScreenshot(page), references);

  const input = await page.$('#org-id');
  await input?.click({ count: 3 });
  await input?.type('globex');
  await page.click('#variables button[type="submit"]');
  await waitForRuns(page, 'events_table', 2);
  await waitForRuns(page, 'top_pages', 2);
  const filtered = await tileText(page, 'events_table');
  assert.match(filtered, /globex/);
  assert.doesNotMatch(filtered, /acme/, 'only globex rows');
  assert.deepEqual(
    runs.filter((run) => !run.endsWith(' bearer')),
    [],
    'the internal page sends its token too',
  );
  assert.deepEqual(errors, []);
  await page.close();
});
