import type { SkeletonShape } from './view-for-result.js';

let preloading: Promise<unknown> | undefined;

/**
 * Starts loading chart.js (its own chunk, which the chart controller imports on the first chart)
 * while the first answer is on its way, so the chunk is not fetched and compiled only after the
 * data has arrived. Skipped when the coming view is known to be a number or a table, which draw
 * without chart.js; a first answer of unknown kind is most likely a chart.
 */
export function preloadChartsFor(shape: SkeletonShape): void {
  if (preloading || shape === 'number' || shape === 'table') return;
  preloading = import('../../controllers/chart-registry.js').catch(() => {
    // The chart controller retries the import itself when a chart needs it.
    preloading = undefined;
  });
}
