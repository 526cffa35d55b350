// What "renders" means for each kind of Storybook entry the smoke test opens. Each check resolves when
// the page reached the state and throws when it did not; console errors are collected by the caller.
import type { Page } from 'puppeteer-core';

const TIMEOUT = 10_000;

/** Waits until every ph-* element under `root` has finished its pending Lit update. */
async function settleElements(page: Page, root: string): Promise<void> {
  await page.evaluate(async (selector) => {
    const els = [...document.querySelectorAll(`${selector} *`)].filter((el) =>
      el.localName.startsWith('ph-'),
    ) as Array<Element & { updateComplete?: Promise<unknown> }>;
    await Promise.all(els.map((el) => el.updateComplete));
  }, root);
}

/** A story has rendered when Storybook's root holds an element and its ph-* elements have updated. */
export async function checkStory(page: Page, base: string, id: string): Promise<void> {
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#storybook-root')?.firstElementChild, {
    timeout: TIMEOUT,
  });
  await settleElements(page, '#storybook-root');
}

/**
 * A docs page has rendered when it shows its stories and an args table naming everything the element
 * documents in custom-elements.json (`expected`, from smoke-manifest.ts).
 */
export async function checkDocs(page: Page, base: string, id: string, expected: string[]): Promise<void> {
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=docs`, { waitUntil: 'load' });
  await page.waitForSelector('#storybook-docs .docblock-argstable tbody tr', { timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('#storybook-docs .docs-story [id] *'), {
    timeout: TIMEOUT,
  });
  await settleElements(page, '#storybook-docs');
  const listed = await page.$$eval('#storybook-docs .docblock-argstable tbody tr td:first-child', (cells) =>
    cells.map((cell) => cell.textContent?.trim() ?? ''),
  );
  const missing = expected.filter((name) => !listed.includes(name));
  if (missing.length) throw new Error(`the args table does not list ${missing.join(', ')}`);
}

/** Installs, before the page's scripts, a log of every ph-load and ph-error (they bubble out of shadow roots). */
export async function recordLoads(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const log: string[] = [];
    (window as unknown as { phLoads: string[] }).phLoads = log;
    for (const type of ['ph-load', 'ph-error']) {
      document.addEventListener(type, (event) => {
        const target = event.target as Element;
        if (target.localName === 'ph-endpoint-chart') log.push(`${type} ${target.getAttribute('name')}`);
      });
    }
  });
}

/**
 * A live story is done when every `<ph-endpoint-chart>` in it loaded real data (after `recordLoads`):
 * each fired ph-load (never ph-error) and shows a view holding a non-empty result.
 */
export async function checkLiveStory(page: Page, base: string, id: string): Promise<string[]> {
  await checkStory(page, base, id);
  const charts = await page.$$eval('#storybook-root ph-endpoint-chart', (els) => els.length);
  if (charts === 0) throw new Error('the live story holds no <ph-endpoint-chart>');
  await page.waitForFunction(
    (n) => (window as unknown as { phLoads: string[] }).phLoads.length >= n,
    { timeout: 60_000 },
    charts,
  );
  const events = await page.evaluate(() => (window as unknown as { phLoads: string[] }).phLoads);
  const failed = events.filter((e) => e.startsWith('ph-error'));
  if (failed.length) throw new Error(`not loaded: ${failed.join(', ')}`);
  await settleElements(page, '#storybook-root');
  const views = await page.$$eval('#storybook-root ph-endpoint-chart', (els) =>
    els.map((chart) => {
      const view = chart.shadowRoot?.querySelector('[part~="chart"]') as
        (Element & { result?: { results?: unknown } }) | null | undefined;
      const results = view?.result?.results;
      const rows = Array.isArray(results) ? results.length : results ? 1 : 0;
      return { name: chart.getAttribute('name') ?? '', view: view?.localName ?? 'none', rows };
    }),
  );
  const blank = views.filter((v) => v.view === 'none' || v.rows === 0);
  if (blank.length) throw new Error(`no data shown: ${blank.map((v) => `${v.name} (${v.view})`).join(', ')}`);
  return views.map((v) => `${v.name} -> ${v.view} (${v.rows} rows)`);
}
