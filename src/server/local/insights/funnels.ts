/**
 * FunnelsQuery: ordered or strict steps within a conversion window, as conversion steps (optionally by
 * breakdown) or as a time-to-convert histogram (posthog/hogql_queries/insights/funnels/funnel_udf.py,
 * funnel_time_to_convert_udf.py, base.py `_format_single_funnel`).
 */
import type { LocalDatabase } from '../db.js';
import { DEFAULT_BREAKDOWN_LIMIT, readBreakdown } from './breakdown.js';
import type { RunContext } from './context.js';
import { QueryDateRange } from './dates.js';
import { funnelPeopleSql, type FunnelSqlOptions } from './funnels-sql.js';
import {
  intervalOf,
  invalid,
  numberAt,
  objectAt,
  oneOf,
  readSeries,
  refuseSet,
  stringAt,
  unsupported,
  type EventsNode,
  type Json,
} from './input.js';
import type { SqlParams } from './sql.js';

/** PostHog's DATERANGE_MAP (a "month" window is 31 days). */
const WINDOW_UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 7 * 86_400,
  month: 31 * 86_400,
};

const MAX_STEPS = 20;

/** The label PostHog gives the merged tail of a funnel breakdown. */
const FUNNEL_OTHER = 'Other';

interface FunnelSpec extends FunnelSqlOptions {
  viz: 'steps' | 'time_to_convert';
  limit: number;
  funnelsFilter: Json;
}

export async function runFunnels(db: LocalDatabase, query: Json, ctx: RunContext): Promise<unknown> {
  const spec = readFunnel(query, ctx);
  const people = funnelPeopleSql(spec);
  if (spec.viz === 'time_to_convert') return timeToConvert(db, spec, people.sql, people.params);
  const n = spec.steps.length;
  const breakdown = spec.breakdown !== undefined;
  const counts = Array.from({ length: n }, (_, i) => `count(*) FILTER (WHERE ms >= ${i + 1}) AS s${i + 1}`);
  const times = Array.from({ length: n - 1 }, (_, i) => {
    const k = i + 2;
    const diff = `(mt[${k}] - mt[${k - 1}])`;
    const converted = `FILTER (WHERE ms >= ${k} AND ${diff} > 0)`;
    return `sum(${diff}) ${converted} AS total${k}, count(*) ${converted} AS n${k}, quantile_cont(${diff}, 0.5) ${converted} AS median${k}`;
  });
  const order = Array.from({ length: n }, (_, i) => `s${n - i} DESC`).join(', ');
  const group = breakdown
    ? `WITH people AS (${people.sql}),
       ranked AS (
         SELECT bd, row_number() OVER (ORDER BY ${order}, bd) - 1 AS rank
         FROM (SELECT bd, ${counts.join(', ')} FROM people GROUP BY bd)
       )
       SELECT CASE WHEN rank < ${people.params.bind(spec.limit)} THEN bd ELSE '${FUNNEL_OTHER}' END AS fb, ${[...counts, ...times].join(', ')}
       FROM people JOIN ranked USING (bd) GROUP BY fb ORDER BY ${order}, fb`
    : `WITH people AS (${people.sql}) SELECT ${[...counts, ...times].join(', ')} FROM people`;
  const rows = await db.all<Record<string, number | null | string>>(group, people.params.values);
  const funnels = rows
    .filter((row) => Number(row.s1) > 0)
    .map((row) => formatSteps(spec.steps, row, breakdown));
  return breakdown ? funnels : (funnels[0] ?? []);
}

function formatSteps(steps: EventsNode[], row: Record<string, number | null | string>, breakdown: boolean) {
  return steps.map((step, i) => {
    const k = i + 1;
    const converted = Number(row[`n${k}`] ?? 0);
    const result: Record<string, unknown> = {
      action_id: step.event,
      name: step.event,
      custom_name: step.customName,
      order: i,
      people: [],
      count: Number(row[`s${k}`]),
      type: 'events',
      average_conversion_time: i > 0 && converted > 0 ? Number(row[`total${k}`]) / converted / 1e6 : null,
      median_conversion_time: i > 0 && converted > 0 ? Number(row[`median${k}`]) / 1e6 : null,
    };
    if (breakdown) Object.assign(result, { breakdown: [row.fb], breakdown_value: [row.fb] });
    return result;
  });
}

