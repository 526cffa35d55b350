/**
 * The body a browser may post to `/v1/endpoints/{name}/run`, read with a byte cap and checked against
 * a strict schema. Whatever is not named here is refused, not dropped: the browser learns that
 * `query_override` is not a thing rather than having it silently ignored.
 */
import { z } from 'zod';
import type { RunRequest } from '../../data/types.js';
import { setBounded } from '../cache/bounded-map.js';
import { ApiError } from '../errors/api-error.js';
import { readStreamCapped } from '../http/read-capped.js';

export const MAX_RUN_BODY_BYTES = 16 * 1024;
const MAX_VARIABLES = 64;
/** Deep nesting is no use to a PostHog variable, and checked before any recursive validation runs. */
const MAX_BODY_DEPTH = 8;

const runRequestSchema = z
  .strictObject({
    variables: z
      .record(z.string().max(200, 'variable names are at most 200 characters'), z.unknown())
      .refine(
        (vars) => Object.keys(vars).length <= MAX_VARIABLES,
        `must hold at most ${MAX_VARIABLES} variables`,
      )
      .optional(),
    refresh: z.enum(['cache', 'force'], 'must be "cache" or "force"').optional(),
    limit: z
      .int('must be a whole number')
      .min(1, 'must be 1..10000')
      .max(10_000, 'must be 1..10000')
      .optional(),
    offset: z.int('must be a whole number').min(0, 'must be 0 or more').optional(),
  })
  .refine((body) => body.offset === undefined || body.limit !== undefined, {
    message: 'needs limit',
    path: ['offset'],
  });

/** Reads at most MAX_RUN_BODY_BYTES, whatever Content-Length claims, and parses it. */
export async function readRunRequest(request: Request): Promise<RunRequest> {
  return parseRunRequest(await readCapped(request, MAX_RUN_BODY_BYTES));
}

/** Bodies short enough to remember, and how many: a dashboard posts the same few bodies over and over. */
const REMEMBERED_BODY_CHARS = 1024;
const REMEMBERED_BODIES = 256;
const parsedBodies = new Map<string, RunRequest>();

/**
 * The run request in `text` (empty means `{}`), or the 400 that says what is wrong with it. A short
 * body seen before gets the same answer again without parsing: frozen, since callers share it.
 */
export function parseRunRequest(text: string): RunRequest {
  const known = parsedBodies.get(text);
  if (known) return known;
  const request = deepFreeze(parseFresh(text));
  if (text.length <= REMEMBERED_BODY_CHARS) setBounded(parsedBodies, text, request, REMEMBERED_BODIES);
  return request;
}

function parseFresh(text: string): RunRequest {
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_request', 'The request body is not valid JSON');
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ApiError(400, 'invalid_request', 'The request body must be a JSON object');
  }
  if (depth(json) > MAX_BODY_DEPTH) {
    throw new ApiError(400, 'invalid_request', 'The request body is nested too deeply');
  }
  // JSON.parse keeps `__proto__` as an own key, which object copies would silently drop or misread.
  const variables = (json as { variables?: unknown }).variables;
  if (typeof variables === 'object' && variables !== null && Object.hasOwn(variables, '__proto__')) {
    throw new ApiError(400, 'invalid_variables', 'Unknown variable "__proto__"');
  }
  const parsed = runRequestSchema.safeParse(json);
  if (!parsed.success) throw new ApiError(400, 'invalid_request', describe(parsed.error.issues[0]));
  return parsed.data as RunRequest;
}

export function payloadTooLarge(maxBytes = MAX_RUN_BODY_BYTES): ApiError {
  return new ApiError(413, 'payload_too_large', `The request body must be at most ${maxBytes} bytes`);
}

/** A Content-Length over `maxBytes` is refused before anything is read (chunked bodies are capped as read). */
export function assertDeclaredLength(
  contentLength: string | undefined,
  transferEncoding: string | undefined,
  maxBytes: number,
): void {
  if (declaresTooMuch(contentLength, transferEncoding, maxBytes)) throw payloadTooLarge(maxBytes);
}

export function declaresTooMuch(
  contentLength: string | undefined,
  transferEncoding: string | undefined,
  maxBytes: number,
): boolean {
  return contentLength !== undefined && transferEncoding === undefined && Number(contentLength) > maxBytes;
}

/** A web Request's body as text, at most `maxBytes`. */
export async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !request.headers.has('transfer-encoding')) {
    // text() rather than the stream: @hono/node-server reads it straight off the socket, where the
    // stream would first build a whole undici Request. Node's parser stops at the declared length; a
    // Request built in-process might hold more, so the cap is checked again after reading.
    assertDeclaredLength(declared, undefined, maxBytes);
    const text = await request.text();
    if (text.length > maxBytes || utf8Length(text, maxBytes) > maxBytes) throw payloadTooLarge(maxBytes);
    return text;
  }
  if (!request.body) return '';
  return readStreamCapped(request.body, maxBytes, () => payloadTooLarge(maxBytes));
}

/** Bytes of `text` in UTF-8; only worked out when the text might be over the cap. */
function utf8Length(text: string, maxBytes: number): number {
  return text.length * 3 <= maxBytes ? text.length : new TextEncoder().encode(text).byteLength;
}

function describe(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'The request body is invalid';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => JSON.stringify(printable(key)));
    return `Unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}: allowed are variables, refresh, limit, offset`;
  }
  const path = issue.path.map((part) => printable(String(part))).join('.');
  return path ? `${path} ${issue.message}` : issue.message;
}

/** Field names are echoed back, so keep them short and printable. */
function printable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function depth(value: unknown, level = 0): number {
  if (level > MAX_BODY_DEPTH || typeof value !== 'object' || value === null) return level;
  let deepest = level;
  for (const item of Object.values(value)) deepest = Math.max(deepest, depth(item, level + 1));
  return deepest;
}
