/**
 * `POST /v1/endpoints/{name}/run`: validate the name and body, learn the endpoint's kind from its
 * definition, run it upstream, and answer with the shaped result. Nothing reaches the upstream
 * unless every check has passed.
 */
import type { Handler } from 'hono';
import { isEndpointName } from '../endpoint-name.js';
import { ApiError, notFound } from '../errors/api-error.js';
import type { AppEnv } from '../http/middleware.js';
import { readQueryInfo } from '../shape/query-info.js';
import { buildRunResponse } from '../shape/run-response.js';
import type { Upstream } from '../upstreams/types.js';
import { readRunRequest } from './run-request.js';

export interface RunRouteOptions {
  upstream: Upstream;
  /** Names that may run; undefined allows all. */
  allowlist: ReadonlySet<string> | undefined;
}

export function runEndpoint({ upstream, allowlist }: RunRouteOptions): Handler<AppEnv> {
  return async (c) => {
    const name = c.req.param('name') ?? '';
    if (!isEndpointName(name)) {
      throw new ApiError(
        400,
        'invalid_request',
        'Endpoint names start with a letter and hold up to 128 letters, digits, _ or -',
      );
    }
    // Same answer as an unknown endpoint, so the allowlist does not reveal what exists.
    if (allowlist && !allowlist.has(name)) throw notFound('Endpoint not found');
    const body = await readRunRequest(c.req.raw);
    const signal = c.req.raw.signal;

    const definition = await upstream.getEndpoint(name, { signal });
    const info = readQueryInfo(definition.query);
    if (!info.kind) {
      c.get('log').warn({ endpoint: name, kind: info.storedKind }, 'endpoint kind not supported');
      throw new ApiError(502, 'upstream_error', `This endpoint's query kind is not supported by ph-embed`);
    }
    if ((body.limit !== undefined || body.offset !== undefined) && info.kind !== 'HogQLQuery') {
      throw new ApiError(400, 'invalid_request', 'limit and offset apply to SQL endpoints only');
    }

    const started = performance.now();
    const raw = await upstream.run(name, body, { signal });
    const upstreamMs = performance.now() - started;
    return c.json(buildRunResponse({ name, info, definition, raw, upstreamMs }));
  };
}
