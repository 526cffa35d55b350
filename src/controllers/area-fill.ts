/**
 * A tiny replacement for chart.js's Filler plugin (2.5 KB gzip that the budget cannot spare). It
 * fills under line datasets whose `areaFill` is `'origin'` (down to the zero line) or `'stack'`
 * (down to the previous visible filled line of the same `stack`, so stacked areas sit on each
 * other; the first one goes to zero) in the dataset's `backgroundColor`. Gaps (null points) break
 * the fill as they break the line. Its own dataset key, not `fill`: chart.js warns about `fill`
 * without its Filler. Register it per chart through the config's `plugins: [areaFill]`, never
 * globally: bar charts must not pay for it.
 */
import type { Chart, ChartArea, Plugin } from 'chart.js';

/** The dataset key this plugin reads. */
export interface AreaFillDataset {
  areaFill?: 'origin' | 'stack' | false;
}

/** What the fill reads of a chart.js point element. */
interface FillPoint {
  x: number;
  y: number;
  skip?: boolean;
}

function clamp(value: number, area: ChartArea): number {
  return Math.min(Math.max(value, area.top), area.bottom);
}

/** One closed shape per run of points without a gap: along the line, then back along the base. */
function fillRuns(
  ctx: CanvasRenderingContext2D,
  points: readonly FillPoint[],
  base: readonly FillPoint[] | undefined,
  zero: number,
): void {
  let run: number[] = [];
  const close = () => {
    if (run.length > 1) {
      ctx.beginPath();
      run.forEach((i, n) =>
        n === 0 ? ctx.moveTo(points[i]!.x, points[i]!.y) : ctx.lineTo(points[i]!.x, points[i]!.y),
      );
      for (const i of [...run].reverse()) {
        const below = base?.[i];
        ctx.lineTo(points[i]!.x, below && !below.skip ? below.y : zero);
      }
      ctx.closePath();
      ctx.fill();
    }
    run = [];
  };
  points.forEach((point, i) => (point.skip || !Number.isFinite(point.y) ? close() : run.push(i)));
  close();
}

export const areaFill: Plugin<'line'> = {
  id: 'phAreaFill',
  // Before the datasets: lines and points are drawn over their own fill.
  beforeDatasetsDraw(chart: Chart<'line'>) {
    const { ctx, chartArea, scales } = chart;
    const y = scales['y'];
    if (!y || !chartArea) return;
    const zero = clamp(y.getPixelForValue(0), chartArea);
    // Stacks are per `stack` id: a previous period stacks apart from the current one.
    const below = new Map<unknown, FillPoint[]>();
    ctx.save();
    ctx.beginPath();
    ctx.rect(
      chartArea.left,
      chartArea.top,
      chartArea.right - chartArea.left,
      chartArea.bottom - chartArea.top,
    );
    ctx.clip();
    chart.data.datasets.forEach((dataset, i) => {
      const fill = (dataset as AreaFillDataset).areaFill;
      if (!fill || !chart.isDatasetVisible(i)) return;
      const points = chart.getDatasetMeta(i).data as unknown as FillPoint[];
      // A decimated neighbour has other points: fall back to the zero line rather than mismatch.
      const under = below.get(dataset.stack);
      const base = fill === 'stack' && under?.length === points.length ? under : undefined;
      ctx.fillStyle = String(dataset.backgroundColor);
      fillRuns(ctx, points, base, zero);
      if (fill === 'stack') below.set(dataset.stack, points);
    });
    ctx.restore();
  },
};
