/**
 * A LifecycleQuery result as a trends view: one stacked bar series per status, in status order
 * (new, returning, resurrecting, dormant), named and coloured by status, dormant below the axis.
 */
import { buildTrendsView } from '../trends-chart/trends-data.js';
import type { RunResponse, TrendsSeries } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';
import type { TrendsSeriesView, TrendsView, TrendsViewOptions } from '../trends-chart/trends-data.js';

export const STATUSES = ['new', 'returning', 'resurrecting', 'dormant'] as const;
export type LifecycleStatus = (typeof STATUSES)[number];

/** The colour token of each status; the element's styles define them from `--ph-color-lifecycle-*`. */
export const STATUS_TOKENS = STATUSES.map((status) => `--_lifecycle-${status}`);

const NAME_KEY: Record<LifecycleStatus, keyof PhStrings> = {
  new: 'lifecycleNew',
  returning: 'lifecycleReturning',
  resurrecting: 'lifecycleResurrecting',
  dormant: 'lifecycleDormant',
};

/** `status`, else the end of PostHog's label ("$pageview - dormant"). */
export function statusOf(series: TrendsSeries | undefined): LifecycleStatus | undefined {
  const status = series?.status ?? /(\w+)\s*$/.exec(series?.label ?? '')?.[1]?.toLowerCase();
  return STATUSES.find((known) => known === status);
}

export function buildLifecycleView(
  result: RunResponse<TrendsSeries[]> | undefined,
  options: Omit<TrendsViewOptions, 'display' | 'title' | 'arrange'>,
): TrendsView | undefined {
  const { text } = options;
  const arrange = (series: TrendsSeriesView[], results: readonly TrendsSeries[]) => {
    const events = new Set(results.map((raw) => raw?.action?.name ?? raw?.label?.replace(/\s*-\s*\w+$/, '')));
    const rank = (s: TrendsSeriesView) => {
      const status = statusOf(results[s.index]);
      return status ? STATUSES.indexOf(status) : STATUSES.length;
    };
    return [...series]
      .sort((a, b) => rank(a) - rank(b))
      .map((s): TrendsSeriesView => {
        const raw = results[s.index];
        const status = statusOf(raw);
        if (!status) return s;
        const name = text[NAME_KEY[status]];
        return {
          ...s,
          // Several events (rare) keep their event in the name, or "New" would repeat.
          name: events.size > 1 ? `${raw?.action?.name ?? raw?.label} - ${name}` : name,
          color: `--_lifecycle-${status}`,
          // Dormant users left: below the axis, whatever sign the source used.
          values: status === 'dormant' ? s.values.map((v) => (v === null ? null : -Math.abs(v))) : s.values,
        };
      });
  };
  return buildTrendsView(result, {
    ...options,
    display: 'ActionsStackedBar',
    title: text.lifecycleChart,
    arrange,
  });
}
