/**
 * Faults: a fake PostHog that hangs, resets the connection, answers 5xx with and without Retry-After,
 * 429, invalid JSON, a truncated body or a 50 MB body. The proxy answers each with the right error
 * (or, when it has one, the last good answer marked stale), never crashes, and its memory stays
 * bounded while it refuses the huge body.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import type { Reply } from './helpers/fake-posthog.js';
import {
  errorCodeOf,
  fakeClock,
  metaOf,
  runCalls,
  startProxy,
  type TestProxy,
} from './helpers/resilient-proxy.js';

const MB = 1024 * 1024;
const TIMEOUT_MS = 600;
const SLOW_TIMEOUT_MS = 15_000;

/** A 200 whose JSON body is `bytes` long, streamed with backpressure so the fake never holds it. */
function hugeBody(bytes: number, declareLength: boolean): Reply {
  return {
    respond: (res: ServerResponse) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ...(declareLength ? { 'Content-Length': String(bytes) } : {}),
      });
      const head = '{"results":["';
      const tail = '"]}';
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = bytes - head.length - tail.length;
      res.write(head);
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const size = Math.min(chunk.length, left);
          left -= size;
          if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end(tail);
      };
      pump();
    },
  };
}

/** Promises `length` bytes, sends `sent` of them, then drops the connection. */
function truncated(text: string, sent: number, declareLength: boolean): Reply {
  return {
    respond: (res: ServerResponse) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        ...(declareLength ? { 'Content-Length': String(text.length) } : {}),
      });
      res.write(text.slice(0, sent), () => res.socket?.destroy());
    },
  };
}

interface FaultCase {
  title: string;
  reply: Reply;
  status: number;
  code: string;
  retryAfter?: number;
  /** Streaming 20 MB before giving up takes longer than the short timeout on a loaded machine. */
  slow?: boolean;
}

const FULL_RUN = JSON.stringify({ results: [{ label: 'x', data: [1, 2, 3], days: ['2024-01-01'] }] });

const CASES: FaultCase[] = [
  { title: 'hangs', reply: { hang: true }, status: 504, code: 'upstream_timeout' },
  { title: 'resets the connection', reply: { destroy: true }, status: 503, code: 'upstream_unavailable' },
  { title: '500', reply: { status: 500, json: { detail: 'boom' } }, status: 502, code: 'upstream_error' },
  {
    title: '502 (an HTML page)',
    reply: { status: 502, text: '<h1>Bad gateway</h1>' },
    status: 502,
    code: 'upstream_error',
  },
  {
    title: '503 without Retry-After',
    reply: { status: 503, json: { detail: 'busy' } },
    status: 503,
    code: 'upstream_unavailable',
  },
  {
    title: '503 with Retry-After',
    reply: { status: 503, json: { detail: 'busy' }, headers: { 'Retry-After': '120' } },
    status: 503,
    code: 'upstream_unavailable',
    retryAfter: 120,
  },
  {
    title: '429 with Retry-After',
    reply: { status: 429, json: { detail: 'slow' }, headers: { 'Retry-After': '7' } },
    status: 429,
    code: 'rate_limited',
    retryAfter: 7,
  },
  {
    title: '429 without Retry-After',
    reply: { status: 429, json: { detail: 'slow' } },
    status: 429,
    code: 'rate_limited',
    retryAfter: 60,
  },
  {
    title: 'invalid JSON',
    reply: { status: 200, text: '{"results": [1, 2,' },
    status: 502,
    code: 'upstream_error',
  },
  {
    title: 'a body cut short of its Content-Length',
    reply: truncated(FULL_RUN, 20, true),
    status: 503,
    code: 'upstream_unavailable',
  },
  {
    title: 'a chunked body cut off mid-stream',
    reply: truncated(FULL_RUN, 20, false),
    status: 503,
    code: 'upstream_unavailable',
  },
  {
    title: 'a 50 MB body with Content-Length',
    reply: hugeBody(50 * MB, true),
    status: 502,
    code: 'upstream_error',
  },
  {
    title: 'a 50 MB chunked body',
    reply: hugeBody(50 * MB, false),
    status: 502,
    code: 'upstream_error',
    slow: true,
  },
];

