/**
 * TrendsQuery, answered as PostHog's trends runner does
 * (posthog/hogql_queries/insights/trends/trends_query_runner.py): one series object per series, per
 * breakdown value, and per period when comparing.
 */
import type { LocalDatabase } from '../db.js';
import {
  BREAKDOWN_OTHER,
  breakdownRank,
  compareText,
  DEFAULT_BREAKDOWN_LIMIT,
  readBreakdown,
} from './breakdown.js';
import { PreviousPeriodDateRange, QueryDateRange } from './dates.js';
import type { RunContext } from './context.js';
import {
  booleanAt,
  intervalOf,
  objectAt,
  oneOf,
  readSeries,
  refuseSet,
  seriesLabel,
  stringAt,
  unsupported,
  type EventsNode,
  type Json,
} from './input.js';
import { formatDay, formatLabel } from './labels.js';
import { querySeries, type SeriesRow } from './trends-sql.js';
import { DISPLAYS, effectiveMath, TOTAL_VALUE_DISPLAYS } from './trends-math.js';

export type TrendsResult = Array<Record<string, unknown>>;

const TRENDS_FILTER_REFUSED = ['formula', 'formulas', 'formulaNodes'];

export async function runTrends(db: LocalDatabase, query: Json, ctx: RunContext): Promise<TrendsResult> {
  refuseSet(query, ['aggregation_group_type_index', 'conversionGoal'], '');
  const trendsFilter = objectAt(query, 'trendsFilter', 'trendsFilter');
  refuseSet(trendsFilter, TRENDS_FILTER_REFUSED, 'trendsFilter.');
  const smoothing = trendsFilter.smoothingIntervals;
  if (typeof smoothing === 'number' && smoothing > 1)
    unsupported('trendsFilter.smoothingIntervals', smoothing);
  const display =
    oneOf(stringAt(trendsFilter, 'display', 'trendsFilter.display'), DISPLAYS, 'trendsFilter.display') ??
    'ActionsLineGraph';
  const compareFilter = objectAt(query, 'compareFilter', 'compareFilter');
  refuseSet(compareFilter, ['compare_to'], 'compareFilter.');
  const compare = booleanAt(compareFilter, 'compare', 'compareFilter.compare');

  const series = readSeries(query);
  const interval = intervalOf(query);
  const total = TOTAL_VALUE_DISPLAYS.includes(display);
  const breakdown = readBreakdown(query);
  const dateRange = objectAt(query, 'dateRange', 'dateRange');
  // Totals are counted over days whatever the stored interval (the interval still decides WAU -> DAU).
  const rangeInterval = total ? 'day' : interval;
  // A BoldNumber counts up to this moment, not to the end of today (trends_query_runner `exact_timerange`).
  const exact = display === 'BoldNumber';
  const current = new QueryDateRange(dateRange, rangeInterval, ctx.dates, exact);
  // The previous period keeps the stored interval even for totals, as PostHog's does.
  const ranges = compare
    ? [current, new PreviousPeriodDateRange(dateRange, interval, ctx.dates, exact)]
    : [current];

  const results: TrendsResult = [];
  for (const [periodIndex, range] of ranges.entries()) {
    for (const [order, node] of series.entries()) {
      const math = effectiveMath(node, interval);
      const rows = await querySeries(db, {
        node,
        math,
        range,
        total,
        cumulative: display === 'ActionsLineGraphCumulative',
        breakdown,
        breakdownLimit: display === 'WorldMap' ? 250 : (breakdown?.limit ?? DEFAULT_BREAKDOWN_LIMIT),
        properties: query.properties,
      });
      const shape: SeriesShape = {
        node,
        order,
        math,
        range,
        total,
        display,
        multiSeries: series.length > 1,
        breakdown: breakdown !== undefined,
      };
      const objects = breakdown ? breakdownSeries(rows, shape) : [seriesObject(rows, shape)];
      for (const object of objects) {
        if (compare)
          Object.assign(object, { compare: true, compare_label: periodIndex === 0 ? 'current' : 'previous' });
        if (!(breakdown?.hideOther && object.breakdown_value === BREAKDOWN_OTHER)) results.push(object);
      }
    }
  }
  return results;
}

interface SeriesShape {
  node: EventsNode;
  order: number;
  math: string | null;
  range: QueryDateRange;
  total: boolean;
  display: string;
  multiSeries: boolean;
  breakdown: boolean;
}

function breakdownSeries(rows: SeriesRow[], shape: SeriesShape): Array<Record<string, unknown>> {
  const byValue = new Map<string, SeriesRow[]>();
  for (const row of rows) {
    const key = row.breakdown ?? '';
    if (!byValue.has(key)) byValue.set(key, []);
    byValue.get(key)!.push(row);
  }
  const objects = [...byValue.entries()].map(([value, valueRows]) => {
    const object = seriesObject(valueRows, shape);
    object.label = shape.multiSeries ? `${object.label} - ${value}` : value;
    object.breakdown_value = value;
    return {
      object,
      value,
      size: shape.total ? (object.aggregated_value as number) : sum(object.data as number[]),
    };
  });
  // Real values first, then the null bucket, then Other; larger first; then by value.
  objects.sort(
    (a, b) =>
      breakdownRank(a.value) - breakdownRank(b.value) || b.size - a.size || compareText(a.value, b.value),
  );
  return objects.map(({ object }) => object);
}

function seriesObject(rows: SeriesRow[], shape: SeriesShape): Record<string, unknown> {
  const { node, range } = shape;
  const action = {
    id: node.event,
    type: 'events',
    order: shape.order,
    name: seriesLabel(node),
    custom_name: node.customName,
    math: shape.math,
    math_property: node.mathProperty,
    math_hogql: null,
    math_group_type_index: null,
    properties: {},
  };
  if (shape.total) {
    return {
      data: [],
      labels: [],
      days: [],
      count: 0,
      aggregated_value: sum(rows.map((r) => r.value)),
      label: seriesLabel(node),
      action,
      order: shape.order,
    };
  }
  const buckets = range.buckets();
  const byBucket = new Map(rows.map((row) => [row.bucket, row.value]));
  let data = buckets.map((bucket) => byBucket.get(bucket) ?? 0);
  const cumulative = shape.display === 'ActionsLineGraphCumulative';
  if (cumulative) data = runningTotal(data, !shape.breakdown);
  return {
    data,
    labels: buckets.map((bucket) => formatLabel(bucket, range)),
    days: buckets.map((bucket) => formatDay(bucket, range)),
    count: cumulative ? (data.at(-1) ?? 0) : sum(data),
    label: seriesLabel(node),
    action,
    // PostHog copies the series' order to the top level of each result.
    order: shape.order,
  };
}

/**
 * Running total. Without a breakdown PostHog also fills an interval whose total is not positive with
 * the previous total (ClickHouse `arrayFill(x -> x > 0, ...)`), which only shows with negative values.
 */
function runningTotal(values: number[], fill: boolean): number[] {
  const out: number[] = [];
  let total = 0;
  values.forEach((value, i) => {
    total += value;
    out.push(fill && i > 0 && !(total > 0) ? out[i - 1]! : total);
  });
  return out;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
