/**
 * What PostHog checks on `POST .../endpoints/{name}/run/` before it runs a query, in PostHog's order and
 * with PostHog's statuses and bodies. Sources, all in PostHog/posthog:
 * - products/endpoints/backend/api.py: `run()` (the 404 for an inactive endpoint, `_parse_run_request`,
 *   `_parse_int_param` for version/limit/offset, "offset requires limit", the unknown-version 404);
 * - products/endpoints/backend/logic/execution.py: `validate_run_request` (query_override,
 *   filters_override, offset, refresh "direct", unknown and required variables);
 * - products/endpoints/backend/logic/strategies.py: allowed variables per kind, and `apply_pagination`
 *   refusing `limit` on insights;
 * - posthog/schema.py `EndpointRunRequest` (pydantic, extra="forbid"), whose messages are pydantic's;
 * - drf-exceptions-hog's handler, which renders a DRF ValidationError as `{type, code, detail, attr}`
 *   with code `invalid_input` and `attr` the first offending field.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { BREAKDOWN_KINDS, breakdownProperties, unwrap, variablesSchema } from './fake-openapi.js';
import type { Fixture } from './fake-posthog.js';

/** A refusal as PostHog sends it. */
export interface Refusal {
  status: number;
  json: unknown;
}

/** What a run that passed every check asked for, as PostHog parsed it. */
export interface RunParams {
  limit?: number;
  offset?: number;
}

export interface RunInput {
  name: string;
  endpoint: Fixture['endpoint'];
  headers: IncomingHttpHeaders;
  body: string;
  search: URLSearchParams;
}

type Parsed = { value: unknown } | { error: string };
type Field = [name: string, parse: (value: unknown) => Parsed];

const INT = 'Input should be a valid integer';
const REFRESH_MODES = ['cache', 'force', 'direct'];
// EndpointRunRequest's fields in schema order: pydantic reports errors in this order, extras last.
const FIELDS: Field[] = [
  [
    'client_query_id',
    (v) => (typeof v === 'string' ? { value: v } : { error: 'Input should be a valid string' }),
  ],
  ['debug', parseBool],
  [
    'filters_override',
    (v) => parseDict(v, 'Input should be a valid dictionary or instance of DashboardFilter'),
  ],
  ['limit', parseInteger],
  ['offset', parseInteger],
  ['query_override', (v) => parseDict(v, 'Input should be a valid dictionary')],
  ['refresh', (v) => (REFRESH_MODES.includes(v as string) ? { value: v } : { error: refreshError() })],
  ['variables', (v) => parseDict(v, 'Input should be a valid dictionary')],
  ['version', parseInteger],
];

