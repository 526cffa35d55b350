// What "renders" means for each kind of Storybook entry the smoke test opens. Each check resolves when
// the page reached the state and throws when it did not; console errors are collected by the caller.
import type { Page } from 'puppeteer-core';
import { waitForEveryTile } from '../test/e2e/tiles.js';
import type { DocumentedRow } from './smoke-manifest.js';

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

/** Description text as the args table shows it: Markdown code spans lose their backticks. */
const asShown = (description: string) => description.replace(/`/g, '').replace(/\s+/g, ' ').trim();

/**
 * A docs page has rendered when it shows its stories and an args table naming everything the element
 * documents in custom-elements.json (`expected`, from smoke-manifest.ts), each with the manifest's
 * description: a story's argType that retypes one replaces it on the page.
 */
export async function checkDocs(
  page: Page,
  base: string,
  id: string,
  expected: DocumentedRow[],
): Promise<void> {
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=docs`, { waitUntil: 'load' });
  await page.waitForSelector('#storybook-docs .docblock-argstable tbody tr', { timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('#storybook-docs .docs-story [id] *'), {
    timeout: TIMEOUT,
  });
  await settleElements(page, '#storybook-docs');
  // The description is the first block of the second cell; the type summary follows it.
  const listed = await page.$$eval('#storybook-docs .docblock-argstable tbody tr', (rows) =>
    rows.map((row) => ({
      name: row.querySelector('td:first-child')?.textContent?.trim() ?? '',
      description: row.querySelector('td:nth-child(2) > div:first-child')?.textContent ?? '',
    })),
  );
  const missing = expected.filter(({ name }) => !listed.some((row) => row.name === name));
  if (missing.length)
    throw new Error(`the args table does not list ${missing.map((r) => r.name).join(', ')}`);
  const retyped = expected.filter(
    ({ name, description }) =>
      description !== '' &&
      !listed.some((row) => row.name === name && asShown(row.description) === asShown(description)),
  );
  if (retyped.length) {
    throw new Error(
      `the args table does not show the manifest's description of ${retyped.map((r) => r.name).join(', ')}`,
    );
  }
}

/**
 * A live story is done when every `<ph-endpoint-chart>` in it loaded real data (after
 * `recordChartEvents` from test/e2e/tiles.ts): each fired ph-load (never ph-error) and shows a view
 * holding a non-empty result.
 */
export async function checkLiveStory(page: Page, base: string, id: string): Promise<string[]> {
  await checkStory(page, base, id);
  const charts = await page.$$eval('#storybook-root ph-endpoint-chart', (els) => els.length);
  if (charts === 0) throw new Error('the live story holds no <ph-endpoint-chart>');
  const events = await waitForEveryTile(page, 60_000);
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
