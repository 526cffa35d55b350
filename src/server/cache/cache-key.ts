/**
 * The cache key of a run: the endpoint, its version, the merged variables (locked ones included),
 * `limit`/`offset`, and the tenant when tokens are on. Two tenants therefore never share an entry, even
 * when their variables happen to match. Variables are serialised with sorted keys, so `{a, b}` and
 * `{b, a}` are one entry.
 *
 * In memory the key is that canonical text itself: exact (no collision to craft) and free to compute
 * on the hot path of a cache hit. Shared stores get `sharedKeyOf`, its SHA-256, so that no tenant name
 * or variable value ends up in Redis, and no key there is longer than a hash.
 */
import { sha256Base64Url } from './hash.js';

export interface CacheKeyParts {
  name: string;
  /** The endpoint's `current_version`, when its definition has one. */
  version: unknown;
  variables: Record<string, unknown> | undefined;
  limit: number | undefined;
  offset: number | undefined;
  tenant: string | undefined;
}

/** `<name>:<canonical JSON of everything that selects the answer>`. */
export function cacheKey(parts: CacheKeyParts): string {
  const version =
    typeof parts.version === 'number' || typeof parts.version === 'string' ? parts.version : null;
  // canonicalJson of [name, version, variables, limit, offset, tenant], spelled out: it runs on every hit.
  const canonical =
    `[${JSON.stringify(parts.name)},${JSON.stringify(version)},${canonicalJson(parts.variables ?? {})},` +
    `${JSON.stringify(parts.limit ?? null)},${JSON.stringify(parts.offset ?? null)},${JSON.stringify(parts.tenant ?? null)}]`;
  return `${parts.name}:${canonical}`;
}

/** `<name>:<sha256 of the key>` for Redis: the name stays readable for an operator looking at it. */
export async function sharedKeyOf(key: string): Promise<string> {
  return `${key.slice(0, key.indexOf(':'))}:${await sha256Base64Url(key)}`;
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const entries = keys
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