export function checkRun(input: RunInput): Refusal | RunParams {
  const type = input.headers['content-type'] ?? '';
  if (!/^application\/json(;|$)/.test(type)) {
    const detail = `Unsupported media type "${type}" in request.`;
    return refuse(415, { type: 'invalid_request', code: 'unsupported_media_type', detail, attr: null });
  }
  let body: unknown = {};
  try {
    // DRF reads an empty body as no fields at all.
    if (input.body !== '') body = JSON.parse(input.body);
  } catch (error) {
    const detail = `JSON parse error - ${(error as Error).message}`;
    return refuse(400, { type: 'invalid_request', code: 'parse_error', detail, attr: null });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('Input should be a valid dictionary or instance of EndpointRunRequest', 'body');
  }
  const parsed = parseModel(body as Record<string, unknown>);
  if ('attr' in parsed) return invalid(parsed.detail, parsed.attr);
  const { data } = parsed;

  const version = intParam(data.version, input.search.get('version'), 'version');
  if (isRefusal(version)) return version;
  const limit = intParam(data.limit, input.search.get('limit'), 'limit', 1);
  if (isRefusal(limit)) return limit;
  const offset = intParam(data.offset, input.search.get('offset'), 'offset', 0);
  if (isRefusal(offset)) return offset;
  if (offset !== undefined && limit === undefined) {
    return refuse(400, { error: 'offset requires limit to be set' });
  }
  // The fake's liberty: versions 1..current_version exist, all active (fixtures hold no version rows).
  const current = Number(input.endpoint.current_version ?? 1);
  if (version !== undefined && (version < 1 || version > current)) {
    const error = `Version ${version} not found for endpoint '${input.name}'`;
    return refuse(404, { error, current_version: current });
  }
  const query = unwrap(input.endpoint.query);
  const refusal = checkAgainstEndpoint(data, query, input.endpoint);
  if (refusal) return refusal;
  // Only SQL results are paged; a materialized insight that got this far ignores `limit`.
  return query.kind === 'HogQLQuery' ? { limit, offset } : {};
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** validate_run_request, then the inline path's refusal of `limit` on insights. */
function checkAgainstEndpoint(
  data: Record<string, unknown>,
  query: Record<string, unknown>,
  endpoint: Fixture['endpoint'],
): Refusal | undefined {
  const kind = String(query.kind);
  const isSql = kind === 'HogQLQuery';
  const materialized = endpoint.is_materialized === true;
  if (data.query_override !== undefined) {
    return invalid('Not allowed. Use variables instead.', 'query_override');
  }
  if (data.filters_override !== undefined) {
    // PostHog refuses it on SQL endpoints; on insights, releases before the strategy refactor refused it
    // too and current ones take it with a deprecation warning. DESIGN.md section 2: never send it.
    return isSql
      ? invalid('Not allowed for HogQL endpoints. Use variables instead.', 'filters_override')
      : invalid('filters_override is not allowed. Use variables instead.', null);
  }
  if (data.offset !== undefined && !isSql) {
    return invalid('offset is only supported for HogQL endpoints', 'offset');
  }
  if (data.refresh === 'direct' && !materialized) {
    const detail =
      "'direct' refresh mode is only valid for materialized endpoints. " +
      "Use 'cache' or 'force' instead, or enable materialization on this endpoint.";
    return invalid(detail, 'refresh');
  }
  const variables = (data.variables ?? {}) as Record<string, unknown>;
  // The same rule the fake's openapi.json documents, so a caller that trusts one is not refused by the other.
  const allowed = new Set(Object.keys(variablesSchema(query, materialized)?.properties ?? {}));
  const unknown = Object.keys(variables)
    .filter((key) => !allowed.has(key))
    .sort();
  if (unknown.length > 0) return invalid(`Unknown variable(s): ${unknown.join(', ')}`, 'variables');
  // A materialized table holds every tenant's rows: a missing breakdown variable would return them all.
  // Materialized SQL endpoints need PostHog's HogQL analysis to know theirs, which the fake cannot do.
  if (materialized && BREAKDOWN_KINDS.has(kind)) {
    const optional = new Set((endpoint.optional_breakdown_properties ?? []) as string[]);
    const missing = breakdownProperties(query)
      .filter((key) => !optional.has(key) && (variables[key] ?? null) === null)
      .sort();
    if (missing.length > 0) {
      return invalid(
        `Required variable(s) ${missing.map((key) => `'${key}'`).join(', ')} not provided`,
        'variables',
      );
    }
  }
  if (data.limit !== undefined && !isSql && !materialized) {
    return invalid(`Limit/offset parameters are only supported for HogQLQuery, not ${kind}`, 'limit');
  }
  return undefined;
}

/** EndpointRunRequest.model_validate: null counts as absent; the first error wins. */
function parseModel(
  body: Record<string, unknown>,
): { data: Record<string, unknown> } | { detail: string; attr: string } {
  const data: Record<string, unknown> = {};
  for (const [name, parse] of FIELDS) {
    if (body[name] === undefined || body[name] === null) continue;
    const parsed = parse(body[name]);
    if ('error' in parsed) return { detail: parsed.error, attr: name };
    data[name] = parsed.value;
  }
  const extra = Object.keys(body).find((key) => !FIELDS.some(([name]) => name === key));
  if (extra !== undefined) return { detail: 'Extra inputs are not permitted', attr: extra };
  return { data };
}

/** `_parse_int_param`: the body's (already an int) wins, else the query parameter, as Python's int(). */
function intParam(
  body: unknown,
  query: string | null,
  name: string,
  min?: number,
): number | undefined | Refusal {
  if (body === undefined && query !== null) {
    const value = /^\s*[+-]?\d+\s*$/.test(query) ? Number(query) : NaN;
    if (Number.isNaN(value) || (min !== undefined && value < min)) {
      return refuse(400, { error: `Invalid ${name} parameter: ${query}` });
    }
    return value;
  }
  if (body !== undefined && min !== undefined && (body as number) < min) {
    return refuse(400, { error: `Invalid ${name} parameter: ${String(body)}` });
  }
  return body as number | undefined;
}

/** pydantic's lax int: integers, whole floats, integer strings and booleans. */
function parseInteger(value: unknown): Parsed {
  if (typeof value === 'boolean') return { value: Number(value) };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { value } : { error: `${INT}, got a number with a fractional part` };
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return /^[+-]?\d+$/.test(text)
      ? { value: Number(text) }
      : { error: `${INT}, unable to parse string as an integer` };
  }
  return { error: INT };
}

/** pydantic's lax bool. */
function parseBool(value: unknown): Parsed {
  if (typeof value === 'boolean') return { value };
  const text =
    typeof value === 'string' ? value.toLowerCase() : typeof value === 'number' ? String(value) : null;
  if (text === null) return { error: 'Input should be a valid boolean' };
  if (['1', 'on', 't', 'true', 'y', 'yes'].includes(text)) return { value: true };
  if (['0', 'off', 'f', 'false', 'n', 'no'].includes(text)) return { value: false };
  return { error: 'Input should be a valid boolean, unable to interpret input' };
}

function parseDict(value: unknown, error: string): Parsed {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { value } : { error };
}

function refreshError(): string {
  const quoted = REFRESH_MODES.map((mode) => `'${mode}'`);
  return `Input should be ${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function refuse(status: number, json: unknown): Refusal {
  return { status, json };
}

function invalid(detail: string, attr: string | null): Refusal {
  return refuse(400, { type: 'validation_error', code: 'invalid_input', detail, attr });
}
