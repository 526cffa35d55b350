/**
 * The local engine's insight queries: TrendsQuery, FunnelsQuery, RetentionQuery, LifecycleQuery and
 * StickinessQuery run on DuckDB and answer with the `results` PostHog's `/run` would send.
 *
 * Anything a query asks for that this engine does not do is refused with a `LocalQueryError` naming
 * the field (`series[0].math: "hogql" is not supported by the local engine`), never silently ignored.
 * Fields that only change how PostHog draws a chart are read by the elements, not here.
 */
import type { LocalDatabase } from '../db.js';
import { LocalQueryError } from '../errors.js';
import { cleanBreakdownSentinels } from './breakdown.js';
import type { RunContext } from './context.js';
import { runFunnels } from './funnels.js';
import { invalid, isObject, type Json } from './input.js';
import { runLifecycle } from './lifecycle.js';
import { runRetention } from './retention.js';
import { runStickiness } from './stickiness.js';
import { Zone } from './time-zone.js';
import { runTrends } from './trends.js';
import { applyVariables, insightVariableNames as variableNames } from './variables.js';

export interface InsightRunOptions {
  /** Request variables: `date_from`, `date_to` and breakdown properties. */
  variables: Record<string, unknown>;
  /** The moment relative dates (`-7d`) count from. */
  now: Date;
  /** The endpoint's IANA time zone: day and week boundaries and `days`/`labels` follow it. */
  timezone: string;
}

type Runner = (db: LocalDatabase, query: Json, ctx: RunContext) => Promise<unknown>;

const RUNNERS: Record<string, Runner> = {
  TrendsQuery: runTrends,
  FunnelsQuery: runFunnels,
  RetentionQuery: runRetention,
  LifecycleQuery: runLifecycle,
  StickinessQuery: runStickiness,
};

export const INSIGHT_KINDS = Object.keys(RUNNERS);

export async function runInsightQuery(
  db: LocalDatabase,
  query: object,
  options: InsightRunOptions,
): Promise<unknown> {
  const source = unwrap(query);
  const runner = RUNNERS[String(source.kind)];
  if (!runner) {
    throw new LocalQueryError(
      'kind',
      `kind: ${JSON.stringify(source.kind)} is not an insight the local engine runs`,
    );
  }
  const prepared = applyVariables(source, options.variables);
  const zone = new Zone(options.timezone);
  const dateRange = prepared.dateRange;
  const now = zone.toWall(options.now.getTime());
  // "All time" starts at the first event; with no events at all, today.
  const earliest =
    isObject(dateRange) && dateRange.date_from === 'all'
      ? ((await earliestEvent(db, zone)) ?? now)
      : undefined;
  const ctx: RunContext = { dates: { zone, now, earliest } };
  let results: unknown;
  try {
    results = await runner(db, prepared, ctx);
  } catch (error) {
    throw asQueryError(error);
  }
  cleanBreakdownSentinels(results);
  return results;
}

/** The variables an insight endpoint accepts: `date_from`, `date_to` and, for trends and retention, the breakdown property. */
export function insightVariableNames(query: object): string[] {
  return variableNames(unwrap(query));
}

/** Stored endpoint queries may be wrapped (InsightVizNode); the insight is then under `source`. */
function unwrap(query: object): Json {
  if (!isObject(query)) invalid('query', 'must be an object');
  return query.kind === 'InsightVizNode' && isObject(query.source) ? query.source : query;
}

async function earliestEvent(db: LocalDatabase, zone: Zone): Promise<number | undefined> {
  const [row] = await db.all<{ t: Date | null }>('SELECT min(timestamp) AS t FROM events');
  return row?.t ? zone.toWall(row.t.getTime()) : undefined;
}

/** A regular expression DuckDB's RE2 rejects is the query's fault: a 400, not a 500. */
function asQueryError(error: unknown): unknown {
  if (
    error instanceof Error &&
    !(error instanceof LocalQueryError) &&
    /regex|regular expression/i.test(error.message)
  ) {
    return new LocalQueryError(
      'properties',
      `a regular expression in the filters is not valid: ${error.message}`,
      'invalid_input',
    );
  }
  return error;
}
