/** Public exports. No side effects: import `./define.js` to register the tags. */
export { PhEndpointChart } from './components/endpoint-chart/endpoint-chart.js';
export { PhEndpointProvider } from './components/endpoint-provider/endpoint-provider.js';
export { PhTrendsChart } from './components/trends-chart/trends-chart.js';
export { PhLifecycleChart } from './components/lifecycle-chart/lifecycle-chart.js';
export { PhRetentionTable } from './components/retention-table/retention-table.js';
export type { MeanCalculation } from './components/retention-table/retention-data.js';
export { PhDataTable } from './components/data-table/data-table.js';
export { PhBigNumber } from './components/big-number/big-number.js';
export { PhFunnelChart } from './components/funnel-chart/funnel-chart.js';
export type * from './data/types.js';
export { FetchClient } from './data/client.js';
export type { FetchClientOptions, PhClient, RequestOptions } from './data/client.js';
export { phClientContext, phDefaultsContext } from './data/context.js';
export type { PhEmbedDefaults } from './data/context.js';
export { PhApiError } from './data/errors.js';
export type { PhApiErrorInit, PhErrorCode } from './data/errors.js';
export type { TokenProvider } from './data/token-source.js';
export {
  PhErrorEvent,
  PhLoadEvent,
  PhLoadStartEvent,
  PhPageRequestEvent,
  PhPointClickEvent,
} from './events/index.js';
export type { PointClickDetail } from './events/index.js';
export type { PhStrings } from './internal/strings.js';
