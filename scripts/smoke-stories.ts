// Opens every story of the built Storybook (storybook-static/) in Chromium and checks that it renders
// without console errors. Run after `npm run build-storybook`; prints `stories: N passed, M failed`.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { collectPageErrors, launchChromium } from '../test/e2e/chromium.js';

const root = join(import.meta.dirname, '..', 'storybook-static');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

if (!existsSync(join(root, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  process.exit(1);
}

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^[/\\]+/,
    '',
  );
  // Chromium asks every origin for a favicon; Storybook ships none.
  if (path === 'favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const file = join(root, path || 'index.html');
  if (!file.startsWith(root) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as {
  entries: Record<string, { id: string; type: string }>;
};
const stories = Object.values(index.entries).filter((e) => e.type === 'story');
const { browser, close } = await launchChromium();
let passed = 0;
let failed = 0;
for (const story of stories) {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  try {
    await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'load' });
    // A story has rendered when Storybook's root holds an element and every ph-* element in it has
    // finished its first update (Lit's updateComplete).
    await page.waitForFunction(() => document.querySelector('#storybook-root')?.firstElementChild, {
      timeout: 10_000,
    });
    await page.evaluate(async () => {
      const els = [...document.querySelectorAll('#storybook-root *')].filter((el) =>
        el.localName.startsWith('ph-'),
      ) as Array<Element & { updateComplete?: Promise<unknown> }>;
      await Promise.all(els.map((el) => el.updateComplete));
    });
    if (errors.length) throw new Error(errors.join('\n'));
    passed += 1;
    console.log(`  ok   ${story.id}`);
  } catch (err) {
    failed += 1;
    console.log(`  FAIL ${story.id}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await page.close();
  }
}
await close();
server.close();
console.log(`stories: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
