/**
 * Who may read `/metrics`. Endpoint names and traffic are nobody else's business, so by default only
 * clients on this machine may (a Prometheus sidecar, an operator's curl); a scraper elsewhere sends
 * `Authorization: Bearer <PH_EMBED_METRICS_TOKEN>`. Without a socket (a Worker, a Next.js route) no
 * client is known to be local, so there metrics need the token.
 */
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from '../auth/settings.js';
import { ApiError } from '../errors/api-error.js';
import type { AppEnv } from './middleware.js';

export function metricsAccess(token: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (token !== undefined) {
      if (!sameText(bearerOf(c.req.header('authorization')), token)) {
        throw new ApiError(
          401,
          'token_invalid',
          'Metrics need Authorization: Bearer <PH_EMBED_METRICS_TOKEN>',
          {
            headers: { 'WWW-Authenticate': 'Bearer realm="ph-embed-metrics"' },
          },
        );
      }
    } else if (!isLoopbackHost(c.get('clientIp') ?? '')) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        'Metrics are served to this machine only; set PH_EMBED_METRICS_TOKEN to scrape them from elsewhere',
      );
    }
    await next();
  };
}

function bearerOf(header: string | undefined): string {
  return /^bearer +(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
}

/** Compares in time that depends only on the lengths, so the token cannot be guessed a character at a time. */
function sameText(given: string, expected: string): boolean {
  const length = Math.max(given.length, expected.length);
  let difference = given.length ^ expected.length;
  // Past either end charCodeAt is NaN, which `| 0` turns into 0.
  for (let i = 0; i < length; i++) difference |= (given.charCodeAt(i) | 0) ^ (expected.charCodeAt(i) | 0);
  return difference === 0;
}
