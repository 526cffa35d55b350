/** Public exports. No side effects: import `./define.js` to register the tags. */
export { PhEndpointChart } from './components/endpoint-chart/endpoint-chart.js';
export { PhTrendsChart } from './components/trends-chart/trends-chart.js';
export type * from './data/types.js';
export { FetchClient } from './data/client.js';
export type { FetchClientOptions, PhClient, RequestOptions } from './data/client.js';
export { phClientContext } from './data/context.js';
export { PhApiError } from './data/errors.js';
export type { PhApiErrorInit, PhErrorCode } from './data/errors.js';
export { PhErrorEvent, PhLoadEvent, PhLoadStartEvent } from './events/index.js';
