/**
 * The HTTP answer for a run outcome. Appending `meta` to the stored text rather than parsing and
 * re-serialising it keeps a cache hit to one string copy.
 */
import type { RunMeta } from '../../data/types.js';
import { matchesIfNoneMatch } from '../cache/etag.js';
import type { Answer } from '../http/call.js';
import type { RunOutcome } from './pipeline.js';

/** The cached body with this response's `meta` appended and its ETag, or a 304 when the browser holds that ETag. */
export function runAnswer(outcome: RunOutcome, ifNoneMatch: string | undefined, now = Date.now()): Answer {
  const { answer } = outcome;
  if (matchesIfNoneMatch(ifNoneMatch, answer.etag)) {
    return { status: 304, headers: { ETag: answer.etag }, body: null };
  }
  const meta: RunMeta = {
    cache: outcome.cache,
    age_s: Math.max(0, Math.round((now - (answer.dataAt ?? answer.storedAt)) / 1000)),
    upstream_ms: Math.max(0, Math.round(outcome.upstreamMs)),
  };
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: answer.etag },
    body: withMeta(answer.body, meta),
  };
}

/** `{...}` + meta -> `{...,"meta":{...}}`; the body is always a non-empty JSON object. */
export function withMeta(body: string, meta: RunMeta): string {
  const metaJson = JSON.stringify(meta);
  return body === '{}' ? `{"meta":${metaJson}}` : `${body.slice(0, -1)},"meta":${metaJson}}`;
}
