/**
 * Funnels per person, in SQL. PostHog runs each person's events through a UDF
 * (posthog/user_scripts/aggregate_funnel.py `calculate_funnel_from_user_events`): a step-1 event starts
 * a funnel, an event of step k advances the funnel that reached step k-1 when it is within the
 * conversion window of that funnel's start, and the first funnel to reach the furthest step gives the
 * person's conversion times. Ordered funnels compute that with window functions
 * (funnels-ordered.ts); strict ones, where any other event breaks a run, replay the UDF with
 * `list_reduce` (funnels-strict.ts). Either way it is one pass with no per-row JavaScript.
 *
 * Events with the same timestamp are taken lowest step first (PostHog tries every order and keeps
 * the one that got furthest; lowest-first is that order in every ordinary case).
 */
import { breakdownProperty, type BreakdownSpec } from './breakdown.js';
import { FilterBuilder } from './filters.js';
import { orderedPeople } from './funnels-ordered.js';
import { strictEvents, strictPeople } from './funnels-strict.js';
import type { EventsNode } from './input.js';
import { SqlParams } from './sql.js';

export interface FunnelSqlOptions {
  steps: EventsNode[];
  strict: boolean;
  /** The conversion window, in microseconds. */
  windowUs: number;
  fromInstant: number;
  /** Inclusive upper bound. */
  toInstant: number;
  properties: unknown;
  breakdown?: BreakdownSpec;
  attribution: 'first_touch' | 'last_touch';
}

/** The order events are walked in, per person. */
export const EVENT_ORDER = 't, m & -m, m';

/**
 * `SELECT actor, ms, mt[, bd]`: per person who did step 1, the furthest step (1-based), the step
 * times (microseconds) of the funnel that first got there, and the breakdown value.
 */
export function funnelPeopleSql(options: FunnelSqlOptions): { sql: string; params: SqlParams } {
  const params = new SqlParams();
  const filters = new FilterBuilder(params);
  // Bit k-1 of `m` says the event matches step k.
  const mask = options.steps
    .map((step, i) => {
      const conditions = [
        ...(step.event === null ? [] : [`e.event = ${params.bind(step.event)}`]),
        filters.condition(step.properties, `${step.attr}.properties`),
      ];
      return `(CASE WHEN ${conditions.join(' AND ')} THEN ${2 ** i} ELSE 0 END)`;
    })
    .join(' | ');
  const breakdown = options.breakdown
    ? `coalesce(${breakdownProperty(options.breakdown, filters)}, '')`
    : undefined;
  const where = [
    `e.timestamp >= ${params.instant(options.fromInstant)}`,
    `e.timestamp < ${params.instant(options.toInstant + 1)}`,
    filters.condition(options.properties, 'properties'),
  ];
  const stepEvents = options.steps.map((step) => step.event);
  // An ordered funnel only needs step events; a strict one needs every event, as any breaks a run.
  if (!options.strict && !stepEvents.includes(null)) {
    where.push(`e.event IN (${stepEvents.map((event) => params.bind(event)).join(', ')})`);
  }
  const join = filters.usesPersons ? ' LEFT JOIN persons p ON p.id = e.person_id' : '';
  const n = options.steps.length;
  const window = params.bigint(BigInt(Math.round(options.windowUs)));
  const walk = options.strict ? strictPeople(n, window) : orderedPeople(n, window);
  const touch = options.attribution === 'first_touch' ? 'arg_min' : 'arg_max';
  // The breakdown value a person is counted under: the first (or last) non-empty value among the
  // events the funnel looked at (every event for a strict funnel, step events otherwise).
  const touched = `SELECT actor, coalesce(${touch}(bp, t) FILTER (WHERE bp <> ''), '') AS bd FROM ${options.strict ? 'ev' : 'kept'} GROUP BY actor`;
  const sql = `WITH ev AS (
      SELECT e.person_id AS actor, epoch_us(e.timestamp) AS t, ${mask} AS m${breakdown ? `, ${breakdown} AS bp` : ''}
      FROM events e${join} WHERE ${where.join(' AND ')}
    ),
    kept AS (${options.strict ? strictEvents() : 'SELECT * FROM ev WHERE m <> 0'}),
    ${walk}
    SELECT people.actor, people.ms, people.mt${breakdown ? ', touched.bd' : ''}
    FROM people${breakdown ? ` JOIN (${touched}) touched ON touched.actor = people.actor` : ''}`;
  return { sql, params };
}
