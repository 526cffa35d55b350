/**
 * The ordered funnel walk with window functions, equal to PostHog's UDF (see funnels-sql.ts).
 *
 * Walking a person's events in order, an event of step k is valid when the latest valid step k-1
 * before it started a funnel within the window; its funnel start (`st_k`) is that one's. The person
 * reached step M, the highest with a valid event. The UDF's recorded funnel is the one of the first
 * valid step-M event; its step-k time is the first valid step-k event with the same start, because
 * the UDF only moves step k to a newer start, never re-times the same one.
 */
import { EVENT_ORDER } from './funnels-sql.js';

/** CTEs from `kept(actor, t, m)` to `people(actor, ms, mt)`, joined by commas. */
export function orderedPeople(n: number, window: string): string {
  const steps = Array.from({ length: n }, (_, i) => i + 1);
  const ctes = [
    `s1 AS (SELECT *, row_number() OVER (PARTITION BY actor ORDER BY ${EVENT_ORDER}) AS rn, CASE WHEN m & 1 <> 0 THEN t END AS st1 FROM kept)`,
  ];
  for (const k of steps.slice(1)) {
    ctes.push(`s${k} AS (
      SELECT *, CASE WHEN m & ${2 ** (k - 1)} <> 0 AND t - c${k} <= ${window} THEN c${k} END AS st${k} FROM (
        SELECT *, last_value(st${k - 1} IGNORE NULLS) OVER (
          PARTITION BY actor ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
        ) AS c${k} FROM s${k - 1}
      ))`);
  }
  const level = `CASE ${[...steps]
    .reverse()
    .map((k) => `WHEN st${k} IS NOT NULL THEN ${k}`)
    .join(' ')} ELSE 0 END`;
  const startAt = (ms: string) => `CASE ${ms} ${steps.map((k) => `WHEN ${k} THEN s.st${k}`).join(' ')} END`;
  const times = steps.slice(1).map((k) => `min(s.t) FILTER (WHERE s.st${k} = top.start)`);
  ctes.push(
    `reached AS (SELECT actor, max(${level}) AS ms FROM s${n} GROUP BY actor HAVING max(${level}) > 0)`,
  );
  ctes.push(`top AS (
      SELECT r.actor, r.ms, arg_min(${startAt('r.ms')}, s.rn) FILTER (WHERE ${startAt('r.ms')} IS NOT NULL) AS start
      FROM reached r JOIN s${n} s ON s.actor = r.actor GROUP BY r.actor, r.ms
    )`);
  ctes.push(`people AS (
      SELECT top.actor, top.ms, [top.start, ${times.join(', ')}][1:top.ms] AS mt
      FROM top JOIN s${n} s ON s.actor = top.actor GROUP BY top.actor, top.ms, top.start
    )`);
  return ctes.join(',\n    ');
}
