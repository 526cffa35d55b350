// The framework recipes in examples/, built as an app would build them (Vite, each example's own config)
// and opened in Chromium beside the real proxy (the local engine). Each framework must hand the chart its
// `variables` as a property, see the chart draw the data those variables ask for, hear `ph-load` in its
// own handler, and pass changed state down again.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { build } from 'vite';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { recordChartEvents, reportTiles, waitForEveryTile } from './tiles.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const FRAMEWORKS = ['react', 'vue', 'svelte', 'angular'] as const;
type Framework = (typeof FRAMEWORKS)[number];
/** The file of each example that README.md shows whole, and its code fence's language. */
const README_SNIPPETS: Record<Framework, { file: string; fence: string }> = {
  react: { file: 'main.tsx', fence: 'tsx' },
  vue: { file: 'main.ts', fence: 'ts' },
  svelte: { file: 'Dashboard.svelte', fence: 'svelte' },
  angular: { file: 'dashboard.component.ts', fence: 'ts' },
};
const site = mkdtempSync(join(tmpdir(), 'ph-embed-frameworks-'));
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };

before(async () => {
  // One folder per framework under the site the proxy serves, so pages and API share an origin.
  for (const framework of FRAMEWORKS) {
    await build({
      root: join(examples, framework),
      base: './',
      logLevel: 'warn',
      build: { outDir: join(site, framework), emptyOutDir: true, minify: false },
    });
  }
  const config = loadConfig({ PORT: '0', PH_EMBED_DEMO_DIR: site, LOG_LEVEL: 'silent' });
  assert.equal(config.upstream, 'local', 'with no PostHog key the local engine answers');
  server = await startServer(config);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

interface ChartState {
  name: unknown;
  /** The `variables` property as the element holds it. */
  variables: unknown;
  /** The attribute a framework would have written instead of the property. */
  attribute: string | null;
  /** The CSV rows of the drawn view, header excluded. */
  rows: string[];
}

type ChartElement = HTMLElement & { name: unknown; variables: unknown; toCSV(): string };

function readChart(page: Page): Promise<ChartState> {
  return page.$eval('ph-endpoint-chart', (element) => {
    const chart = element as ChartElement;
    return {
      name: chart.name,
      variables: chart.variables,
      attribute: chart.getAttribute('variables'),
      rows: chart.toCSV().trim().split('\n').slice(1),
    };
  });
}

/** Waits until the drawn view has more than `min` CSV rows (header excluded). */
async function waitForRows(page: Page, min: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      (document.querySelector('ph-endpoint-chart') as ChartElement).toCSV().trim().split('\n').length > n + 1,
    { timeout: 30_000 },
    min,
  );
}

/** Waits until the framework's `ph-load` handler has written something other than `previous`. */
async function waitForStatus(page: Page, previous: string): Promise<string> {
  const handle = await page
    .waitForFunction(
      (text) => {
        const status = document.querySelector('[role="status"]')?.textContent ?? '';
        return status !== text && status;
      },
      { timeout: 15_000 },
      previous,
    )
    .catch(() => {
      throw new Error(`the page still shows "${previous}": did the framework's ph-load handler run?`);
    });
  return (await handle.jsonValue()) as string;
}

/** The chart's total as the drawn view has it: the sum of the CSV's value column. */
function totalOf(rows: string[]): string {
  return `Total: ${rows.reduce((sum, row) => sum + Number(row.split(',').at(-1)), 0)}`;
}

function recordedEvents(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { phEvents: string[] }).phEvents);
}

for (const framework of FRAMEWORKS) {
  test(`${framework}: passes variables as a property, hears ph-load, redraws on new state`, async () => {
    const page = await chromium.browser.newPage();
    const errors = collectPageErrors(page);
    const bodies: unknown[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/run')) bodies.push(JSON.parse(req.postData() ?? 'null'));
    });
    await recordChartEvents(page);
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(`${server.url}/${framework}/index.html`, { waitUntil: 'load' });

    const events = await waitForEveryTile(page);
    assert.deepEqual(events, ['ph-load:daily_active_users']);
    const [tile] = await reportTiles(page);
    assert.equal(tile?.view, 'ph-trends-chart', 'the chart picked the trends view');
    assert.ok(tile.canvases > 0 && tile.painted === tile.canvases, 'the canvas is painted');
    assert.deepEqual(bodies, [{ variables: { date_from: '-7d' } }], 'the run carries the variables');

    const week = await readChart(page);
    assert.equal(week.name, 'daily_active_users');
    assert.deepEqual(week.variables, { date_from: '-7d' });
    assert.equal(week.attribute, null, 'variables arrived as a property, not as a JSON attribute');
    assert.ok(week.rows.length >= 7 && week.rows.length <= 8, `a week of days: ${week.rows.length} rows`);
    // The handler read `event.data`: the total it shows is the one the chart draws.
    const weekStatus = await waitForStatus(page, 'Total: …');
    assert.equal(weekStatus, totalOf(week.rows));

    // New framework state reaches the element as a new property value, and the chart runs again.
    await page.select('select', '-30d');
    await waitForRows(page, 30);
    const monthStatus = await waitForStatus(page, weekStatus);
    const month = await readChart(page);
    assert.deepEqual(bodies.at(-1), { variables: { date_from: '-30d' } });
    assert.equal(monthStatus, totalOf(month.rows));
    assert.deepEqual(
      await recordedEvents(page),
      ['ph-load:daily_active_users', 'ph-load:daily_active_users'],
      'one more run, which loaded',
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("README's framework snippets are the example files, whole and unchanged", () => {
  const readme = readFileSync(join(examples, '..', 'README.md'), 'utf8');
  const pathOf = (framework: Framework) => join(framework, README_SNIPPETS[framework].file);
  // The whole fenced block, so a snippet that stops early or runs on differs too.
  const fenced = (framework: Framework) => {
    const text = readFileSync(join(examples, pathOf(framework)), 'utf8');
    return ['```' + README_SNIPPETS[framework].fence, text + '```', ''].join('\n');
  };
  assert.deepEqual(
    FRAMEWORKS.filter((framework) => !readme.includes(fenced(framework))).map(pathOf),
    [],
    'README.md no longer quotes these examples/ files verbatim',
  );
});
