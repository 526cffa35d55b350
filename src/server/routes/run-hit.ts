/**
 * A run answered at once from the cache: the /v1 checks and the run route's, for a call whose every
 * check can be decided without waiting (limits counted in this process, no token or one verified
 * before, the definition and any variable schema held, a fresh answer in the memory cache). The lane
 * asks this first when the body is already read (http/run-lane.ts); undefined sends the call the full
 * way (http/v1-guard.ts, routes/run.ts), which makes the same checks in the same order.
 *
 * Nothing is charged, counted or logged before the answer is certain, so a call sent the full way is
 * charged once. Refusals that come before any charge on the full way too (origin, loopback Host) are
 * thrown here as they are there; any other doubt is left to the full way, which gives its own answer.
 */
import type { Authenticate } from '../auth/authenticate.js';
import { ApiError } from '../errors/api-error.js';
import type { Answer, CallScope, ProxyCall } from '../http/call.js';
import type { OriginCheck } from '../http/cors.js';
import { assertLoopbackHost } from '../http/host-guard.js';
import { UNKNOWN_IP, cacheTenantOf } from '../limits/identity.js';
import { runAnswer } from '../run/respond.js';
import type { ProxyServices } from '../run/services.js';
import { queryInfoOf } from '../shape/query-info.js';
import type { EndpointDefinition, RunBody } from '../upstreams/types.js';
import type { VariableSchemas } from '../variables/schemas.js';
import {
  admitBody,
  admitName,
  assertPagingApplies,
  callerOf,
  checkRunVariablesNow,
  type RunCaller,
} from './run-guard.js';

export interface RunHitOptions {
  checkOrigin: OriginCheck;
  loopbackOnly: boolean;
  authenticate: Authenticate;
  allowlist: ReadonlySet<string> | undefined;
  schemas: VariableSchemas;
  services: Pick<ProxyServices, 'limits' | 'definitions' | 'pipeline' | 'metrics' | 'clock'>;
}

/** The answer to a run whose body is `text`, or undefined to take the full way. */
export type RunHit = (call: ProxyCall, scope: CallScope, name: string, text: string) => Answer | undefined;

/** Undefined when limits live in Redis: then no call can be decided at once. */
export function runHit(options: RunHitOptions): RunHit | undefined {
  const { checkOrigin, loopbackOnly, authenticate, services } = options;
  if (!services.limits.decidesNow) return undefined;
  return (call, scope, name, text) => {
    if (checkOrigin(call, scope)) return undefined;
    if (loopbackOnly) assertLoopbackHost(call.host);
    const grant = authenticate.now(call.header('authorization'), scope.clientIp);
    if (!grant) return undefined;
    const run = admitted(callerOf(grant, scope), name, text, options);
    if (!run) return undefined;
    const answer = services.pipeline.peekFresh({
      name,
      definition: run.definition,
      body: run.body,
      tenant: cacheTenantOf(grant),
    });
    if (!answer) return undefined;

    const ip = scope.clientIp ?? UNKNOWN_IP;
    services.limits.chargeIpNow(ip);
    scope.grant = grant;
    scope.tenant = grant.tenant;
    services.limits.chargeTenantNow(grant.tenant, ip);
    services.metrics.recordCache(name, 'hit');
    return runAnswer({ answer, cache: 'hit', upstreamMs: 0 }, call.header('if-none-match'), services.clock());
  };
}

/**
 * The run as the full way would send it upstream, or undefined when that way must decide. The body
 * is within its cap already: the Node listener buffers no body over it.
 */
function admitted(
  caller: RunCaller,
  name: string,
  text: string,
  { allowlist, schemas, services }: RunHitOptions,
): { body: RunBody; definition: EndpointDefinition } | undefined {
  try {
    admitName(name, caller.grant, { allowlist });
    const run = admitBody(name, caller, text, { schemas });
    const definition = services.definitions.peek(name);
    if (!definition) return undefined;
    const { kind } = queryInfoOf(definition);
    if (!kind) return undefined;
    assertPagingApplies(run.body, kind);
    if (!checkRunVariablesNow(caller.grant, run, definition, schemas)) return undefined;
    return { body: run.body, definition };
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}
