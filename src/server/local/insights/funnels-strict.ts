/**
 * The strict funnel walk: PostHog's UDF replayed with DuckDB's `list_reduce` over each person's
 * events. The state, per step k: `es[k]` is when the funnel that reached step k started and `et[k]`
 * its step times; `ms`/`mt` keep the first funnel to reach the furthest step. In a strict funnel any
 * event that is not step k clears what reached step k.
 */
import { EVENT_ORDER } from './funnels-sql.js';

/**
 * Only people with a first step can get anywhere, and runs of events matching no step only matter
 * as "something else happened", so each run is cut down to its first event before the walk.
 */
export function strictEvents(): string {
  return `SELECT * FROM (
      SELECT *, lag(m) OVER (PARTITION BY actor ORDER BY ${EVENT_ORDER}) AS previous FROM ev
      WHERE actor IN (SELECT actor FROM ev WHERE m & 1 <> 0)
    ) WHERE m <> 0 OR previous IS NULL OR previous <> 0`;
}

/** CTEs from `kept(actor, t, m)` to `people(actor, ms, mt)`, joined by commas. */
export function strictPeople(n: number, window: string): string {
  return `walked AS (
      SELECT actor, list_reduce(list({'t': t, 'm': m} ORDER BY ${EVENT_ORDER}), ${walk(n, window)}, ${initial(n)}) AS s
      FROM kept GROUP BY actor
    ),
    people AS (SELECT actor, s.ms AS ms, s.mt AS mt FROM walked WHERE s.ms > 0)`;
}

/** The reduce step: the state after event `x`, as the UDF's `process_event`. */
function walk(n: number, window: string): string {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const bit = (k: number) => `(x.m & ${2 ** (k - 1)}) <> 0`;
  // Step k advances when the funnel at step k-1 is in its window and not already at step k.
  const advances = (k: number) =>
    k === 1
      ? `(${bit(1)} AND a.es[1] IS DISTINCT FROM x.t)`
      : `(${bit(k)} AND a.es[${k - 1}] IS NOT NULL AND x.t - a.es[${k - 1}] <= ${window} AND a.es[${k}] IS DISTINCT FROM a.es[${k - 1}])`;
  const kept = (k: number, value: string) => `CASE WHEN ${bit(k)} THEN ${value} END`;
  const es = steps.map(
    (k) =>
      `CASE WHEN ${advances(k)} THEN ${k === 1 ? 'x.t' : `a.es[${k - 1}]`} ELSE ${kept(k, `a.es[${k}]`)} END`,
  );
  const et = steps.map(
    (k) =>
      `CASE WHEN ${advances(k)} THEN ${k === 1 ? '[x.t]' : `list_append(a.et[${k - 1}], x.t)`} ELSE ${kept(k, `a.et[${k}]`)} END`,
  );
  const reached = `greatest(${steps.map((k) => `CASE WHEN ${advances(k)} THEN ${k} ELSE 0 END`).join(', ')})`;
  return `(a, x) -> {
      'es': [${es.join(', ')}],
      'et': [${et.join(', ')}],
      'ms': greatest(a.ms, ${reached}),
      'mt': CASE WHEN ${reached} > a.ms THEN ([${et.join(', ')}])[${reached}] ELSE a.mt END
    }`;
}

function initial(n: number): string {
  const nulls = (type: string) => Array.from({ length: n }, () => `NULL::${type}`).join(', ');
  return `{'es': [${nulls('BIGINT')}], 'et': [${nulls('BIGINT[]')}], 'ms': 0, 'mt': NULL::BIGINT[]}`;
}
