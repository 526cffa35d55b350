/**
 * The one module that imports chart.js. It registers only the parts the views draw with, so the
 * bundle carries no unused controllers, scales or plugins (the `Colors` plugin is left out on
 * purpose: colours come from the theme tokens). Views that need more (bars, pie) add their
 * parts here. The chart controller loads this module on demand, which lets a bundler split
 * chart.js into its own chunk that tables and numbers never download.
 */
import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
  Filler,
);

export { Chart };
