/**
 * Pure derivation of what `<ph-funnel-chart>` shows from a FunnelsQuery run response, for each of
 * PostHog's funnel visualisations: conversion steps (flat, or one funnel per breakdown value), the
 * time-to-convert histogram and conversion trends. Every ratio with a zero or missing base is
 * `null`, never NaN or Infinity; the view shows those as a dash.
 */
import type {
  FunnelStep,
  FunnelTimeToConvert,
  FunnelVizType,
  RunResponse,
  TrendsSeries,
} from '../../data/types.js';
import { isFiniteNumber, isRecord } from '../../format/index.js';
import { breakdownText } from '../big-number/breakdown-text.js';
import type { PhStrings } from '../../internal/strings.js';

export type FunnelText = Pick<PhStrings, 'breakdownOther' | 'breakdownNone' | 'step' | 'conversionRate'>;

/** One step of one funnel, with the numbers PostHog's funnel shows beside its bar. */
export interface FunnelStepView {
  readonly name: string;
  readonly count: number | null;
  /** Ratios in 0..1; `null` where the base is 0 or missing. */
  readonly fromFirst: number | null;
  readonly fromPrevious: number | null;
  /** Who reached the previous step but not this one; `null` on the first step. */
  readonly dropOff: number | null;
  readonly dropOffRate: number | null;
  /** Seconds; `null` on the first step. */
  readonly median: number | null;
  readonly average: number | null;
}

/** One funnel: the whole result, or one breakdown value's steps. */
export interface FunnelSeriesView {
  /** Position in `result.results`: picks the colour and keys legend toggles. */
  readonly key: number;
  /** The breakdown value as text; empty for a funnel without breakdown. */
  readonly name: string;
  readonly steps: readonly FunnelStepView[];
}

export interface FunnelStepsView {
  readonly kind: 'steps';
  readonly breakdown: boolean;
  /** Step names, from the first funnel that has the most steps. */
  readonly stepNames: readonly string[];
  readonly series: readonly FunnelSeriesView[];
}

export interface HistogramBin {
  /** Seconds; `to` is null for a lone bin, whose width is unknown. */
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
  /** Share of all conversions, 0..1; `null` when nobody converted. */
  readonly share: number | null;
}

export interface FunnelHistogramView {
  readonly kind: 'time_to_convert';
  readonly average: number | null;
  readonly total: number;
  readonly bins: readonly HistogramBin[];
}

export interface FunnelTrendsView {
  readonly kind: 'trends';
  readonly days: readonly string[];
  /** Conversion rates in percent (0..100), one per day; `null` is a gap. */
  readonly series: ReadonlyArray<{ key: number; name: string; values: ReadonlyArray<number | null> }>;
}

export type FunnelView = FunnelStepsView | FunnelHistogramView | FunnelTrendsView;

const ratio = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole <= 0 ? null : part / whole;

const finite = (value: unknown): number | null => (isFiniteNumber(value) ? value : null);

/** Which visualisation the results are: their shape decides, since each has its own. */
export function funnelKind(results: unknown, display: string | undefined): FunnelVizType {
  if (isRecord(results) && Array.isArray(results.bins)) return 'time_to_convert';
  if (Array.isArray(results)) {
    const first = results.find((item) => item !== null && item !== undefined);
    if (isRecord(first) && Array.isArray(first.data) && Array.isArray(first.days)) return 'trends';
    if (first !== undefined) return 'steps';
  }
  return display === 'time_to_convert' || display === 'trends' ? display : 'steps';
}

function stepName(step: FunnelStep, position: number, text: FunnelText): string {
  return step.custom_name || step.name || `${text.step} ${position + 1}`;
}

/** The numbers of each step of one funnel, in step order. */
export function stepMetrics(steps: readonly FunnelStep[], text: FunnelText): FunnelStepView[] {
  const first = finite(steps[0]?.count);
  return steps.map((step, i) => {
    const count = finite(step.count);
    if (i === 0) {
      return {
        name: stepName(step, i, text),
        count,
        fromFirst: ratio(count, first),
        fromPrevious: ratio(count, first),
        dropOff: null,
        dropOffRate: null,
        median: null,
        average: null,
      };
    }
    const previous = finite(steps[i - 1]?.count);
    const dropOff = count === null || previous === null ? null : Math.max(previous - count, 0);
    return {
      name: stepName(step, i, text),
      count,
      fromFirst: ratio(count, first),
      fromPrevious: ratio(count, previous),
      dropOff,
      dropOffRate: ratio(dropOff, previous),
      median: finite(step.median_conversion_time),
      average: finite(step.average_conversion_time),
    };
  });
}

