// Screenshots of the demo compared against references stored beside this file. Stability comes from
// pinning everything that varies (the engine's clock and seed in the test, and here the viewport, pixel
// ratio, time zone, locale, colour scheme and motion), and from shooting only once the page has settled,
// so the tolerance below only has to absorb raster noise, not moving content.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'puppeteer-core';

/** References live under here, one folder per rendering environment (see referenceDir). */
const SCREENSHOTS_DIR = join(import.meta.dirname, 'screenshots');

/**
 * Where this environment's `<name>.png` references live (failed runs leave `<name>.actual.png` and
 * `<name>.diff.png` beside them). Pixels depend on the Chromium build and the fonts fontconfig picks,
 * so references are kept per Chromium major version and font set: another machine compares against
 * its own (written on its first run), never against pixels it cannot produce.
 */
export async function referenceDir(browser: Browser): Promise<string> {
  const major = /\/(\d+)\./.exec(await browser.version())?.[1] ?? 'unknown';
  const fonts = ['sans-serif', 'serif', 'monospace', 'system-ui'].map(fontFor).join('\n');
  const key = `chromium-${major}-fonts-${createHash('sha256').update(fonts).digest('hex').slice(0, 8)}`;
  const dir = join(SCREENSHOTS_DIR, key);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function fontFor(family: string): string {
  try {
    return execFileSync('fc-match', [family], { encoding: 'utf8' }).trim();
  } catch {
    return `${family}: no fontconfig`;
  }
}

/**
 * pixelmatch's default per-pixel colour distance (0..1): closer pixels count as equal, which absorbs
 * rounding in blending without hiding a colour a person would see as different.
 */
const PIXEL_THRESHOLD = 0.1;

/**
 * The share of pixels allowed to differ: 0.1%, 4,352 pixels of the 1280×3400 viewport. Pinned runs
 * differ by 0 pixels, and pixelmatch already skips anti-aliased edges, so this is only room for
 * stray raster noise. Measured on the light dashboard: a new muted-text colour changes 12,000 pixels
 * (0.28%, which 0.5% would let through), a new first series colour 272,000; both fail. A recoloured
 * 1px rule (1,280) or a 1px letter-spacing on the heading (1,427) pass: text is asserted separately.
 */
const MAX_DIFF_SHARE = 0.001;

/**
 * The browser window every screenshot is taken in. Tall enough for the whole dashboard (about 3,200
 * pixels), so every tile is on screen and the shot needs no scrolling or resizing.
 */
const SCREENSHOT_VIEWPORT = { width: 1280, height: 3400, deviceScaleFactor: 1 } as const;

/**
 * Compares `png` with the stored `<name>.png` and fails when more than {@link MAX_DIFF_SHARE} of the
 * pixels differ or the sizes differ, leaving the actual shot and a diff image to look at. Without a
 * reference, or with `UPDATE_SCREENSHOTS=1`, writes the shot as the new reference and passes.
 */
export function compareWithReference(name: string, png: Uint8Array, dir: string): void {
  const referencePath = join(dir, `${name}.png`);
  const actualPath = join(dir, `${name}.actual.png`);
  const diffPath = join(dir, `${name}.diff.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(referencePath)) {
    writeFileSync(referencePath, png);
    removeLeftovers(actualPath, diffPath);
    console.log(`screenshot ${name}: reference written to ${referencePath}`);
    return;
  }
  const reference = PNG.sync.read(readFileSync(referencePath));
  const actual = PNG.sync.read(Buffer.from(png));
  const { width, height } = reference;
  if (actual.width !== width || actual.height !== height) {
    writeFileSync(actualPath, png);
    assert.fail(
      `screenshot ${name}: ${actual.width}×${actual.height} but the reference is ${width}×${height}; ` +
        `see ${actualPath}, and run with UPDATE_SCREENSHOTS=1 if the new size is intended`,
    );
  }
  const diff = new PNG({ width, height });
  const differingPixels = pixelmatch(reference.data, actual.data, diff.data, width, height, {
    threshold: PIXEL_THRESHOLD,
  });
  const allowed = Math.floor(width * height * MAX_DIFF_SHARE);
  if (differingPixels > allowed) {
    writeFileSync(actualPath, png);
    writeFileSync(diffPath, PNG.sync.write(diff));
    assert.fail(
      `screenshot ${name}: ${differingPixels} pixels differ from the reference ` +
        `(${percent(differingPixels / (width * height))}, at most ${allowed} allowed); ` +
        `see ${actualPath} and ${diffPath}, and run with UPDATE_SCREENSHOTS=1 if the change is intended`,
    );
  }
  removeLeftovers(actualPath, diffPath);
  console.log(
    `screenshot ${name}: matches the reference (${differingPixels} pixels differ, ${allowed} allowed)`,
  );
}

/**
 * Pins what the browser would otherwise take from the machine. Call before the page loads: the
 * locale and time zone must hold from the first script on.
 */
export async function pinRendering(page: Page): Promise<void> {
  await page.setViewport(SCREENSHOT_VIEWPORT);
  await page.emulateTimezone('UTC');
  // Reduced motion turns chart.js animation and the skeleton shimmer off; the colour scheme decides
  // the page's own `Canvas` background before the demo picks a theme.
  await page.emulateMediaFeatures([
    { name: 'prefers-reduced-motion', value: 'reduce' },
    { name: 'prefers-color-scheme', value: 'light' },
  ]);
  // Puppeteer has no call for the locale; the override lasts as long as this session stays attached.
  const session = await page.createCDPSession();
  await session.send('Emulation.setLocaleOverride', { locale: 'en-US' });
}

/**
 * A screenshot of the viewport once the page has settled: fonts loaded, every tile showing its view
 * (not loading, not re-running, canvases painted, Lit updates done), and two frames in a row
 * identical, which catches a chart.js resize landing a frame after the data.
 */
export async function settledScreenshot(page: Page, timeout = 15_000): Promise<Uint8Array> {
  // Nothing hovered: a pointer over a chart would show its tooltip.
  await page.mouse.move(0, 0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(
    height <= SCREENSHOT_VIEWPORT.height,
    `the page is ${height} pixels tall, taller than the screenshot viewport: raise SCREENSHOT_VIEWPORT.height`,
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.waitForFunction(everyTileDrawn, { timeout });
  await page.evaluate(async () => {
    const updates = [...document.querySelectorAll('ph-endpoint-chart')].flatMap((chart) => [
      chart,
      chart.shadowRoot?.querySelector('[part~="chart"]'),
    ]);
    await Promise.all(
      updates.map((el) => (el as { updateComplete?: Promise<unknown> } | null)?.updateComplete),
    );
  });
  const deadline = Date.now() + timeout;
  let previous = await page.screenshot({ type: 'png' });
  while (Date.now() < deadline) {
    await nextFrame(page);
    const current = await page.screenshot({ type: 'png' });
    if (Buffer.compare(previous, current) === 0) return current;
    previous = current;
  }
  assert.fail(`the page was still changing after ${timeout} ms`);
}

/** Runs in the page: true once every tile shows a drawn view and none is fetching. */
function everyTileDrawn(): boolean {
  return [...document.querySelectorAll('ph-endpoint-chart')].every((chart) => {
    const view = chart.shadowRoot?.querySelector('[part~="view"]');
    if (!view || view.getAttribute('aria-busy') !== 'false') return false;
    const canvases = view.querySelector('[part~="chart"]')?.shadowRoot?.querySelectorAll('canvas') ?? [];
    return [...canvases].every((canvas) => {
      if (canvas.width === 0 || canvas.height === 0) return false;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    });
  });
}

/** Resolves after the page has rendered two more frames, so pending layout and paint have happened. */
async function nextFrame(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

function removeLeftovers(...paths: string[]): void {
  for (const path of paths) rmSync(path, { force: true });
}

function percent(share: number): string {
  return `${(share * 100).toFixed(3)}%`;
}
