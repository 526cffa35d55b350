/**
 * The three engine workloads of the benchmark, each as the insight query an endpoint would store and
 * as the DuckDB query a person would write by hand for the same answer. Both sides are reduced to the
 * same plain shape so the run can check they agree before it trusts the timings.
 */
import type { LocalDatabase } from '../../src/server/local/db.js';
import { runInsightQuery } from '../../src/server/local/insights/index.js';

export interface Workload {
  name: string;
  /** Target for the engine's median, in milliseconds. */
  targetMs: number;
  engine(db: LocalDatabase): Promise<unknown>;
  handWritten(db: LocalDatabase): Promise<unknown>;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const utcDay = (ms: number) => Math.floor(ms / DAY) * DAY;

export function workloads(now: Date): Workload[] {
  const options = { variables: {}, now, timezone: 'UTC' };
  // "-90d" in UTC: from the start of the day 90 days ago to the end of today.
  const from = utcDay(now.getTime() - 90 * DAY);
  const to = utcDay(now.getTime()) + DAY;
  const days = Array.from({ length: (to - from) / DAY }, (_, i) => iso(from + i * DAY).slice(0, 10));
  const steps = ['signed_up', 'project_created', 'invited_teammate', 'purchase'];
  // Eight weekly cohorts (weeks start on Sunday), the last one holding today.
  const weekEnd = sundayOf(now.getTime()) + 7 * DAY;
  const weekStart = weekEnd - 8 * 7 * DAY;

  return [
    {
      name: 'DAU trends, 90 days by day',
      targetMs: 150,
      async engine(db) {
        const query = {
          kind: 'TrendsQuery',
          series: [{ kind: 'EventsNode', event: '$pageview', math: 'dau' }],
          interval: 'day',
          dateRange: { date_from: '-90d' },
        };
        const [series] = (await runInsightQuery(db, query, options)) as Array<{ data: number[] }>;
        return series!.data;
      },
      async handWritten(db) {
        // Whole UTC days since the epoch: integer division is far cheaper than a timestamp cast per row.
        const rows = await db.all<{ day: number; users: number }>(
          `SELECT epoch_us(timestamp) // 86400000000 AS day, count(DISTINCT person_id) AS users
           FROM events
           WHERE event = '$pageview' AND timestamp >= '${iso(from)}'::TIMESTAMPTZ AND timestamp < '${iso(to)}'::TIMESTAMPTZ
           GROUP BY day`,
        );
        const byDay = new Map(rows.map((row) => [iso(row.day * DAY).slice(0, 10), row.users]));
        return days.map((day) => byDay.get(day) ?? 0);
      },
    },
    {
      name: 'Four-step funnel, 90 days, 14-day window',
      targetMs: 500,
      async engine(db) {
        const query = {
          kind: 'FunnelsQuery',
          series: steps.map((event) => ({ kind: 'EventsNode', event })),
          dateRange: { date_from: '-90d' },
          funnelsFilter: { funnelWindowInterval: 14, funnelWindowIntervalUnit: 'day' },
        };
        const result = (await runInsightQuery(db, query, options)) as Array<Record<string, number | null>>;
        return result.map((step) => [step.count, step.average_conversion_time, step.median_conversion_time]);
      },
      async handWritten(db) {
        const [row] = await db.all<Record<string, number | null>>(
          handFunnel(steps, from, to, 14 * DAY * 1000),
        );
        return steps.map((_, i) => [
          row![`reached${i + 1}`],
          i === 0 || !row![`n${i + 1}`] ? null : Number(row![`total${i + 1}`]) / row![`n${i + 1}`]! / 1e6,
          i === 0 || !row![`n${i + 1}`] ? null : row![`median${i + 1}`]! / 1e6,
        ]);
      },
    },
    {
      name: 'Eight-week first-time retention',
      targetMs: 500,
      async engine(db) {
        const query = {
          kind: 'RetentionQuery',
          retentionFilter: {
            period: 'Week',
            totalIntervals: 8,
            retentionType: 'retention_first_time',
            targetEntity: { id: 'signed_up', type: 'events' },
            returningEntity: { id: '$pageview', type: 'events' },
          },
        };
        const rows = (await runInsightQuery(db, query, options)) as Array<{
          values: Array<{ count: number }>;
        }>;
        return rows.map((row) => row.values.map((value) => value.count));
      },
      async handWritten(db) {
        // Weeks since the first cohort's Sunday, from whole UTC days since the epoch.
        const week = (column: string) => `(epoch_us(${column}) // 86400000000 - ${weekStart / DAY}) // 7`;
        const rows = await db.all<{ s: number; k: number; people: number }>(
          `WITH first AS (SELECT person_id, min(timestamp) AS first_at FROM events WHERE event = 'signed_up' GROUP BY person_id),
           cohorts AS (
             SELECT person_id, ${week('first_at')} AS s FROM first
             WHERE first_at >= '${iso(weekStart)}'::TIMESTAMPTZ AND first_at < '${iso(weekEnd)}'::TIMESTAMPTZ
           ),
           returns AS (
             SELECT DISTINCT person_id, ${week('timestamp')} AS r FROM events
             WHERE event = '$pageview' AND timestamp >= '${iso(weekStart)}'::TIMESTAMPTZ AND timestamp < '${iso(weekEnd)}'::TIMESTAMPTZ
           )
           SELECT s, 0 AS k, count(*) AS people FROM cohorts GROUP BY s
           UNION ALL
           SELECT c.s, r.r - c.s AS k, count(*) AS people FROM cohorts c JOIN returns r USING (person_id)
           WHERE r.r - c.s BETWEEN 1 AND 7 GROUP BY ALL`,
        );
        // PostHog's triangle: cohort s has cells for the 8 - s periods that have begun.
        const grid = Array.from({ length: 8 }, (_, s) => Array.from({ length: 8 - s }, () => 0));
        for (const row of rows) grid[row.s]![row.k] = row.people;
        return grid;
      },
    },
  ];
}

function sundayOf(ms: number): number {
  const day = utcDay(ms);
  return day - new Date(day).getUTCDay() * DAY;
}

/**
 * A four-step ordered funnel by hand: for each step event, the start of the latest valid previous
 * step before it (window functions), the furthest step per person, and the step times of the first
 * funnel that got there.
 */
function handFunnel(steps: string[], from: number, to: number, windowUs: number): string {
  const mask = steps
    .map((event, i) => `(CASE WHEN event = '${event}' THEN ${2 ** i} ELSE 0 END)`)
    .join(' | ');
  const latest = (k: number) =>
    `last_value(st${k - 1} IGNORE NULLS) OVER (PARTITION BY person_id ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
  const valid = (k: number) =>
    `CASE WHEN m & ${2 ** (k - 1)} <> 0 AND t - c${k} <= ${windowUs} THEN c${k} END`;
  return `WITH ev AS (
      SELECT person_id, epoch_us(timestamp) AS t, ${mask} AS m FROM events
      WHERE event IN (${steps.map((s) => `'${s}'`).join(', ')}) AND timestamp >= '${iso(from)}'::TIMESTAMPTZ AND timestamp < '${iso(to)}'::TIMESTAMPTZ
    ),
    s1 AS (SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY t, m & -m, m) AS rn, CASE WHEN m & 1 <> 0 THEN t END AS st1 FROM ev),
    s2 AS (SELECT *, ${valid(2)} AS st2 FROM (SELECT *, ${latest(2)} AS c2 FROM s1)),
    s3 AS (SELECT *, ${valid(3)} AS st3 FROM (SELECT *, ${latest(3)} AS c3 FROM s2)),
    s4 AS (SELECT *, ${valid(4)} AS st4 FROM (SELECT *, ${latest(4)} AS c4 FROM s3)),
    reached AS (
      SELECT person_id, max(CASE WHEN st4 IS NOT NULL THEN 4 WHEN st3 IS NOT NULL THEN 3 WHEN st2 IS NOT NULL THEN 2 WHEN st1 IS NOT NULL THEN 1 END) AS ms
      FROM s4 GROUP BY person_id HAVING ms IS NOT NULL
    ),
    top AS (
      SELECT r.person_id, r.ms, arg_min([s.st1, s.st2, s.st3, s.st4][r.ms], s.rn) FILTER (WHERE [s.st1, s.st2, s.st3, s.st4][r.ms] IS NOT NULL) AS start
      FROM reached r JOIN s4 s USING (person_id) GROUP BY r.person_id, r.ms
    ),
    people AS (
      SELECT top.person_id, top.ms, top.start AS t1,
        min(s.t) FILTER (WHERE s.st2 = top.start) AS t2, min(s.t) FILTER (WHERE s.st3 = top.start) AS t3, min(s.t) FILTER (WHERE s.st4 = top.start) AS t4
      FROM top JOIN s4 s USING (person_id) GROUP BY top.person_id, top.ms, top.start
    )
    SELECT
      count(*) AS reached1, count(*) FILTER (WHERE ms >= 2) AS reached2, count(*) FILTER (WHERE ms >= 3) AS reached3, count(*) FILTER (WHERE ms >= 4) AS reached4,
      ${[2, 3, 4]
        .map((k) => {
          const diff = `(t${k} - t${k - 1})`;
          const filter = `FILTER (WHERE ms >= ${k} AND ${diff} > 0)`;
          return `sum(${diff}) ${filter} AS total${k}, count(*) ${filter} AS n${k}, quantile_cont(${diff}, 0.5) ${filter} AS median${k}`;
        })
        .join(',\n      ')}
    FROM people`;
}
