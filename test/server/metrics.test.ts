/** `GET /metrics`: Prometheus text with requests, cache results, upstream latency and rejections. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MetricsRegistry } from '../../src/server/metrics/registry.js';
import { MAX_ENDPOINT_LABELS, ProxyMetrics } from '../../src/server/metrics/proxy-metrics.js';
import { startProxy, type TestProxy } from './helpers/resilient-proxy.js';

/** `name{labels} value` lines as a map, for exact lookups. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

describe('/metrics over HTTP', () => {
  let p: TestProxy;
  let text: string;
  let contentType: string | null;

  before(async () => {
    p = await startProxy({ env: { PH_EMBED_RATE_LIMIT: '1000', PH_EMBED_TIMEOUT_MS: '2000' } });
    await p.run('total_signups');
    await p.run('total_signups');
    await p.run('no_such_endpoint');
    await p.run('..%2Fetc');
    for (let i = 0; i < 20; i++) await p.run(`made_up_${i}`);
    p.fake.script('run', { status: 500, json: { detail: 'boom' } });
    await p.run('top_events');
    p.fake.reset();
    await p.request('/healthz');
    const answer = await p.request('/metrics');
    text = answer.text;
    contentType = answer.headers.get('content-type');
  });
  after(() => p.close());

  test('is Prometheus text format 0.0.4, every sample well-formed', () => {
    assert.equal(contentType, 'text/plain; version=0.0.4; charset=utf-8');
    for (const line of text.trimEnd().split('\n')) {
      assert.match(
        line,
        /^(# (HELP|TYPE) ph_embed_\w+ .+|ph_embed_\w+(\{(\w+="[^"\\\n]*",?)+\})? (-?\d+(\.\d+)?(e[+-]?\d+)?|\+Inf|NaN))$/,
        line,
      );
    }
    for (const name of [
      'ph_embed_http_requests_total',
      'ph_embed_cache_requests_total',
      'ph_embed_upstream_duration_seconds',
      'ph_embed_limiter_rejections_total',
    ]) {
      assert.match(text, new RegExp(`^# TYPE ${name} (counter|histogram)$`, 'm'));
    }
  });

  test('counts requests by route, endpoint and status', () => {
    const values = samples(text);
    assert.equal(
      values.get('ph_embed_http_requests_total{route="run",endpoint="total_signups",status="200"}'),
      2,
    );
    assert.equal(
      values.get('ph_embed_http_requests_total{route="run",endpoint="top_events",status="502"}'),
      1,
    );
    assert.equal(values.get('ph_embed_http_requests_total{route="health",endpoint="",status="200"}'), 1);
  });

  test('names only endpoints the upstream confirmed: unknown and invalid names share "other"', () => {
    const values = samples(text);
    assert.equal(values.get('ph_embed_http_requests_total{route="run",endpoint="other",status="404"}'), 21);
    assert.equal(values.get('ph_embed_http_requests_total{route="run",endpoint="other",status="400"}'), 1);
    assert.ok(!text.includes('made_up') && !text.includes('no_such') && !text.includes('etc'));
  });

  test('counts cache hits and misses, and times upstream calls', () => {
    const values = samples(text);
    assert.equal(values.get('ph_embed_cache_requests_total{endpoint="total_signups",result="miss"}'), 1);
    assert.equal(values.get('ph_embed_cache_requests_total{endpoint="total_signups",result="hit"}'), 1);
    assert.equal(values.get('ph_embed_upstream_duration_seconds_count{operation="run",outcome="ok"}'), 1);
    assert.equal(
      values.get('ph_embed_upstream_duration_seconds_count{operation="run",outcome="server_error"}'),
      1,
    );
    const inf = values.get(
      'ph_embed_upstream_duration_seconds_bucket{operation="run",outcome="ok",le="+Inf"}',
    );
    assert.equal(inf, 1);
    assert.ok(
      (values.get('ph_embed_upstream_duration_seconds_sum{operation="run",outcome="ok"}') ?? -1) >= 0,
    );
  });

  test('holds neither the key nor request text', () => {
    assert.ok(!text.includes(p.key));
    assert.ok(!text.includes('Bearer'));
  });
});

describe('the registry', () => {
  test('histogram buckets are cumulative and label values escaped', () => {
    const registry = new MetricsRegistry();
    const histogram = registry.histogram('t_seconds', 'Test.', [0.1, 1], ['kind']);
    histogram.observe({ kind: 'a"b\\c\nd' }, 0.05);
    histogram.observe({ kind: 'a"b\\c\nd' }, 0.5);
    histogram.observe({ kind: 'a"b\\c\nd' }, 5);
    const values = samples(registry.render());
    const label = 'kind="a\\"b\\\\c\\nd"';
    assert.equal(values.get(`t_seconds_bucket{${label},le="0.1"}`), 1);
    assert.equal(values.get(`t_seconds_bucket{${label},le="1"}`), 2);
    assert.equal(values.get(`t_seconds_bucket{${label},le="+Inf"}`), 3);
    assert.equal(values.get(`t_seconds_count{${label}}`), 3);
    assert.equal(values.get(`t_seconds_sum{${label}}`), 5.55);
  });

  test('endpoint labels stop growing at the budget', () => {
    const metrics = new ProxyMetrics();
    for (let i = 0; i < MAX_ENDPOINT_LABELS + 50; i++) metrics.confirmEndpoint(`endpoint_${i}`);
    assert.equal(metrics.endpointLabel('endpoint_0'), 'endpoint_0');
    assert.equal(metrics.endpointLabel(`endpoint_${MAX_ENDPOINT_LABELS + 10}`), 'other');
    assert.equal(metrics.endpointLabel(undefined), 'other');
  });
});
