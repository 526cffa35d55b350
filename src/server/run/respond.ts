/**
 * The HTTP answer for a run outcome: the cached body with this response's `meta` appended, its ETag,
 * and a 304 when the browser already holds that ETag. Appending to the stored text rather than parsing
 * and re-serialising it keeps a cache hit to one string copy.
 */
import type { Context } from 'hono';
import type { RunMeta } from '../../data/types.js';
import { matchesIfNoneMatch } from '../cache/etag.js';
import type { RunOutcome } from './pipeline.js';

export function respondWithRun(c: Context, outcome: RunOutcome, now = Date.now()): Response {
  const { answer } = outcome;
  if (matchesIfNoneMatch(c.req.header('if-none-match'), answer.etag)) {
    return c.body(null, 304, { ETag: answer.etag });
  }
  const meta: RunMeta = {
    cache: outcome.cache,
    age_s: Math.max(0, Math.round((now - (answer.dataAt ?? answer.storedAt)) / 1000)),
    upstream_ms: Math.max(0, Math.round(outcome.upstreamMs)),
  };
  return c.body(withMeta(answer.body, meta), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    ETag: answer.etag,
  });
}

/** `{...}` + meta -> `{...,"meta":{...}}`; the body is always a non-empty JSON object. */
export function withMeta(body: string, meta: RunMeta): string {
  const metaJson = JSON.stringify(meta);
  return body === '{}' ? `{"meta":${metaJson}}` : `${body.slice(0, -1)},"meta":${metaJson}}`;
}
