/**
 * A LifecycleQuery answer shaped like PostHog's lifecycle runner, one series per status. No sample
 * endpoint is a lifecycle, so the numbers are made up; shared by the component tests, the stories and
 * the CDN e2e, and free of DOM and chart.js so Node can import it too.
 */
import { dailyDays } from './synthetic-trends.js';
import type { LifecycleStatus } from '../../src/components/lifecycle-chart/lifecycle-data.js';
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

export type LifecycleCounts = Record<LifecycleStatus, readonly number[]>;

/** Four days per status; dormant is negative, as PostHog sends it. */
const LIFECYCLE_COUNTS: LifecycleCounts = {
  new: [5, 8, 0, 12],
  returning: [20, 22, 25, 24],
  resurrecting: [3, 0, 4, 2],
  dormant: [-6, -9, -2, -7],
};

interface LifecycleOptions {
  /** Put `status` on each series (the default); false leaves it off, so a view must read it from the label. */
  withStatus?: boolean;
  /** Send dormant positive, as a source might, so a view must put it below the axis itself. */
  flipDormant?: boolean;
  counts?: LifecycleCounts;
  /** One per count; daily from 2024-01-01 when left out. */
  days?: string[];
}

/** The series in `order` (PostHog's by default). */
export function lifecycleResult(
  order: LifecycleStatus[] = ['new', 'returning', 'resurrecting', 'dormant'],
  { withStatus = true, flipDormant = false, counts = LIFECYCLE_COUNTS, days }: LifecycleOptions = {},
): RunResponse<TrendsSeries[]> {
  const axis = days ?? dailyDays(counts.new.length);
  return {
    name: 'lifecycle',
    kind: 'LifecycleQuery',
    results: order.map((status) => ({
      label: `$pageview - ${status}`,
      data: status === 'dormant' && flipDormant ? counts[status].map((v) => -v) : [...counts[status]],
      days: axis,
      labels: axis,
      count: counts[status].reduce((a, b) => a + b, 0),
      action: { name: '$pageview', order: 0 },
      ...(withStatus ? { status } : {}),
    })),
    meta: { cache: 'miss', age_s: 0, upstream_ms: 1 },
  };
}
