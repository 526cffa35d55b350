/**
 * Render benchmark: `npx tsx bench/render/run.ts [--runs N] [--points N] [--no-build] [--no-write]`.
 *
 * 1. A twelve-tile dashboard built from the CDN bundle (`dist/ph-embed.js`, rebuilt first unless
 *    `--no-build`), timed in headless Chromium from the first response byte to every tile drawn
 *    and painted, against a hand-written page drawing the same data with plain chart.js, in the
 *    same run, alternating the two. Both fetch the same fixture answers from a loopback server.
 *    Target: ph-embed / hand-written <= 1.25 (medians).
 * 2. One 100,000-point series drawn by `<ph-trends-chart>` (decimated). Target: < 250 ms (median).
 *
 * Prints the figures and rewrites the render section of BENCHMARKS.md (unless `--no-write`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../../test/e2e/chromium.js';
import { proxyAnswer } from '../../test/helpers/fixture-answers.mjs';
import { bigSeriesPage, embedDashboard, handDashboard } from './pages.js';
import { startServer } from './server.js';
import type { Browser } from 'puppeteer-core';
import type { EndpointFixture } from '../../test/helpers/fixture-answers.mjs';
import type { StaticFile } from './server.js';
import { writeBenchmarkSection } from '../../scripts/benchmarks-md.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'endpoints');

const flags = new Set(process.argv.slice(2).filter((arg) => !/^\d+$/.test(arg)));
const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
// 31: the two pages' load times spread by ±30% run to run here, and 9 runs moved the median ratio by ±0.1.
const RUNS = option('runs', 31);
const WARMUP = 1;
const POINTS = option('points', 100_000);
const MAX_RATIO = 1.25;
const MAX_BIG_MS = 250;

const JS = 'text/javascript; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The hand-written page's script, bundled and minified like a production page would ship it. */
async function bundleHandPage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: join(import.meta.dirname, 'hand-page.ts'), formats: ['es'], fileName: 'hand' },
    },
  });
  const first = Array.isArray(output) ? output[0] : output;
  const chunk = (first as { output: Array<{ type: string; code?: string }> }).output.find(
    (item) => item.type === 'chunk',
  );
  if (!chunk?.code) throw new Error('bundling bench/render/hand-page.ts produced no code');
  return chunk.code;
}

function staticFiles(handScript: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>([
    ['/dashboard.html', { type: HTML, body: embedDashboard() }],
    ['/hand.html', { type: HTML, body: handDashboard() }],
    ['/hand.js', { type: JS, body: handScript }],
    ['/big.html', { type: HTML, body: bigSeriesPage(POINTS, RUNS) }],
  ]);
  for (const name of readdirSync(DIST).filter((file) => /^ph-embed.*\.js$/.test(file))) {
    files.set(`/${name}`, { type: JS, body: readFileSync(join(DIST, name)) });
  }
  return files;
}

function fixtureAnswers(): Map<string, unknown> {
  const answers = new Map<string, unknown>();
  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.json'))) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as EndpointFixture;
    answers.set(fixture.endpoint.name, proxyAnswer(fixture));
  }
  return answers;
}

interface PageRun {
  ms: number;
  drawn: number;
}

/** Loads `url` in a fresh browser context (no cache) and reads how long until `__done`. */
async function timePage(browser: Browser, url: string): Promise<PageRun> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 1500 });
    // No animation in either page: "drawn" is the first complete frame.
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await page.goto(url);
    await page.waitForFunction('window.__done !== undefined || window.__error !== undefined', {
      timeout: 30_000,
    });
    return await page.evaluate(() => {
      const state = window as unknown as { __done?: number; __drawn?: number; __error?: string };
      if (state.__error) throw new Error(state.__error);
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ms: state.__done! - navigation.responseStart, drawn: state.__drawn ?? 0 };
    });
  } finally {
    await context.close();
  }
}

