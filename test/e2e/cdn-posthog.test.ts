// The single-script install against PostHog: a plain HTML page loads dist/ph-embed.js (the CDN build)
// and its tags run endpoints through the real proxy, whose upstream is a PostHog-compatible server
// (the strict fake PostHog on loopback). The key stays on the server.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/main.js';
import { startFakePostHog, type FakePostHog } from '../server/helpers/fake-posthog.js';
import { cdnSite, type CdnSite } from './cdn-site.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { recordChartEvents, reportTiles, waitForEveryTile } from './tiles.js';

const KEY = `phx_e2e_${'k'.repeat(32)}`;
let site: CdnSite;
let posthog: FakePostHog;
let server: { url: string; close(): Promise<void> };
let chromium: { browser: Browser; close(): Promise<void> };

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>CDN install</title><script type="module" src="./ph-embed.js"></script></head>
  <body>
    <main>
      <h1>CDN install</h1>
      <ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>
      <ph-endpoint-chart name="activation_funnel"></ph-endpoint-chart>
      <ph-endpoint-chart name="total_signups"></ph-endpoint-chart>
      <ph-endpoint-chart name="signup_retention"></ph-endpoint-chart>
      <ph-endpoint-chart name="top_events"></ph-endpoint-chart>
    </main>
  </body>
</html>`;

before(async () => {
  site = cdnSite('ph-embed-cdn-', PAGE);
  posthog = await startFakePostHog({ key: KEY });
  const config = loadConfig({
    PORT: '0',
    POSTHOG_HOST: posthog.url,
    POSTHOG_PROJECT_ID: posthog.projectId,
    POSTHOG_PERSONAL_API_KEY: KEY,
    PH_EMBED_DEMO_DIR: site.dir,
    LOG_LEVEL: 'silent',
  });
  assert.equal(config.upstream, 'posthog');
  server = await startServer(config);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
  await posthog?.close();
  site?.remove();
});

test('a plain page with one script tag draws PostHog endpoints, and the browser never sees the key', async () => {
  const page = await chromium.browser.newPage();
  const errors = collectPageErrors(page);
  const bodies: string[] = [];
  page.on('response', (res) => {
    if (res.url().includes('/v1/'))
      void res.text().then(
        (text) => bodies.push(text),
        () => undefined,
      );
  });
  await recordChartEvents(page);
  await page.setViewport({ width: 1200, height: 2400 });
  await page.goto(server.url, { waitUntil: 'load' });

  const events = await waitForEveryTile(page);
  assert.deepEqual(
    events.filter((e) => e.startsWith('ph-error')),
    [],
  );
  const tiles = await reportTiles(page);
  assert.deepEqual(
    tiles.map((tile) => tile.view),
    ['ph-trends-chart', 'ph-funnel-chart', 'ph-big-number', 'ph-retention-table', 'ph-data-table'],
  );
  assert.match(tiles[2]?.text ?? '', /3,141,592|3\.1M/, 'the big number shows the sample value');

  const runs = posthog.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/run/'));
  assert.equal(runs.length, 5, 'one PostHog run per tile');
  for (const run of runs) assert.equal(run.headers.authorization, `Bearer ${KEY}`);
  assert.ok(bodies.length > 0);
  for (const body of bodies) assert.ok(!body.includes(KEY), 'the key never reaches the browser');
  assert.deepEqual(errors, []);
  await page.close();
});
