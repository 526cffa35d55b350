/** What every formatter shows for a value that is missing or not a finite number: never "NaN". */
export const MISSING = '\u2014';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A JSON object (not null, not an array): what a result's series, steps and rows must be to be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
