/** What every formatter shows for a value that is missing or not a finite number: never "NaN". */
export const MISSING = '\u2014';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
