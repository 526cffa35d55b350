/** Public exports. No side effects: import `./define.js` to register the tags. */
export { PhEndpointChart } from './components/endpoint-chart/endpoint-chart.js';
export { PhTrendsChart } from './components/trends-chart/trends-chart.js';
export type * from './data/types.js';