/** Time to convert: a histogram of seconds from `funnelFromStep` to `funnelToStep`. */
async function timeToConvert(db: LocalDatabase, spec: FunnelSpec, peopleSql: string, params: SqlParams) {
  const n = spec.steps.length;
  const from = numberAt(spec.funnelsFilter, 'funnelFromStep', 'funnelsFilter.funnelFromStep') ?? 0;
  const to = numberAt(spec.funnelsFilter, 'funnelToStep', 'funnelsFilter.funnelToStep') ?? n - 1;
  if (!Number.isInteger(to) || !(to > 0 && to < n))
    invalid('funnelsFilter.funnelToStep', `must be a step from 1 to ${n - 1}`);
  if (!Number.isInteger(from) || !(from >= 0 && from < to))
    invalid('funnelsFilter.funnelFromStep', 'must be a step before funnelToStep');
  const binCount = numberAt(spec.funnelsFilter, 'binCount', 'funnelsFilter.binCount');
  // PostHog: about the cube root of the number of people, 1 to 60; a chosen count is kept to 1 to 90.
  const bins =
    binCount === undefined
      ? 'least(60, greatest(1, ceil(cbrt(count(*)))))::BIGINT'
      : params.bigint(BigInt(Math.min(90, Math.max(1, Math.floor(binCount)))));
  const step = (k: number) => params.bigint(BigInt(k));
  // Microsecond integers until the end, so the average does not depend on summation order.
  const sql = `WITH people AS (${peopleSql}),
    timings AS (SELECT mt[${step(to + 1)}] - mt[${step(from + 1)}] AS us FROM people WHERE ms >= ${step(to + 1)}),
    stats AS (
      SELECT count(*) AS n, sum(us) AS total, coalesce(floor(min(us) / 1e6), 0) AS low,
        coalesce(ceil(max(us) / 1e6), 0) AS high, ${bins} AS bins
      FROM timings
    ),
    sized AS (SELECT *, CASE WHEN ceil((high - low) / bins) > 0 THEN ceil((high - low) / bins) ELSE 60 END AS width FROM stats)
    SELECT sized.n, sized.total, sized.low, sized.width, sized.bins,
      (SELECT histogram(floor((us / 1e6 - sized.low) / sized.width)::BIGINT) FROM timings) AS counts
    FROM sized`;
  const [row] = await db.all<{
    n: number;
    total: number | null;
    low: number;
    width: number;
    bins: number;
    counts: unknown;
  }>(sql, params.values);
  const counts = toCounts(row!.counts);
  return {
    average_conversion_time: row!.n > 0 ? Number(row!.total) / row!.n / 1e6 : null,
    bins: Array.from({ length: row!.bins + 1 }, (_, i) => [
      Math.round(row!.low + i * row!.width),
      counts.get(i) ?? 0,
    ]),
  };
}

/** DuckDB's MAP comes back as `[{key, value}]`; no timings gives NULL. */
function toCounts(map: unknown): Map<number, number> {
  const counts = new Map<number, number>();
  if (Array.isArray(map)) {
    for (const entry of map as Array<{ key: unknown; value: unknown }>)
      counts.set(Number(entry.key), Number(entry.value));
  }
  return counts;
}

function readFunnel(query: Json, ctx: RunContext): FunnelSpec {
  refuseSet(query, ['aggregation_group_type_index'], '');
  const funnelsFilter = objectAt(query, 'funnelsFilter', 'funnelsFilter');
  refuseSet(funnelsFilter, ['exclusions'], 'funnelsFilter.');
  const aggregateBy = stringAt(
    funnelsFilter,
    'funnelAggregateByHogQL',
    'funnelsFilter.funnelAggregateByHogQL',
  );
  if (aggregateBy !== undefined && aggregateBy !== 'person_id')
    unsupported('funnelsFilter.funnelAggregateByHogQL', aggregateBy);
  const viz =
    oneOf(
      stringAt(funnelsFilter, 'funnelVizType', 'funnelsFilter.funnelVizType'),
      ['steps', 'time_to_convert'] as const,
      'funnelsFilter.funnelVizType',
    ) ?? 'steps';
  const order =
    oneOf(
      stringAt(funnelsFilter, 'funnelOrderType', 'funnelsFilter.funnelOrderType'),
      ['ordered', 'strict'] as const,
      'funnelsFilter.funnelOrderType',
    ) ?? 'ordered';
  const attribution =
    oneOf(
      stringAt(funnelsFilter, 'breakdownAttributionType', 'funnelsFilter.breakdownAttributionType'),
      ['first_touch', 'last_touch'] as const,
      'funnelsFilter.breakdownAttributionType',
    ) ?? 'first_touch';
  const windowCount =
    numberAt(funnelsFilter, 'funnelWindowInterval', 'funnelsFilter.funnelWindowInterval') ?? 14;
  const unit =
    stringAt(funnelsFilter, 'funnelWindowIntervalUnit', 'funnelsFilter.funnelWindowIntervalUnit') ?? 'day';
  if (!(unit in WINDOW_UNIT_SECONDS)) unsupported('funnelsFilter.funnelWindowIntervalUnit', unit);
  const steps = readSeries(query, 'series', 2);
  if (steps.length > MAX_STEPS) invalid('series', `a funnel has at most ${MAX_STEPS} steps`);
  steps.forEach((step) => {
    if (step.optional) unsupported(`${step.attr}.optionalInFunnel`, true);
    if (step.math !== null && step.math !== 'total') unsupported(`${step.attr}.math`, step.math);
  });
  const breakdown = readBreakdown(query);
  const range = new QueryDateRange(objectAt(query, 'dateRange', 'dateRange'), intervalOf(query), ctx.dates);
  return {
    steps,
    strict: order === 'strict',
    windowUs: windowCount * WINDOW_UNIT_SECONDS[unit]! * 1e6,
    fromInstant: ctx.dates.zone.toInstant(range.dateFrom()),
    toInstant: ctx.dates.zone.toInstant(range.dateTo()),
    properties: query.properties,
    breakdown,
    attribution,
    viz,
    limit: breakdown?.limit ?? DEFAULT_BREAKDOWN_LIMIT,
    funnelsFilter,
  };
}
