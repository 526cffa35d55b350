// Every endpoint the local engine ships, drawn through the real proxy: the proxy lists them
// (`GET /v1/endpoints`), a plain page holds one tag per endpoint (the CDN script, as a customer
// would write it), and each one loads into the view its kind calls for, with nothing broken on screen.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { EndpointSummary } from '../../src/data/types.js';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { cdnSite, type CdnSite } from './cdn-site.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { recordChartEvents, reportTiles, waitForEveryTile } from './tiles.js';

let site: CdnSite;
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };

/** The view each query kind is drawn by (BoldNumber trends become a big number). */
function expectedView(endpoint: EndpointSummary): string {
  if (endpoint.display === 'BoldNumber') return 'ph-big-number';
  const views: Record<string, string> = {
    TrendsQuery: 'ph-trends-chart',
    StickinessQuery: 'ph-trends-chart',
    LifecycleQuery: 'ph-lifecycle-chart',
    FunnelsQuery: 'ph-funnel-chart',
    RetentionQuery: 'ph-retention-table',
    HogQLQuery: 'ph-data-table',
  };
  return views[endpoint.kind ?? ''] ?? 'unknown';
}

before(async () => {
  // The page is written once the proxy has listed its endpoints.
  site = cdnSite('ph-embed-local-');
  const config = loadConfig({ PORT: '0', PH_EMBED_DEMO_DIR: site.dir, LOG_LEVEL: 'silent' });
  assert.equal(config.upstream, 'local');
  server = await startServer(config);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
  site?.remove();
});

test('every shipped endpoint loads through the proxy and is drawn by its view', async () => {
  const listed = (await (await fetch(`${server.url}/v1/endpoints`)).json()) as {
    endpoints: EndpointSummary[];
  };
  const endpoints = listed.endpoints;
  assert.ok(endpoints.length >= 10, `the engine ships at least ten endpoints (got ${endpoints.length})`);
  const tags = endpoints.map((e) => `<ph-endpoint-chart name="${e.name}"></ph-endpoint-chart>`).join('\n');
  writeFileSync(
    join(site.dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>All endpoints</title>
     <script type="module" src="./ph-embed.js"></script></head><body><main>${tags}</main></body></html>`,
  );

  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  await recordChartEvents(page);
  await page.setViewport({ width: 1200, height: 400 * endpoints.length });
  await page.goto(server.url, { waitUntil: 'load' });
  const events = await waitForEveryTile(page, 60_000);
  assert.deepEqual(
    events.filter((e) => e.startsWith('ph-error')),
    [],
    'no endpoint failed',
  );
  const tiles = await reportTiles(page, 30_000);
  for (const [i, tile] of tiles.entries()) {
    const endpoint = endpoints[i]!;
    assert.equal(tile.name, endpoint.name);
    assert.equal(tile.view, expectedView(endpoint), `${tile.name} is drawn by its view`);
    assert.equal(tile.painted, tile.canvases, `${tile.name}: every canvas is painted`);
    assert.ok(tile.canvases > 0 || tile.text.length > 0, `${tile.name}: the view shows something`);
    assert.doesNotMatch(tile.text, /NaN|Infinity|undefined/, `${tile.name}: no broken numbers`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
