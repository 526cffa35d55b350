/**
 * The proxy's 200 body for an endpoint fixture (`{endpoint, run}` from test/fixtures/endpoints),
 * shared by the browser's fake client, the fake proxy in web-test-runner's dev server and the
 * render bench, so all three answer alike. Plain JavaScript: Node loads it without a compiler.
 */

/** What the proxy keeps of a row: no `persons_urls`, no `filter`, no filter internals in `action`. */
function allowlisted(row) {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  const kept = { ...row };
  delete kept.persons_urls;
  delete kept.filter;
  delete kept.persons;
  if (typeof kept.action === 'object' && kept.action !== null) {
    const { name, custom_name, math, order } = kept.action;
    kept.action = { name, custom_name, math, order };
  }
  return kept;
}

export function proxyAnswer(fixture) {
  const stored = fixture.endpoint.query;
  const query = stored.source ?? stored;
  const { run } = fixture;
  const answer = { name: fixture.endpoint.name, kind: query.kind };
  const display = query.trendsFilter?.display ?? query.funnelsFilter?.funnelVizType;
  if (display) answer.display = display;
  answer.results = Array.isArray(run.results) ? run.results.map(allowlisted) : run.results;
  if (query.kind === 'HogQLQuery') {
    if (Array.isArray(run.columns)) answer.columns = run.columns;
    if (Array.isArray(run.types)) answer.types = run.types;
  }
  if (typeof run.hasMore === 'boolean') answer.hasMore = run.hasMore;
  answer.timezone = run.timezone ?? 'UTC';
  if (typeof run.last_refresh === 'string') answer.last_refresh = run.last_refresh;
  answer.is_cached = run.is_cached ?? false;
  answer.meta = { cache: 'miss', age_s: 0, upstream_ms: 1 };
  return answer;
}
