/**
 * `POST /v1/endpoints/{name}/run`: admit the request (run-guard.ts: name, token scope, body, locked
 * variables), learn the endpoint's kind from its definition, check its variables, run it upstream,
 * and answer with the shaped result. Nothing runs upstream unless every check has passed.
 */
import type { Handler } from 'hono';
import { ApiError } from '../errors/api-error.js';
import type { AppEnv } from '../http/middleware.js';
import { cacheTenantOf, clientIp, tenantOf } from '../limits/identity.js';
import { respondWithRun } from '../run/respond.js';
import type { ProxyServices } from '../run/services.js';
import { readQueryInfo } from '../shape/query-info.js';
import { buildRunResponse } from '../shape/run-response.js';
import type { Upstream } from '../upstreams/types.js';
import type { VariableSchemas } from '../variables/schemas.js';
import { admitRun, checkRunVariables } from './run-guard.js';

export interface RunRouteOptions {
  upstream: Upstream;
  /** Names that may run; undefined allows all. */
  allowlist: ReadonlySet<string> | undefined;
  schemas: VariableSchemas;
  /** Definitions and the run pipeline (cache, single-flight, concurrency cap, retries). */
  services: ProxyServices;
}

export function runEndpoint({ allowlist, schemas, services }: RunRouteOptions): Handler<AppEnv> {
  return async (c) => {
    const { name, body } = await admitRun(c, { allowlist, schemas });
    // Read only if this request has to wait: on @hono/node-server creating it is a visible share of a hit.
    const signal = () => c.req.raw.signal;

    const definition = await services.definitions.get(name, { signal, log: c.get('log') });
    const info = readQueryInfo(definition.query);
    if (!info.kind) {
      c.get('log').warn({ endpoint: name, kind: info.storedKind }, 'endpoint kind not supported');
      throw new ApiError(502, 'upstream_error', `This endpoint's query kind is not supported by ph-embed`);
    }
    if ((body.limit !== undefined || body.offset !== undefined) && info.kind !== 'HogQLQuery') {
      throw new ApiError(400, 'invalid_request', 'limit and offset apply to SQL endpoints only');
    }
    await checkRunVariables(c, { name, body }, definition, schemas);

    if (body.refresh === 'force') await services.limits.consumeForce(tenantOf(c), clientIp(c));
    const outcome = await services.pipeline.run({
      name,
      definition,
      body,
      tenant: cacheTenantOf(c),
      signal,
      log: c.get('log'),
      shape: (raw) => buildRunResponse({ name, info, definition, raw, upstreamMs: 0 }),
    });
    return respondWithRun(c, outcome, services.clock());
  };
}
