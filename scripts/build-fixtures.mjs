// Turns the real PostHog samples in test/fixtures/posthog/ (saved-insight mocks, rows under
// `result`) into what the fixtures upstream replays: per endpoint, the `GET .../endpoints/{name}/`
// definition and the `/run` response (rows under `results`). Internal fields such as
// `persons_urls` and `filter` are kept on purpose, so the proxy's allowlist is exercised.
// Run with `node scripts/build-fixtures.mjs`; the output is committed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const src = new URL('../test/fixtures/posthog/', import.meta.url);
const out = new URL('../test/fixtures/endpoints/', import.meta.url);

/** Endpoint name (as the local engine will ship it) -> sample file and description. */
const endpoints = {
  daily_active_users: ['trends-line.json', 'Pageviews per day over the last eight weeks'],
  pageviews_by_browser: ['trends-line-breakdown.json', 'Daily pageviews broken down by library version'],
  pageviews_by_browser_version: ['trends-breakdown-bar-value.json', 'Pageviews per browser version'],
  total_signups: ['trends-bold-number.json', 'Sign-ups in the last seven days'],
  signups_this_week: ['trends-bold-number-compare.json', 'Sign-ups this week against last week'],
  activation_funnel: ['funnel-steps.json', 'Pageview funnel with an optional middle step'],
  activation_funnel_by_variant: ['funnel-breakdown-experiment.json', 'Sign-up funnel by experiment variant'],
  signup_retention: ['retention.json', 'Daily retention of users who signed up'],
  top_events: ['hogql-data-table.json', 'Events per user and browser in the last day (SQL)'],
};

mkdirSync(out, { recursive: true });
for (const [name, [file, description]] of Object.entries(endpoints)) {
  const sample = JSON.parse(readFileSync(new URL(file, src), 'utf8'));
  // Experiment responses carry the funnel under `insight` and the query under `funnels_query`.
  const rows = sample.result ?? sample.insight;
  const query = sample.query ?? sample.funnels_query;
  const run = {
    results: rows,
    name,
    ...(sample.columns ? { columns: sample.columns, hasMore: false } : {}),
    is_cached: sample.is_cached ?? true,
    last_refresh: sample.last_refresh ?? null,
    next_allowed_client_refresh: sample.next_allowed_client_refresh ?? null,
    timezone: sample.timezone ?? 'UTC',
    endpoint_version: 1,
    execution_id: `fixture-${name}`,
  };
  const endpoint = {
    name,
    description,
    query,
    is_active: true,
    current_version: 1,
    data_freshness_seconds: 3600,
    ...(sample.columns ? { columns: sample.columns } : {}),
  };
  writeFileSync(new URL(`${name}.json`, out), JSON.stringify({ endpoint, run }, null, 2) + '\n');
}
