/**
 * The browser-to-proxy contract (DESIGN.md section 3) and the PostHog result shapes it carries
 * (section 2). Pure types: the proxy imports them too, so nothing here may touch the DOM.
 */

/** The query kinds a PostHog endpoint can hold, after unwrapping `InsightVizNode` and friends. */
export type QueryKind =
  'TrendsQuery' | 'FunnelsQuery' | 'RetentionQuery' | 'LifecycleQuery' | 'StickinessQuery' | 'HogQLQuery';

/** Trends display types PostHog stores in `trendsFilter.display`. */
export type TrendsDisplay =
  | 'ActionsLineGraph'
  | 'ActionsLineGraphCumulative'
  | 'ActionsAreaGraph'
  | 'ActionsBar'
  | 'ActionsUnstackedBar'
  | 'ActionsStackedBar'
  | 'ActionsBarValue'
  | 'ActionsPie'
  | 'ActionsTable'
  | 'BoldNumber'
  | 'WorldMap';

/** Funnel visualisations PostHog stores in `funnelsFilter.funnelVizType`. */
export type FunnelVizType = 'steps' | 'time_to_convert' | 'trends';

/** A breakdown value: trends use a string or number, funnels a list of them. */
export type BreakdownValue = string | number | null | Array<string | number | null>;

/** The display-only part of a trends series' `action`; filter internals never reach the browser. */
export interface SeriesAction {
  name?: string | null;
  custom_name?: string | null;
  math?: string | null;
  order?: number | null;
}

/** One trends (or lifecycle, or stickiness) series. */
export interface TrendsSeries {
  label: string;
  data: Array<number | null>;
  labels: string[];
  days: string[];
  count?: number | null;
  aggregated_value?: number | null;
  breakdown_value?: BreakdownValue;
  compare?: boolean;
  compare_label?: 'current' | 'previous' | null;
  /** Lifecycle series carry their status. */
  status?: 'new' | 'returning' | 'resurrecting' | 'dormant';
  action?: SeriesAction | null;
}

/** One retention period of a cohort: how many of the cohort came back. */
export interface RetentionValue {
  count: number | null;
  /** The period's own name ("Day 3"), when the response carries one. */
  label?: string;
}

/** One retention cohort (a row of the triangle); with a breakdown, each value repeats the cohorts. */
export interface RetentionRow {
  /** When the cohort started: a date or an ISO date-time. */
  date?: string;
  /** PostHog's name for the cohort ("Day 0", "Week 2"). */
  label?: string;
  /** Period 0 (the cohort's size) first; later cohorts have fewer periods. */
  values: RetentionValue[];
  breakdown_value?: BreakdownValue;
}

/** One SQL (HogQL) result cell; maps and objects arrive as JSON text. */
export type SqlCell = string | number | boolean | null | SqlCell[];

/** One funnel step; a breakdown funnel's `results` is a list of these lists, one per breakdown value. */
export interface FunnelStep {
  name?: string | null;
  custom_name?: string | null;
  order?: number;
  /** How many reached this step. */
  count?: number;
  /** Seconds from the previous step, over those who converted; `null` on the first step. */
  average_conversion_time?: number | null;
  median_conversion_time?: number | null;
  /** A list (`["test-1"]`) where trends use a single value. */
  breakdown_value?: BreakdownValue;
}

/** A funnel's `time_to_convert` result: `bins` are `[seconds from, conversions]`, the last one an upper edge. */
export interface FunnelTimeToConvert {
  average_conversion_time: number | null;
  bins: Array<[number, number]>;
}

/** Axis format from the endpoint's saved query (`trendsFilter.aggregationAxisFormat` and friends). */
export interface DisplayFormat {
  axis?: 'numeric' | 'duration' | 'duration_ms' | 'percentage' | 'percentage_scaled' | 'currency';
  prefix?: string;
  postfix?: string;
  decimalPlaces?: number;
  /** Series index (as a string) to a display name. */
  customNames?: Record<string, string>;
  /** Series indexes to hide. */
  hidden?: number[];
}

/** Where the proxy's answer came from. */
export interface RunMeta {
  cache: 'hit' | 'miss' | 'stale';
  age_s: number;
  upstream_ms: number;
}

/** The 200 body of `POST /v1/endpoints/{name}/run`. */
export interface RunResponse<R = unknown> {
  name: string;
  kind: QueryKind;
  display?: TrendsDisplay | FunnelVizType | string;
  format?: DisplayFormat;
  results: R;
  columns?: string[];
  types?: Array<string | [string, string]>;
  hasMore?: boolean;
  limit?: number;
  offset?: number;
  timezone?: string;
  last_refresh?: string;
  is_cached?: boolean;
  meta: RunMeta;
}

/** The body the browser posts to `/v1/endpoints/{name}/run`. */
export interface RunRequest {
  variables?: Record<string, unknown>;
  refresh?: 'cache' | 'force';
  limit?: number;
  offset?: number;
}

/** One entry of `GET /v1/endpoints`. */
export interface EndpointSummary {
  name: string;
  description?: string;
  kind?: QueryKind;
  display?: string;
  variables?: Record<string, unknown>;
}

/** Every error code the proxy can answer with. */
export type ErrorCode =
  | 'invalid_request'
  | 'invalid_variables'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'endpoint_not_allowed'
  | 'variable_locked'
  | 'origin_not_allowed'
  | 'endpoint_not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'internal_error';

/** The body of every 4xx/5xx the proxy sends. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    retryable: boolean;
    retry_after_s?: number;
  };
}
