/** `GET /v1/endpoints`: what this caller may run, filtered by the allowlist, without query text. */
import type { Handler } from 'hono';
import type { EndpointSummary } from '../../data/types.js';
import type { AppEnv } from '../http/middleware.js';
import { summarizeEndpoint } from '../shape/endpoint-summary.js';
import type { Upstream } from '../upstreams/types.js';

export interface ListRouteOptions {
  upstream: Upstream;
  allowlist: ReadonlySet<string> | undefined;
}

export function listEndpoints({ upstream, allowlist }: ListRouteOptions): Handler<AppEnv> {
  return async (c) => {
    const definitions = await upstream.listEndpoints({ signal: c.req.raw.signal });
    const seen = new Set<string>();
    const endpoints: EndpointSummary[] = [];
    for (const definition of definitions) {
      if (seen.has(definition.name) || (allowlist && !allowlist.has(definition.name))) continue;
      seen.add(definition.name);
      const summary = summarizeEndpoint(definition);
      if (summary) endpoints.push(summary);
    }
    return c.json({ endpoints });
  };
}
