/**
 * Rebuilds `results` by allowlist, per query kind (DESIGN.md section 3). Every object is built anew
 * from the fields named here, so PostHog internals (`persons_urls`, `filter`, `hogql`, `people`,
 * `*_people_url`, action filters) cannot reach the browser, whatever a future PostHog adds.
 */
import type { QueryKind, SeriesAction, TrendsSeries } from '../../data/types.js';
import { isRecord } from '../is-record.js';
import { UpstreamError } from '../upstreams/errors.js';
import {
  bool,
  breakdownValue,
  measure,
  measureList,
  measureOrNull,
  num,
  numOrNull,
  put,
  text,
  textList,
  textOrNull,
} from './values.js';
import { isTrendsLike } from './query-info.js';

const LIFECYCLE_STATUSES = new Set(['new', 'returning', 'resurrecting', 'dormant']);
/** Nested SQL cells deeper than this are sent as JSON text. */
const MAX_CELL_DEPTH = 4;

export interface FunnelStep {
  name?: string | null;
  custom_name?: string | null;
  order?: number;
  count?: number;
  average_conversion_time?: number | null;
  median_conversion_time?: number | null;
  breakdown_value?: ReturnType<typeof breakdownValue>;
}

export interface TimeToConvert {
  average_conversion_time: number | null;
  bins: Array<[number, number]>;
}

export interface RetentionRow {
  date?: string;
  label?: string;
  values: Array<{ count: number | null; label?: string }>;
  breakdown_value?: ReturnType<typeof breakdownValue>;
}

export type SqlCell = string | number | boolean | null | SqlCell[];

/** The shaped results for `kind`; throws a 502-bound UpstreamError when the container is wrong. */
export function shapeResults(kind: QueryKind, display: string | undefined, results: unknown): unknown {
  if (isTrendsLike(kind)) return list(results, kind).filter(isRecord).map(shapeSeries);
  switch (kind) {
    case 'FunnelsQuery':
      return shapeFunnel(display, results);
    case 'RetentionQuery':
      return list(results, kind).filter(isRecord).map(shapeRetentionRow);
    case 'HogQLQuery':
      return list(results, kind)
        .filter(Array.isArray)
        .map((row: unknown[]) => row.map((cell) => shapeCell(cell, 0)));
    default:
      throw unexpected(kind);
  }
}

export function shapeSeries(raw: Record<string, unknown>): TrendsSeries {
  const series: TrendsSeries = {
    label: text(raw.label) ?? '',
    data: measureList(raw.data),
    labels: textList(raw.labels),
    days: textList(raw.days),
  };
  put(series, 'count', measureOrNull(raw.count));
  put(series, 'aggregated_value', measureOrNull(raw.aggregated_value));
  put(series, 'breakdown_value', breakdownValue(raw.breakdown_value));
  put(series, 'compare', bool(raw.compare));
  if (raw.compare_label === 'current' || raw.compare_label === 'previous' || raw.compare_label === null) {
    series.compare_label = raw.compare_label;
  }
  if (typeof raw.status === 'string' && LIFECYCLE_STATUSES.has(raw.status)) {
    series.status = raw.status as TrendsSeries['status'];
  }
  if (isRecord(raw.action)) series.action = shapeAction(raw.action);
  return series;
}

function shapeAction(raw: Record<string, unknown>): SeriesAction {
  const action: SeriesAction = {};
  put(action, 'name', textOrNull(raw.name, 400));
  put(action, 'custom_name', textOrNull(raw.custom_name, 400));
  put(action, 'math', textOrNull(raw.math, 64));
  put(action, 'order', numOrNull(raw.order));
  return action;
}

function shapeFunnel(display: string | undefined, results: unknown): unknown {
  if (display === 'time_to_convert' || (isRecord(results) && 'bins' in results)) {
    if (!isRecord(results)) throw unexpected('FunnelsQuery');
    return shapeTimeToConvert(results);
  }
  const items = list(results, 'FunnelsQuery');
  if (display === 'trends') return items.filter(isRecord).map(shapeSeries);
  // With a breakdown, PostHog sends one list of steps per breakdown value.
  return items
    .filter((item) => Array.isArray(item) || isRecord(item))
    .map((item) => (Array.isArray(item) ? item.filter(isRecord).map(shapeStep) : shapeStep(item)));
}

function shapeStep(raw: Record<string, unknown>): FunnelStep {
  const step: FunnelStep = {};
  put(step, 'name', textOrNull(raw.name, 400));
  put(step, 'custom_name', textOrNull(raw.custom_name, 400));
  put(step, 'order', num(raw.order));
  put(step, 'count', measure(raw.count));
  put(step, 'average_conversion_time', measureOrNull(raw.average_conversion_time));
  put(step, 'median_conversion_time', measureOrNull(raw.median_conversion_time));
  put(step, 'breakdown_value', breakdownValue(raw.breakdown_value));
  return step;
}

function shapeTimeToConvert(raw: Record<string, unknown>): TimeToConvert {
  const bins = Array.isArray(raw.bins) ? raw.bins : [];
  return {
    average_conversion_time: measureOrNull(raw.average_conversion_time) ?? null,
    bins: bins
      .filter((bin): bin is unknown[] => Array.isArray(bin) && bin.length >= 2)
      .map((bin) => [measure(bin[0]) ?? 0, measure(bin[1]) ?? 0]),
  };
}

function shapeRetentionRow(raw: Record<string, unknown>): RetentionRow {
  const values = Array.isArray(raw.values) ? raw.values : [];
  const row: RetentionRow = {
    values: values.map((value) => {
      const cell: RetentionRow['values'][number] = {
        count: isRecord(value) ? (measureOrNull(value.count) ?? null) : null,
      };
      if (isRecord(value)) put(cell, 'label', text(value.label, 200));
      return cell;
    }),
  };
  put(row, 'date', text(raw.date, 64));
  put(row, 'label', text(raw.label, 200));
  put(row, 'breakdown_value', breakdownValue(raw.breakdown_value));
  return row;
}

/** SQL cells pass as data; objects (maps) become JSON text so no upstream structure rides along. */
function shapeCell(cell: unknown, depth: number): SqlCell {
  if (cell === null || typeof cell === 'string' || typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (Array.isArray(cell) && depth < MAX_CELL_DEPTH) return cell.map((item) => shapeCell(item, depth + 1));
  if (cell === undefined) return null;
  try {
    return JSON.stringify(cell) ?? null;
  } catch {
    return null;
  }
}

function list(results: unknown, kind: string): unknown[] {
  if (!Array.isArray(results)) throw unexpected(kind);
  return results;
}

function unexpected(kind: string): UpstreamError {
  return new UpstreamError(`${kind} results are not in the expected shape`, {
    status: 200,
    failure: 'bad_shape',
  });
}