describe('faults with nothing cached: the right error, every time', () => {
  let quick: TestProxy;
  let patient: TestProxy;
  before(async () => {
    quick = await startProxy({
      env: { PH_EMBED_TIMEOUT_MS: String(TIMEOUT_MS), PH_EMBED_RATE_LIMIT: '1000' },
      services: { random: () => 0 },
    });
    patient = await startProxy({ fake: quick.fake, env: { PH_EMBED_TIMEOUT_MS: String(SLOW_TIMEOUT_MS) } });
  });
  after(async () => {
    await patient.close();
    await quick.close();
  });

  for (const item of CASES) {
    test(`PostHog ${item.title} -> ${item.status} ${item.code}`, async () => {
      const p = item.slow ? patient : quick;
      p.fake.reset();
      p.fake.script('run', item.reply);
      const started = performance.now();
      const answer = await p.run('total_signups');
      assert.equal(answer.status, item.status, answer.text);
      assert.equal(errorCodeOf(answer), item.code);
      const error = (
        answer.json as { error: { message: string; retryable: boolean; retry_after_s?: number } }
      ).error;
      assert.equal(error.retry_after_s, item.retryAfter);
      assert.equal(
        answer.headers.get('retry-after'),
        item.retryAfter === undefined ? null : String(item.retryAfter),
      );
      assert.doesNotMatch(error.message, /at \w+ \(|Traceback|xxxx/);
      assert.ok(answer.headers.get('x-request-id'));
      const timeout = item.slow ? SLOW_TIMEOUT_MS : TIMEOUT_MS;
      assert.ok(performance.now() - started < timeout + 1500, 'answered within the timeout');
    });
  }

  test('the proxy is still up and answering after all of them', async () => {
    quick.fake.reset();
    assert.equal((await quick.request('/healthz')).status, 200);
    assert.equal((await quick.run('daily_active_users')).status, 200);
  });
});

describe('faults with a last good answer: stale data instead of an error', () => {
  test('every fault is answered with the cached result, marked stale', async () => {
    const clock = fakeClock();
    const p = await startProxy({
      env: { PH_EMBED_TIMEOUT_MS: String(TIMEOUT_MS), PH_EMBED_RATE_LIMIT: '1000' },
      services: { clock: clock.now, random: () => 0 },
    });
    try {
      const good = await p.run('total_signups');
      assert.equal(good.status, 200);
      clock.advance(3 * 3_600_000);
      for (const item of CASES) {
        p.fake.script('run', item.reply);
        const answer = await p.run('total_signups');
        assert.equal(answer.status, 200, item.title);
        assert.equal(metaOf(answer).cache, 'stale', item.title);
        assert.deepEqual(
          (answer.json as { results: unknown }).results,
          (good.json as { results: unknown }).results,
        );
      }
      assert.ok(runCalls(p.fake) > CASES.length, 'each fault reached PostHog');
    } finally {
      await p.close();
    }
  });
});

describe('memory around the 50 MB body', () => {
  test('refusing it, memory peaks well under the body size and returns to where it was', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const p = await startProxy({ env: { PH_EMBED_TIMEOUT_MS: '10000', PH_EMBED_RATE_LIMIT: '1000' } });
    try {
      // Warm up every code path once, so the measurement sees the body and not module loading.
      p.fake.script('run', hugeBody(2 * MB, false));
      await p.run('total_signups', { variables: { date_from: '-1d' } });
      gc();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakHeap = before.heapUsed;
      const sampler = setInterval(() => {
        const now = process.memoryUsage();
        peakRss = Math.max(peakRss, now.rss);
        peakHeap = Math.max(peakHeap, now.heapUsed);
      }, 2);
      p.fake.script('run', hugeBody(50 * MB, false));
      const answer = await p.run('total_signups', { variables: { date_from: '-2d' } });
      clearInterval(sampler);
      assert.equal(answer.status, 502);
      assert.ok(
        p.logs.entries().some((entry) => entry.failure === 'too_large'),
        'refused for its size, after reading up to the cap',
      );
      gc();
      const afterUse = process.memoryUsage();
      peakRss = Math.max(peakRss, afterUse.rss);
      const heapGrowth = afterUse.heapUsed - before.heapUsed;
      const rssGrowth = peakRss - before.rss;
      const heapPeak = peakHeap - before.heapUsed;
      console.log(
        `50 MB body: peak heap growth ${(heapPeak / MB).toFixed(1)} MB, kept ${(heapGrowth / MB).toFixed(1)} MB; ` +
          `peak RSS growth ${(rssGrowth / MB).toFixed(1)} MB`,
      );
      assert.ok(
        heapPeak < 48 * MB,
        `the heap peaked ${(heapPeak / MB).toFixed(1)} MB above where it started`,
      );
      assert.ok(heapGrowth < 8 * MB, `the heap grew by ${(heapGrowth / MB).toFixed(1)} MB and kept it`);
      // Less than the body itself: it was never held whole (the upstream reader stops at 20 MB).
      assert.ok(rssGrowth < 48 * MB, `RSS peaked ${(rssGrowth / MB).toFixed(1)} MB above where it started`);
    } finally {
      await p.close();
    }
  });
});