function byOrder(steps: readonly unknown[]): FunnelStep[] {
  const records = steps.filter(isRecord) as FunnelStep[];
  // PostHog sends steps in order; sorting by `order` only guards against a reordered proxy answer.
  return records
    .map((step, position) => ({ step, position }))
    .sort((a, b) => (a.step.order ?? a.position) - (b.step.order ?? b.position) || a.position - b.position)
    .map(({ step }) => step);
}

function stepsView(results: readonly unknown[], text: FunnelText): FunnelStepsView {
  const breakdown = results.some(Array.isArray);
  const funnels = breakdown
    ? results.map((item, key) => ({ key, steps: byOrder(Array.isArray(item) ? item : []) }))
    : [{ key: 0, steps: byOrder(results) }];
  const series = funnels
    .filter(({ steps }) => steps.length > 0)
    .map(({ key, steps }) => ({
      key,
      name: breakdown ? (breakdownText(steps[0]?.breakdown_value, text) ?? text.breakdownNone) : '',
      steps: stepMetrics(steps, text),
    }));
  const longest = series.reduce<FunnelSeriesView | undefined>(
    (best, s) => (!best || s.steps.length > best.steps.length ? s : best),
    undefined,
  );
  return { kind: 'steps', breakdown, stepNames: longest?.steps.map((s) => s.name) ?? [], series };
}

function histogramView(results: FunnelTimeToConvert): FunnelHistogramView {
  const pairs = results.bins
    .filter((bin) => Array.isArray(bin) && isFiniteNumber(bin[0]))
    .map(([from, count]) => ({ from: Math.max(0, from), count: finite(count) ?? 0 }));
  const total = pairs.reduce((sum, bin) => sum + Math.max(0, bin.count), 0);
  // Bins are equally wide: the next bin's start ends this one, and the last is as wide as the others.
  const width = pairs.length > 1 ? pairs[1]!.from - pairs[0]!.from : null;
  const bins = pairs.map((bin, i) => ({
    ...bin,
    to: pairs[i + 1]?.from ?? (width !== null && width > 0 ? bin.from + width : null),
    share: total > 0 ? bin.count / total : null,
  }));
  return { kind: 'time_to_convert', average: finite(results.average_conversion_time), total, bins };
}

function trendsView(results: readonly unknown[], text: FunnelText): FunnelTrendsView {
  const rows = results.filter(isRecord) as unknown as TrendsSeries[];
  const valid = rows
    .map((row, key) => ({ row, key }))
    .filter(({ row }) => Array.isArray(row.data) && Array.isArray(row.days));
  const days = valid.reduce<string[]>(
    (longest, { row }) => (row.days.length > longest.length ? row.days : longest),
    [],
  );
  return {
    kind: 'trends',
    days,
    series: valid.map(({ row, key }) => ({
      key,
      name: breakdownText(row.breakdown_value, text) ?? text.conversionRate,
      values: days.map((_, i) => finite(row.data[i])),
    })),
  };
}

/** Builds the view, or undefined when there is no result to show. */
export function buildFunnelView(
  result: RunResponse | undefined,
  display: string | undefined,
  text: FunnelText,
): FunnelView | undefined {
  if (!result) return undefined;
  const { results } = result;
  const kind = funnelKind(results, display || result.display);
  if (kind === 'time_to_convert') {
    return isRecord(results) && Array.isArray(results.bins)
      ? histogramView(results as unknown as FunnelTimeToConvert)
      : { kind, average: null, total: 0, bins: [] };
  }
  const list = Array.isArray(results) ? results : [];
  return kind === 'trends' ? trendsView(list, text) : stepsView(list, text);
}

/** True when the view has nothing to draw. */
export function isEmptyFunnel(view: FunnelView): boolean {
  if (view.kind === 'time_to_convert') return view.bins.length === 0;
  if (view.kind === 'trends') return view.days.length === 0 || view.series.length === 0;
  return view.series.length === 0;
}
