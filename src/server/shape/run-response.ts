/**
 * The 200 body of `POST /v1/endpoints/{name}/run` (DESIGN.md section 3), built from the endpoint's
 * definition and PostHog's raw answer. Only named envelope fields are copied; `results` is rebuilt by
 * results.ts.
 */
import type { RunResponse } from '../../data/types.js';
import { UpstreamError } from '../upstreams/errors.js';
import type { EndpointDefinition, RawRunResponse } from '../upstreams/types.js';
import type { QueryInfo } from './query-info.js';
import { shapeResults } from './results.js';
import { bool, num, put, text } from './values.js';

export interface RunResponseInput {
  /** The name the browser asked for (already validated), never the upstream's echo of it. */
  name: string;
  info: QueryInfo;
  definition: EndpointDefinition;
  raw: RawRunResponse;
  upstreamMs: number;
  now?: number;
}

export function buildRunResponse(input: RunResponseInput): RunResponse {
  const { name, info, definition, raw } = input;
  if (!info.kind) throw new UpstreamError('unsupported query kind', { status: 200, failure: 'bad_shape' });
  // Built field by field in the documented order, so the answer reads like DESIGN.md section 3.
  const response = { name, kind: info.kind } as RunResponse;
  put(response, 'display', info.display);
  put(response, 'format', info.format);
  response.results = shapeResults(info.kind, info.display, raw.results);
  if (info.kind === 'HogQLQuery') {
    put(response, 'columns', columns(raw.columns ?? definition.columns));
    put(response, 'types', types(raw.types));
  }
  put(response, 'hasMore', bool(raw.hasMore));
  put(response, 'limit', count(raw.limit));
  put(response, 'offset', count(raw.offset));
  const timezone = text(raw.timezone, 64);
  if (timezone && /^[A-Za-z0-9_+\-/]+$/.test(timezone)) response.timezone = timezone;
  const lastRefresh = text(raw.last_refresh, 64);
  put(response, 'last_refresh', lastRefresh);
  put(response, 'is_cached', bool(raw.is_cached));
  response.meta = {
    cache: 'miss',
    age_s: lastRefresh ? ageSeconds(lastRefresh, input.now ?? Date.now()) : 0,
    upstream_ms: Math.max(0, Math.round(input.upstreamMs)),
  };
  return response;
}

/** Column names; `[name, type]` pairs give their name. Positions are kept, so bad entries become ''. */
function columns(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((column) => (Array.isArray(column) ? text(column[0], 200) : text(column, 200)) ?? '');
}

function types(value: unknown): Array<string | [string, string]> | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((type) => {
    if (Array.isArray(type)) return [text(type[0], 200) ?? '', text(type[1], 200) ?? ''];
    return text(type, 200) ?? '';
  });
}

function count(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function ageSeconds(lastRefresh: string, now: number): number {
  const at = Date.parse(lastRefresh);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.round((now - at) / 1000));
}
