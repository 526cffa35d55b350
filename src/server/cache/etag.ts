/**
 * ETags for run answers. They are weak (`W/"..."`): two answers with one tag carry the same results but
 * may differ in `meta.age_s`, which is exactly what a weak validator means.
 */
import { sha256Base64Url } from './hash.js';

export async function etagOf(body: string): Promise<string> {
  return `W/"${(await sha256Base64Url(body)).slice(0, 27)}"`;
}

/** `If-None-Match` by weak comparison (RFC 9110 section 13.1.2): a list of tags, or `*`. */
export function matchesIfNoneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = opaque(etag);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || opaque(tag) === wanted;
  });
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
