/**
 * `GET /v1/endpoints`: what this caller may run, filtered by the config allowlist and the embed
 * token's `endpoints`, without query text. Variables the token fixes are not listed (the caller cannot
 * set them), and an endpoint that does not take one of them is not listed (the caller cannot run it).
 */
import type { Handler } from 'hono';
import type { EndpointSummary } from '../../data/types.js';
import { mayRun, type Grant } from '../auth/grant.js';
import type { AppEnv } from '../http/middleware.js';
import { summarizeEndpoint } from '../shape/endpoint-summary.js';
import type { Upstream } from '../upstreams/types.js';
import type { VariableSchemas } from '../variables/schemas.js';

export interface ListRouteOptions {
  upstream: Upstream;
  allowlist: ReadonlySet<string> | undefined;
  schemas: VariableSchemas;
}

export function listEndpoints({ upstream, allowlist, schemas }: ListRouteOptions): Handler<AppEnv> {
  return async (c) => {
    const grant = c.get('grant');
    const definitions = await upstream.listEndpoints({ signal: c.req.raw.signal });
    const seen = new Set<string>();
    const endpoints: EndpointSummary[] = [];
    for (const definition of definitions) {
      const { name } = definition;
      if (seen.has(name) || (allowlist && !allowlist.has(name)) || !mayRun(grant, name)) continue;
      seen.add(name);
      const summary = summarizeEndpoint(definition);
      if (!summary) continue;
      const configured = schemas.configured(name);
      if (configured) summary.variables = Object.fromEntries(configured.variables);
      if (withoutLocked(summary, grant)) endpoints.push(summary);
    }
    return c.json({ endpoints });
  };
}

/** Drops the fixed variables from the summary; false when the endpoint does not take one of them. */
function withoutLocked(summary: EndpointSummary, grant: Grant): boolean {
  const variables = summary.variables ?? {};
  for (const name of Object.keys(grant.locked)) {
    if (!Object.hasOwn(variables, name)) return false;
    delete variables[name];
  }
  return true;
}
