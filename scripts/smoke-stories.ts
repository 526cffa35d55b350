// Opens every entry of the built Storybook (storybook-static/) in Chromium: each story and each docs
// page must render without console errors, and the live stories (tag `live`) must load real data from
// a local proxy started here, which the static server reaches at same-origin `/v1`.
// Run after `npm run build-storybook`; prints `stories: N passed, M failed`. An argument keeps only the
// entries whose id contains it (`npx tsx scripts/smoke-stories.ts live`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectPageErrors, launchChromium } from '../test/e2e/chromium.js';
import { recordChartEvents } from '../test/e2e/tiles.js';
import { checkDocs, checkLiveStory, checkStory } from './smoke-checks.js';
import { documentedRows } from './smoke-manifest.js';
import type { DocumentedRow } from './smoke-manifest.js';
import { serveStorybook } from './smoke-static-server.js';

interface Entry {
  id: string;
  /** e.g. `Views/ph-trends-chart`: element pages end with the tag they document. */
  title: string;
  type: 'story' | 'docs';
  tags?: string[];
}

/** What the docs page of `entry` must list: its element's documented rows. */
function expectedRows(entry: Entry): DocumentedRow[] {
  const tag = entry.title.split('/').at(-1) ?? '';
  const rows = documentedRows(tag);
  if (!rows) throw new Error(`custom-elements.json has no <${tag}> for this docs page`);
  return rows;
}

const root = join(import.meta.dirname, '..', 'storybook-static');
if (!existsSync(join(root, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  process.exit(1);
}
const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as {
  entries: Record<string, Entry>;
};
const only = process.argv[2];
const entries = Object.values(index.entries).filter((e) => !only || e.id.includes(only));

const isLive = (entry: Entry) => entry.type === 'story' && entry.tags?.includes('live') === true;

const started = Date.now();
// Only live stories need the proxy (and its DuckDB engine); loaded lazily so the others run without it.
const proxy = entries.some(isLive) ? await (await import('./smoke-proxy.js')).startLocalProxy() : undefined;
const site = await serveStorybook(root, proxy?.url);
const { browser, close } = await launchChromium();
const counts = { story: { passed: 0, failed: 0 }, docs: { passed: 0, failed: 0 } };

for (const entry of entries) {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  try {
    let notes: string[] = [];
    if (entry.type === 'docs') await checkDocs(page, site.url, entry.id, expectedRows(entry));
    else if (isLive(entry)) {
      await recordChartEvents(page);
      notes = await checkLiveStory(page, site.url, entry.id);
    } else await checkStory(page, site.url, entry.id);
    if (errors.length) throw new Error(errors.join('\n'));
    counts[entry.type].passed += 1;
    console.log(`  ok   ${entry.type} ${entry.id}${notes.map((n) => `\n         ${n}`).join('')}`);
  } catch (err) {
    counts[entry.type].failed += 1;
    console.log(`  FAIL ${entry.type} ${entry.id}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await page.close();
  }
}

await close();
await site.close();
await proxy?.close();
const { story, docs } = counts;
console.log(`stories: ${story.passed} passed, ${story.failed} failed`);
console.log(`docs pages: ${docs.passed} passed, ${docs.failed} failed`);
console.log(`in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const failed = story.failed + docs.failed;
process.exit(failed === 0 && story.passed + docs.passed > 0 ? 0 : 1);
