/**
 * The one module that imports chart.js. It registers only what the views draw with: line and bar
 * controllers and elements, points, the linear and category scales, and decimation for long
 * series. No Legend, Tooltip or Filler plugin and no pie parts: legends and tooltips are HTML
 * (`chart-legend.ts`, `chart-tooltip.ts`), area fills a tiny per-chart plugin (`area-fill.ts`)
 * and pies SVG, which keeps the kit inside its 80 KB budget (DESIGN.md section 10). `Colors` is
 * left out on purpose: colours come from the theme tokens. The chart controller loads this
 * module on demand, so a bundler splits chart.js into a chunk tables and numbers never download.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from 'chart.js';

Chart.register(
  LineController,
  BarController,
  LineElement,
  BarElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Decimation,
);

export { Chart };
