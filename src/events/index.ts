export { PhLoadStartEvent } from './load-start.js';
export { PhLoadEvent } from './load.js';
export { PhErrorEvent } from './error.js';
