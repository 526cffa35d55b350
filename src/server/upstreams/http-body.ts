/**
 * Reading upstream HTTP answers defensively: a body is read with a byte cap (a huge or endless answer
 * must not exhaust memory), parsed as JSON only when it is JSON, and `Retry-After` is understood in
 * both of its forms.
 */
import { readStreamCapped } from '../http/read-capped.js';
import { UpstreamError, type PostHogErrorBody } from './errors.js';

/** Larger than any sane endpoint result; PostHog caps SQL results well below this. */
export const MAX_UPSTREAM_BODY_BYTES = 20 * 1024 * 1024;

/** Reads the whole body as text, or throws `UpstreamError` (too_large) past `maxBytes`. */
export async function readCappedText(
  response: Response,
  maxBytes = MAX_UPSTREAM_BODY_BYTES,
): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(response.status, maxBytes);
  }
  if (!response.body) return '';
  return readStreamCapped(response.body, maxBytes, () => tooLarge(response.status, maxBytes));
}

/** Parses text as JSON; `undefined` when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An error body worth keeping: a JSON object, reduced to PostHog's known fields. */
export function toErrorBody(json: unknown): PostHogErrorBody | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { type, code, detail, attr, error } = json as Record<string, unknown>;
  return { type, code, detail, attr, error };
}

/** `Retry-After` as whole seconds: either a delay or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function tooLarge(status: number, maxBytes: number): UpstreamError {
  return new UpstreamError(`upstream answer is larger than ${maxBytes} bytes`, {
    status,
    failure: 'too_large',
  });
}
