/**
 * The bench pages, as HTML strings. Both dashboards lay out the same twelve tiles in the same
 * grid; each page records `window.__done` (a `performance.now()` time) once every tile is drawn
 * and painted, which the runner measures from the navigation's first response byte.
 */
import { TILES } from './tiles.js';

const GRID_STYLE = `
  body { margin: 0; font-family: system-ui, sans-serif; }
  .grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; padding: 16px; }
  .tile { min-width: 0; }
`;

/** Resolves after the next two frames: the last changes have been painted. */
const PAINTED = 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))';

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** ph-embed: twelve `<ph-endpoint-chart>` tags and the CDN bundle, as a customer writes them. */
export function embedDashboard(): string {
  const tiles = TILES.map((tile) => {
    const variables = tile.variables ? ` variables="${escapeAttribute(JSON.stringify(tile.variables))}"` : '';
    return `<ph-endpoint-chart class="tile" name="${tile.name}" chart-title="${tile.title}"${variables}></ph-endpoint-chart>`;
  }).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ph-embed dashboard</title>
  <style>${GRID_STYLE}</style>
  <script>
    // Listening before the bundle runs, so no ph-load can pass unseen.
    window.__allLoaded = new Promise((resolve) => {
      let loads = 0;
      document.addEventListener('ph-load', () => { if (++loads === ${TILES.length}) resolve(); });
      document.addEventListener('ph-error', (event) => { window.__error = String(event.error && event.error.message); });
    });
  </script>
  <script type="module" src="/ph-embed.js"></script>
</head>
<body>
  <main class="grid">
    ${tiles}
  </main>
  <script type="module">
    await window.__allLoaded;
    const charts = [...document.querySelectorAll('ph-endpoint-chart')];
    // Each view's updateComplete includes its chart being drawn (chart.js loads lazily).
    await Promise.all(charts.map(async (chart) => {
      await chart.updateComplete;
      await chart.shadowRoot.querySelector('[part~="chart"]')?.updateComplete;
    }));
    await ${PAINTED};
    window.__drawn = charts.filter((chart) => chart.shadowRoot.querySelector('[part~="chart"]')?.shadowRoot).length;
    window.__done = performance.now();
  </script>
</body>
</html>`;
}

/** The same dashboard written by hand with plain chart.js (see hand-page.ts). */
export function handDashboard(): string {
  const tiles = TILES.map(
    (tile) =>
      `<section class="tile" data-name="${tile.name}" data-variables="${escapeAttribute(JSON.stringify(tile.variables ?? {}))}"><h3>${tile.title}</h3></section>`,
  ).join('\n    ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>chart.js dashboard</title>
  <style>${GRID_STYLE}
  .box { position: relative; height: 300px; }
  .number { font-size: 3rem; font-weight: 600; }
  .scroll { max-height: 300px; overflow: auto; }
  table { border-collapse: collapse; font-size: 0.8rem; }
  td, th { padding: 2px 6px; border-bottom: 1px solid #ddd; text-align: right; }
  </style>
  <script type="module" src="/hand.js"></script>
</head>
<body>
  <main class="grid">
    ${tiles}
  </main>
</body>
</html>`;
}

/** One `<ph-trends-chart>` fed `points` points, timed from setting `.result` to the painted chart. */
export function bigSeriesPage(points: number, runs: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>100k points</title><script type="module" src="/ph-embed.js"></script></head>
<body>
  <script type="module">
    await customElements.whenDefined('ph-trends-chart');
    const day = (i) => new Date(Date.UTC(2000, 0, 1) + i * 86400000).toISOString().slice(0, 10);
    const series = (n) => {
      const days = Array.from({ length: n }, (_, i) => day(i));
      // A noisy wave, so min-max decimation has real peaks to keep.
      const data = Array.from({ length: n }, (_, i) => Math.round(1000 + 800 * Math.sin(i / 500) + ((i * 7919) % 200)));
      return {
        name: 'big', kind: 'TrendsQuery', display: 'ActionsLineGraph',
        results: [{ label: 'pageviews', data, days, labels: days, count: 0 }],
        meta: { cache: 'miss', age_s: 0, upstream_ms: 0 },
      };
    };
    async function draw(result) {
      const view = document.createElement('ph-trends-chart');
      view.setAttribute('theme', 'light');
      view.setAttribute('locale', 'en-US');
      view.style.cssText = 'display: block; width: 1200px';
      document.body.append(view);
      const started = performance.now();
      view.result = result;
      await view.updateComplete;
      await ${PAINTED};
      const ms = performance.now() - started;
      const drew = Boolean(view.shadowRoot.querySelector('canvas'));
      view.remove();
      return { ms, drew };
    }
    // The first chart loads chart.js (a lazy chunk); that is not the drawing being measured.
    await draw(series(10));
    const big = series(${points});
    const times = [];
    for (let i = 0; i < ${runs}; i++) {
      const { ms, drew } = await draw(big);
      if (!drew) { window.__error = 'no canvas was drawn'; break; }
      times.push(ms);
    }
    window.__big = times;
  </script>
</body>
</html>`;
}
