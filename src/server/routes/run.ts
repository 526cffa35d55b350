/**
 * `POST /v1/endpoints/{name}/run`, once the /v1 checks have passed: admit the request (run-guard.ts:
 * name, token scope, body, locked variables), learn the endpoint's kind from its definition, check its
 * variables, run it through the pipeline, and answer with the shaped result. Nothing runs upstream
 * unless every check has passed.
 */
import { ApiError } from '../errors/api-error.js';
import type { Answer, CallScope, ProxyCall } from '../http/call.js';
import { cacheTenantOf, UNKNOWN_IP } from '../limits/identity.js';
import { runAnswer } from '../run/respond.js';
import type { ProxyServices } from '../run/services.js';
import { queryInfoOf } from '../shape/query-info.js';
import { buildRunResponse } from '../shape/run-response.js';
import type { VariableSchemas } from '../variables/schemas.js';
import { admitRun, assertPagingApplies, callerOf, checkRunVariables } from './run-guard.js';
import { assertDeclaredLength, MAX_RUN_BODY_BYTES } from './run-request.js';

export interface RunRouteOptions {
  /** Names that may run; undefined allows all. */
  allowlist: ReadonlySet<string> | undefined;
  schemas: VariableSchemas;
  /** Definitions and the run pipeline (cache, single-flight, concurrency cap, retries). */
  services: ProxyServices;
}

export type RunRoute = (call: ProxyCall, scope: CallScope, name: string) => Promise<Answer>;

export function runRoute({ allowlist, schemas, services }: RunRouteOptions): RunRoute {
  return async (call, scope, name) => {
    // A declared body over the limit is refused before it is read; the reader caps undeclared ones.
    assertDeclaredLength(call.header('content-length'), call.header('transfer-encoding'), MAX_RUN_BODY_BYTES);
    if (!scope.grant) throw new TypeError('the run route needs the /v1 checks to have run');
    const caller = callerOf(scope.grant, scope);
    const { body } = await admitRun(name, caller, () => call.readText(MAX_RUN_BODY_BYTES), {
      allowlist,
      schemas,
    });
    const signal = () => call.signal();

    const definition = await services.definitions.get(name, { signal, log: scope.log });
    const info = queryInfoOf(definition);
    if (!info.kind) {
      scope.log.warn({ endpoint: name, kind: info.storedKind }, 'endpoint kind not supported');
      throw new ApiError(502, 'upstream_error', `This endpoint's query kind is not supported by ph-embed`);
    }
    assertPagingApplies(body, info.kind);
    await checkRunVariables(caller, { name, body }, definition, schemas);

    if (body.refresh === 'force') {
      await services.limits.consumeForce(scope.tenant, scope.clientIp ?? UNKNOWN_IP);
    }
    const outcome = await services.pipeline.run({
      name,
      definition,
      body,
      tenant: cacheTenantOf(scope.grant),
      signal,
      log: scope.log,
      shape: (raw) => buildRunResponse({ name, info, definition, raw, upstreamMs: 0 }),
    });
    return runAnswer(outcome, call.header('if-none-match'), services.clock());
  };
}
