export { PhLoadStartEvent } from './load-start.js';
export { PhLoadEvent } from './load.js';
export { PhErrorEvent } from './error.js';
export { PhPointClickEvent } from './point-click.js';
export { PhPageRequestEvent } from './page-request.js';
export type { PointClickDetail } from './point-click.js';
