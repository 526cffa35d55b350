/**
 * Pure derivation of what `<ph-big-number>` shows from a BoldNumber run response: one number per
 * series, and, when the result compares periods, the previous value and the change. No DOM, so
 * every edge (null previous, zero previous, hidden series) is cheap to test.
 */
import type { DisplayFormat, RunResponse, TrendsSeries } from '../../data/types.js';
import { isFiniteNumber } from '../../format/index.js';
import { breakdownText } from './breakdown-text.js';
import type { BucketNames } from './breakdown-text.js';

/** How the current value moved against the previous one. */
export type BigNumberChange =
  /** No comparison in this result. */
  | { kind: 'none' }
  /** A value is missing (previous `null`, say): no percentage can be given. */
  | { kind: 'missing' }
  /** The previous value was 0 and the current one is not: a percentage would be infinite. */
  | { kind: 'new' }
  /** Both are 0. */
  | { kind: 'unchanged' }
  /** A finite percentage; `percent` is signed (12.5 means +12.5%). */
  | { kind: 'percent'; percent: number; direction: 'up' | 'down' | 'flat' };

export interface BigNumberItem {
  /** Position in `result.results`: keys `format.customNames` and the `ph-point-click` series index. */
  readonly index: number;
  readonly name: string;
  readonly value: number | null;
  /** The matched previous-period value; undefined when the result does not compare. */
  readonly previous: number | null | undefined;
  readonly change: BigNumberChange;
}

export interface BigNumberView {
  readonly items: readonly BigNumberItem[];
  /** True when the result compares periods, so every item has a `previous` and a `change`. */
  readonly compared: boolean;
  readonly format: DisplayFormat | undefined;
}

type Indexed = { series: TrendsSeries; index: number };

/**
 * The number a series stands for: `aggregated_value`; without one, `count`; else the sum of its
 * points. An explicit `aggregated_value: null` (PostHog's "no previous period") stays null unless
 * the series has points to add up, so it never turns into a misleading 0.
 */
export function seriesValue(series: TrendsSeries): number | null {
  if (isFiniteNumber(series.aggregated_value)) return series.aggregated_value;
  if (series.aggregated_value === undefined && isFiniteNumber(series.count)) return series.count;
  const points = Array.isArray(series.data) ? series.data.filter(isFiniteNumber) : [];
  return points.length > 0 ? points.reduce((sum, point) => sum + point, 0) : null;
}

/** Saved custom name, else the event's custom name, label or name, with its breakdown value. */
function itemName(
  series: TrendsSeries,
  index: number,
  format: DisplayFormat | undefined,
  names: BucketNames,
): string {
  const custom = format?.customNames?.[String(index)];
  if (custom) return custom;
  const event = series.action?.custom_name || series.label || series.action?.name || `#${index + 1}`;
  const breakdown = breakdownText(series.breakdown_value, names);
  return breakdown ? `${event} - ${breakdown}` : event;
}

/** What makes two series "the same" across periods: event, math, custom name and breakdown. */
function identity(series: TrendsSeries): string {
  const { action } = series;
  return JSON.stringify([
    action?.order ?? null,
    action?.name ?? series.label ?? null,
    action?.math ?? null,
    action?.custom_name ?? null,
    series.breakdown_value ?? null,
  ]);
}

/**
 * Splits series into current ones, each with its previous-period twin or none. PostHog marks
 * compare results with `compare_label`; older answers (and the BoldNumber compare sample) only
 * send the previous period as a second, otherwise identical series; `compare: true` without
 * labels means the first half is current and the second half previous.
 */
function pairPeriods(all: readonly Indexed[]): {
  pairs: Array<{ current: Indexed; previous: Indexed | undefined }>;
  compared: boolean;
} {
  if (all.some(({ series }) => series.compare_label)) {
    const previous = all.filter(({ series }) => series.compare_label === 'previous');
    const current = all.filter(({ series }) => series.compare_label !== 'previous');
    const pairs = current.map((item, position) => ({
      current: item,
      previous:
        previous.find((p) => identity(p.series) === identity(item.series)) ??
        (previous.length === current.length ? previous[position] : undefined),
    }));
    return { pairs, compared: previous.length > 0 };
  }
  const half = all.length / 2;
  if (all.length >= 2 && all.length % 2 === 0 && all.every(({ series }) => series.compare === true)) {
    return {
      pairs: all.slice(0, half).map((current, i) => ({ current, previous: all[half + i] })),
      compared: true,
    };
  }
  const [first, second] = all;
  if (all.length === 2 && first && second && identity(first.series) === identity(second.series)) {
    return { pairs: [{ current: first, previous: second }], compared: true };
  }
  return { pairs: all.map((current) => ({ current, previous: undefined })), compared: false };
}

/** The change from `previous` to `value`; never NaN or Infinity. */
export function changeBetween(value: number | null, previous: number | null | undefined): BigNumberChange {
  if (previous === undefined) return { kind: 'none' };
  if (value === null || previous === null) return { kind: 'missing' };
  if (previous === 0) return value === 0 ? { kind: 'unchanged' } : { kind: 'new' };
  // Divide by the magnitude, so -10 -> -5 reads as up, like the arrow.
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  if (!Number.isFinite(percent)) return { kind: 'missing' };
  return { kind: 'percent', percent, direction: percent > 0 ? 'up' : percent < 0 ? 'down' : 'flat' };
}

/** Builds the view, or undefined when there is no result to show. */
export function buildBigNumberView(
  result: RunResponse<TrendsSeries[]> | undefined,
  names: BucketNames,
): BigNumberView | undefined {
  if (!result) return undefined;
  const format = result.format;
  const hidden = new Set(format?.hidden ?? []);
  const all = (Array.isArray(result.results) ? result.results : [])
    .map((series, index) => ({ series, index }))
    .filter(({ series }) => typeof series === 'object' && series !== null);
  const { pairs, compared } = pairPeriods(all);
  const items = pairs
    .filter(({ current }) => !hidden.has(current.index))
    .map(({ current, previous }) => {
      const value = seriesValue(current.series);
      const previousValue = compared ? (previous ? seriesValue(previous.series) : null) : undefined;
      return {
        index: current.index,
        name: itemName(current.series, current.index, format, names),
        value,
        previous: previousValue,
        change: changeBetween(value, previousValue),
      };
    });
  return { items, compared, format };
}
