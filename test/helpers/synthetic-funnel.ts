/** A time-to-convert funnel result no sample has, shared by the component tests, the stories and the CDN e2e. */
import type { FunnelTimeToConvert } from '../../src/data/types.js';

/** Six 4-hour bins and the upper edge, 120 conversions in all. */
export const TIME_TO_CONVERT: FunnelTimeToConvert = {
  average_conversion_time: 9000,
  bins: [
    [0, 60],
    [14400, 30],
    [28800, 15],
    [43200, 0],
    [57600, 10],
    [72000, 5],
    [86400, 0],
  ],
};
