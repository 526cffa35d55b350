/**
 * The HTTP answer for a run outcome. Appending `meta` to the stored text rather than parsing and
 * re-serialising it keeps a cache hit to one string copy, and the last body built for each cached
 * answer is kept with it: hits within the same second of age share one body, copied once.
 */
import type { RunMeta } from '../../data/types.js';
import { matchesIfNoneMatch } from '../cache/etag.js';
import type { Answer } from '../http/call.js';
import type { CachedAnswer } from '../cache/types.js';
import type { RunOutcome } from './pipeline.js';

const lastBodies = new WeakMap<CachedAnswer, { meta: string; body: string }>();

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
    body: bodyOf(answer, JSON.stringify(meta)),
  };
}

function bodyOf(answer: CachedAnswer, metaJson: string): string {
  const last = lastBodies.get(answer);
  if (last?.meta === metaJson) return last.body;
  const body = appendMeta(answer.body, metaJson);
  lastBodies.set(answer, { meta: metaJson, body });
  return body;
}

/** `{...}` + meta -> `{...,"meta":{...}}`; the body is always a non-empty JSON object. */
function appendMeta(body: string, metaJson: string): string {
  return body === '{}' ? `{"meta":${metaJson}}` : `${body.slice(0, -1)},"meta":${metaJson}}`;
}
