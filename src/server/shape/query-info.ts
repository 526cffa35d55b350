/**
 * Reads an endpoint's saved query: which kind of result `/run` will return (the run answer does not
 * say), the display type, and the format hints the elements honour (DESIGN.md section 3). Saved
 * queries may be wrapped in `InsightVizNode`, `DataTableNode` or `DataVisualizationNode`.
 */
import type { DisplayFormat, QueryKind } from '../../data/types.js';
import { isRecord } from '../is-record.js';
import { label, num, token } from './values.js';

const WRAPPERS = new Set(['InsightVizNode', 'DataTableNode', 'DataVisualizationNode']);

const KINDS: ReadonlySet<string> = new Set<QueryKind>([
  'TrendsQuery',
  'FunnelsQuery',
  'RetentionQuery',
  'LifecycleQuery',
  'StickinessQuery',
  'HogQLQuery',
]);

const AXIS_FORMATS: ReadonlySet<string> = new Set<NonNullable<DisplayFormat['axis']>>([
  'numeric',
  'duration',
  'duration_ms',
  'percentage',
  'percentage_scaled',
  'currency',
]);

/** Per kind, the filter object PostHog keeps the display type in (trends' is the fallback). */
const DISPLAY_FILTERS: Partial<Record<QueryKind, string>> = {
  TrendsQuery: 'trendsFilter',
  StickinessQuery: 'stickinessFilter',
  LifecycleQuery: 'lifecycleFilter',
};

export interface QueryInfo {
  /** Undefined when the query is missing or of a kind the proxy does not serve. */
  kind: QueryKind | undefined;
  /** The kind as stored, for messages about unsupported kinds (a safe token or undefined). */
  storedKind: string | undefined;
  display?: string;
  format?: DisplayFormat;
}

/** The real query inside any wrapper nodes. */
export function unwrapQuery(query: unknown): Record<string, unknown> | undefined {
  let node = query;
  for (let depth = 0; depth < 4 && isRecord(node); depth++) {
    if (!WRAPPERS.has(node.kind as string)) return node;
    node = node.source;
  }
  return undefined;
}

const infoByDefinition = new WeakMap<object, QueryInfo>();

/** readQueryInfo of a definition's query, read once per definition object (the definition cache keeps them). */
export function queryInfoOf(definition: { query?: unknown }): QueryInfo {
  let info = infoByDefinition.get(definition);
  if (!info) infoByDefinition.set(definition, (info = readQueryInfo(definition.query)));
  return info;
}

export function readQueryInfo(query: unknown): QueryInfo {
  const inner = unwrapQuery(query);
  const storedKind = token(inner?.kind);
  const kind = storedKind !== undefined && KINDS.has(storedKind) ? (storedKind as QueryKind) : undefined;
  if (!inner || !kind) return { kind: undefined, storedKind };
  const info: QueryInfo = { kind, storedKind };
  const display = readDisplay(inner, kind);
  if (display) info.display = display;
  const format = isTrendsLike(kind) ? readFormat(inner) : undefined;
  if (format) info.format = format;
  return info;
}

export function isTrendsLike(kind: QueryKind): boolean {
  return kind === 'TrendsQuery' || kind === 'StickinessQuery' || kind === 'LifecycleQuery';
}

function filter(query: Record<string, unknown>, name: string | undefined): Record<string, unknown> {
  const value = name === undefined ? undefined : query[name];
  return isRecord(value) ? value : {};
}

function readDisplay(query: Record<string, unknown>, kind: QueryKind): string | undefined {
  if (kind === 'FunnelsQuery') return token(filter(query, 'funnelsFilter').funnelVizType);
  if (!isTrendsLike(kind)) return undefined;
  return token(filter(query, DISPLAY_FILTERS[kind]).display) ?? token(filter(query, 'trendsFilter').display);
}

function readFormat(query: Record<string, unknown>): DisplayFormat | undefined {
  const trends = filter(query, 'trendsFilter');
  const format: DisplayFormat = {};
  const axis = trends.aggregationAxisFormat;
  if (typeof axis === 'string' && AXIS_FORMATS.has(axis)) format.axis = axis as DisplayFormat['axis'];
  const prefix = label(trends.aggregationAxisPrefix, 32);
  if (prefix) format.prefix = prefix;
  const postfix = label(trends.aggregationAxisPostfix, 32);
  if (postfix) format.postfix = postfix;
  const decimals = num(trends.decimalPlaces);
  if (decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 20) {
    format.decimalPlaces = decimals;
  }
  const customNames = readCustomNames(query.series);
  if (customNames) format.customNames = customNames;
  const hidden = readHidden(trends);
  if (hidden.length > 0) format.hidden = hidden;
  return Object.keys(format).length > 0 ? format : undefined;
}

/** Series custom names, keyed by the series' index (which results carry as `action.order`). */
function readCustomNames(series: unknown): Record<string, string> | undefined {
  if (!Array.isArray(series)) return undefined;
  const names: Record<string, string> = {};
  series.forEach((item, index) => {
    const name = isRecord(item) ? label(item.custom_name) : undefined;
    if (name) names[String(index)] = name;
  });
  return Object.keys(names).length > 0 ? names : undefined;
}

/**
 * Hidden series. `resultCustomizations` keyed by position name result indexes; keys by value are
 * opaque hashes of a result PostHog computes in its frontend, so they are not mapped here.
 */
function readHidden(trends: Record<string, unknown>): number[] {
  const hidden = new Set<number>();
  const byPosition = trends.resultCustomizationBy === 'position';
  const customizations = isRecord(trends.resultCustomizations) ? trends.resultCustomizations : {};
  for (const [key, value] of Object.entries(customizations)) {
    if (!isRecord(value) || value.hidden !== true || !/^\d{1,6}$/.test(key)) continue;
    if (value.assignmentBy === 'position' || (value.assignmentBy === undefined && byPosition)) {
      hidden.add(Number(key));
    }
  }
  if (Array.isArray(trends.hiddenLegendIndexes)) {
    for (const index of trends.hiddenLegendIndexes) {
      if (Number.isInteger(index) && (index as number) >= 0) hidden.add(index as number);
    }
  }
  return [...hidden].sort((a, b) => a - b);
}
