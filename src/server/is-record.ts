/** A plain JSON object: not null, not an array. Upstream JSON is untrusted, so every read goes through this. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
