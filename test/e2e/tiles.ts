import type { ElementHandle, Page } from 'puppeteer-core';

/** What one `<ph-endpoint-chart>` showed once its run ended. */
export interface TileReport {
  name: string;
  /** The view element it picked, e.g. `ph-funnel-chart`. */
  view: string | undefined;
  /** Canvases in the view, and how many of them have painted pixels. */
  canvases: number;
  painted: number;
  /** Visible text in the view's shadow root (numbers, table cells, step names). */
  text: string;
}

/**
 * Installs, before any page script runs, a recorder of every `ph-load` and `ph-error`: both bubble
 * out of the shadow roots, so the document hears them all.
 */
export async function recordChartEvents(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { phEvents: string[] };
    w.phEvents = [];
    for (const type of ['ph-load', 'ph-error']) {
      document.addEventListener(type, (e) => {
        const target = e.target as Element;
        if (target.localName === 'ph-endpoint-chart')
          w.phEvents.push(`${type}:${target.getAttribute('name')}`);
      });
    }
  });
}

/** Waits until every tile on the page has finished a run (loaded or failed); returns the events. */
export async function waitForEveryTile(page: Page, timeout = 30_000): Promise<string[]> {
  const tiles = await page.$$eval('ph-endpoint-chart', (els) => els.length);
  await page.waitForFunction(
    (n) => (window as unknown as { phEvents: string[] }).phEvents.length >= n,
    { timeout },
    tiles,
  );
  return page.evaluate(() => (window as unknown as { phEvents: string[] }).phEvents);
}

/**
 * A canvas counts as painted past this many drawn pixels: chart.js draws over a few frames, and a few
 * stray pixels are no chart.
 */
const PAINTED_PIXELS = 500;

/** Waits until at least `canvases` canvases in the view's shadow root are painted. */
export async function waitForPaint(
  page: Page,
  view: ElementHandle,
  canvases: number,
  timeout = 15_000,
): Promise<void> {
  await page.waitForFunction(
    (el, n, threshold) =>
      [...(el.shadowRoot?.querySelectorAll('canvas') ?? [])].filter((canvas) => {
        if (canvas.width === 0 || canvas.height === 0) return false;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) count += 1;
        return count > threshold;
      }).length >= n,
    { timeout },
    view,
    canvases,
    PAINTED_PIXELS,
  );
}

/**
 * Waits until every tile's view has drawn, each of its canvases painted as `waitForPaint` sees it, then
 * reports what each tile shows.
 */
export async function reportTiles(page: Page, timeout = 15_000): Promise<TileReport[]> {
  for (const chart of await page.$$('ph-endpoint-chart')) {
    const view = (await page.waitForFunction(
      (el) => {
        const found = el.shadowRoot?.querySelector('[part~="chart"]');
        return found?.shadowRoot ? found : false;
      },
      { timeout },
      chart,
    )) as ElementHandle;
    // Counted once the view has rendered, so a view not drawn yet is not taken for one without canvases.
    const canvases = await view.evaluate(async (el) => {
      await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
      return el.shadowRoot!.querySelectorAll('canvas').length;
    });
    await waitForPaint(page, view, canvases, timeout);
  }
  return page.evaluate(
    (threshold) =>
      [...document.querySelectorAll('ph-endpoint-chart')].map((chart) => {
        const view = chart.shadowRoot?.querySelector('[part~="chart"]');
        const canvases = [...(view?.shadowRoot?.querySelectorAll('canvas') ?? [])];
        const painted = canvases.filter((canvas) => {
          if (canvas.width === 0 || canvas.height === 0) return false;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) count += 1;
          return count > threshold;
        }).length;
        return {
          name: chart.getAttribute('name') ?? '',
          view: view?.localName,
          canvases: canvases.length,
          painted,
          text:
            (view?.shadowRoot as unknown as HTMLElement | null)?.textContent?.replace(/\s+/g, ' ').trim() ??
            '',
        };
      }),
    PAINTED_PIXELS,
  );
}
