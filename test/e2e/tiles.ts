import type { Page } from 'puppeteer-core';

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
 * Waits until every tile's view has drawn: each canvas painted (chart.js draws over a few frames)
 * and each view showing text. Then reports what each tile shows.
 */
export async function reportTiles(page: Page, timeout = 15_000): Promise<TileReport[]> {
  const read = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('ph-endpoint-chart')].map((chart) => {
        const view = chart.shadowRoot?.querySelector('[part~="chart"]');
        const canvases = [...(view?.shadowRoot?.querySelectorAll('canvas') ?? [])];
        const painted = canvases.filter((canvas) => {
          if (canvas.width === 0 || canvas.height === 0) return false;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) count += 1;
          return count > 500;
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
    );
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('ph-endpoint-chart')].every((chart) => {
        const view = chart.shadowRoot?.querySelector('[part~="chart"]');
        if (!view?.shadowRoot) return false;
        return [...view.shadowRoot.querySelectorAll('canvas')].every((canvas) => {
          if (canvas.width === 0) return false;
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; pixels && i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
          return false;
        });
      }),
    { timeout },
  );
  return read();
}
