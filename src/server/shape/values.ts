/**
 * Small readers for untrusted JSON values. Each returns the value in the type the wire contract
 * promises, or `undefined` when the upstream sent something else, so callers can simply omit it.
 * Nothing here passes an object through: structure is rebuilt field by field by the callers.
 */
import type { BreakdownValue } from '../../data/types.js';

const CONTROL_CHARS = /\p{Cc}/gu;

export function text(value: unknown, max = 1000): string | undefined {
  if (typeof value === 'string') return value.length > max ? value.slice(0, max) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A short single-line label (prefixes, names), with control characters removed. */
export function label(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value.replace(CONTROL_CHARS, '').slice(0, max);
  return cleaned === '' ? undefined : cleaned;
}

export function textOrNull(value: unknown, max = 1000): string | null | undefined {
  return value === null ? null : text(value, max);
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function numOrNull(value: unknown): number | null | undefined {
  return value === null ? null : num(value);
}

/**
 * The text Django REST framework writes for a Decimal (`"6.50"`, its default for decimals): the only
 * string read as a number, and only where a measure is expected, never for labels or breakdown values.
 */
const DECIMAL_TEXT = /^-?\d{1,300}(\.\d{1,300})?$/;

/** A measured value (a count, a sum, a duration): a number, or a decimal PostHog sent as text. */
export function measure(value: unknown): number | undefined {
  return typeof value === 'string' && DECIMAL_TEXT.test(value) ? num(Number(value)) : num(value);
}

export function measureOrNull(value: unknown): number | null | undefined {
  return value === null ? null : measure(value);
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An identifier-like token such as a display type; anything else is dropped rather than echoed. */
export function token(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value) ? value : undefined;
}

/** Measures, with anything that is not one (PostHog sends null for gaps) as null. */
export function measureList(value: unknown): Array<number | null> {
  return Array.isArray(value) ? value.map((item) => measure(item) ?? null) : [];
}

/** Strings, with numbers turned into text and anything else into an empty string (positions matter). */
export function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.map((item) => text(item) ?? '') : [];
}

function breakdownScalar(value: unknown): string | number | null | undefined {
  if (value === null) return null;
  if (typeof value === 'boolean') return String(value);
  return num(value) ?? text(value);
}

/** Trends send a string or number, funnels a list of them. */
export function breakdownValue(value: unknown): BreakdownValue | undefined {
  if (Array.isArray(value)) return value.map((item) => breakdownScalar(item) ?? null);
  return breakdownScalar(value);
}

/** Sets `key` on `target` only when `value` is defined, so absent and mistyped fields are omitted alike. */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
