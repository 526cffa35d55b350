/**
 * PostHog's own rule for endpoint names (`ENDPOINT_NAME_REGEX` in products/endpoints/backend/api.py).
 * Checking it at every boundary means a name can never carry `/`, `..` or `%` into a URL or a file path.
 */
export const ENDPOINT_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_-]{0,127}$/;

export function isEndpointName(value: unknown): value is string {
  return typeof value === 'string' && ENDPOINT_NAME_PATTERN.test(value);
}