async function timeBigSeries(browser: Browser, url: string): Promise<number[]> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await page.goto(url);
    await page.waitForFunction('window.__big !== undefined || window.__error !== undefined', {
      timeout: 120_000,
    });
    return await page.evaluate(() => {
      const state = window as unknown as { __big?: number[]; __error?: string };
      if (state.__error) throw new Error(state.__error);
      return state.__big!;
    });
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!flags.has('--no-build')) {
    execFileSync('npx', ['vite', 'build', '--mode', 'cdn', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  if (!existsSync(join(DIST, 'ph-embed.js')))
    throw new Error('dist/ph-embed.js is missing: run `npm run build:cdn`');

  const answers = fixtureAnswers();
  const server = await startServer(staticFiles(await bundleHandPage()), (name) => answers.get(name));
  const chromium = await launchChromium();
  try {
    const embed: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      // Alternate which page goes first, so neither always gets the warmer machine.
      const order = i % 2 ? (['hand', 'embed'] as const) : (['embed', 'hand'] as const);
      for (const which of order) {
        const result = await timePage(
          chromium.browser,
          `${server.url}/${which === 'embed' ? 'dashboard' : 'hand'}.html`,
        );
        if (result.drawn !== 12) throw new Error(`${which}: ${result.drawn} of 12 tiles drawn`);
        if (i >= WARMUP) (which === 'embed' ? embed : hand).push(result.ms);
      }
    }
    const big = await timeBigSeries(chromium.browser, `${server.url}/big.html`);

    const figures = {
      embedMs: median(embed),
      handMs: median(hand),
      bigMs: median(big),
      embedRuns: embed,
      handRuns: hand,
      bigRuns: big,
    };
    const report = formatReport(figures);
    console.log(`\n${report}`);
    if (!flags.has('--no-write')) writeSection(report);
  } finally {
    await chromium.close();
    await server.close();
  }
}

interface Figures {
  embedMs: number;
  handMs: number;
  bigMs: number;
  embedRuns: number[];
  handRuns: number[];
  bigRuns: number[];
}

function formatReport(f: Figures): string {
  const ratio = f.embedMs / f.handMs;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
  const machine = `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(2)} at the end of the run`;
  return [
    '| Measure | ph-embed (median) | Hand-written chart.js (median) | Ratio | Target | Met |',
    '|---|---|---|---|---|---|',
    `| 12-tile dashboard, first byte to all tiles drawn | ${ms(f.embedMs)} | ${ms(f.handMs)} | ${ratio.toFixed(2)}x | <= ${MAX_RATIO}x | ${ratio <= MAX_RATIO ? 'yes' : 'no'} |`,
    `| One series of ${POINTS.toLocaleString('en-US')} points (decimated) drawn | ${ms(f.bigMs)} | | | < ${MAX_BIG_MS} ms | ${f.bigMs < MAX_BIG_MS ? 'yes' : 'no'} |`,
    '',
    `Runs (ms): ph-embed ${list(f.embedRuns)}; hand-written ${list(f.handRuns)}; ${POINTS.toLocaleString('en-US')} points ${list(f.bigRuns)}.`,
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
  ].join('\n');
}

/** Replaces only the render section of BENCHMARKS.md (other sections belong to other benchmarks). */
function writeSection(report: string): void {
  writeBenchmarkSection('render', [
    '## Rendering (headless Chromium)',
    '',
    `Command: \`npx tsx bench/render/run.ts\` (builds \`dist/ph-embed.js\` with \`npm run build:cdn\` first; median of ${RUNS} runs ` +
      `after ${WARMUP} warm-up, the two dashboards alternating, each load in a fresh browser context with no HTTP cache, ` +
      '`prefers-reduced-motion: reduce` so neither page animates).',
    '',
    'Both dashboards draw the same twelve tiles (bench/render/tiles.ts: lines, a breakdown, ranked bars, two numbers, two ' +
      'funnels, a retention table and a 100-row SQL table) from the same fixture answers served on loopback. ph-embed is ' +
      'the CDN bundle with twelve `<ph-endpoint-chart>` tags; "drawn" is every `ph-load` fired, every view updated (its ' +
      'chart drawn) and two frames painted. The hand-written page (bench/render/hand-page.ts) is plain chart.js with legend ' +
      'and tooltips, bundled and minified with Vite, fetching each distinct question once and drawing numbers and tables ' +
      'as HTML. The 100,000-point series is one daily `<ph-trends-chart>` line, timed from setting `.result` to the painted ' +
      'chart, after a first small chart has loaded the chart.js chunk. Single loads vary widely on a shared machine ' +
      '(see the runs below); the ratio of the medians, taken in one run, is the figure to compare.',
    '',
    report,
  ]);
}

await main();
