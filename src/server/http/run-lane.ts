/**
 * The run route from end to end as one function over a ProxyCall: request id, the /v1 checks, the
 * route, error answers, shared headers, metrics and the access log. The Hono app serves
 * `POST /v1/endpoints/{name}/run` through it, and on Node the listener calls it straight from
 * node:http (node-run-lane.ts), which spares a cache hit the web Request and Response round trip.
 *
 * When the call's body is already read (the Node listener reads it first), a cache hit whose every
 * check can be decided at once is answered without waiting (routes/run-hit.ts): no promise and no
 * child logger, which halved a hit's CPU time in the server (BENCHMARKS.md). Every other call takes
 * the full way. Same checks, same answers, either way.
 */
import { errorAnswer } from '../errors/error-answer.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
import type { RunHit } from '../routes/run-hit.js';
import type { RunRoute } from '../routes/run.js';
import {
  PRIVATE_CACHE_CONTROL,
  sharedHeaders,
  withScopeHeaders,
  type Answer,
  type CallScope,
  type ProxyCall,
} from './call.js';
import { clientAddressOf } from './client-address.js';
import { logAccess } from './middleware.js';
import type { V1Guard } from './v1-guard.js';

export interface RunLaneOptions {
  logger: ProxyLogger;
  metrics: Pick<ProxyMetrics, 'recordRequest'>;
  trustProxy: boolean;
  guard: V1Guard;
  route: RunRoute;
  /** Answers cache hits at once; absent when limits or the cache live in Redis. */
  hit?: RunHit;
  /** Cut out of upstream text passed on in errors. */
  secrets: readonly string[];
}

/** Answers a run call for endpoint `name` (as routed; the route validates it). Never throws. */
export type RunLane = (call: ProxyCall, name: string) => Answer | Promise<Answer>;

export function runLane(options: RunLaneOptions): RunLane {
  const { logger, trustProxy, guard, route, hit } = options;
  return (call, name) => {
    const started = performance.now();
    // Always our own id: an incoming one would let a caller forge log correlation.
    const scope = new LaneScope(
      logger,
      crypto.randomUUID(),
      clientAddressOf(trustProxy, call.header('x-forwarded-for'), call.socketAddress),
    );
    const text = call.bufferedText;
    if (hit && text !== undefined) {
      let answer: Answer | undefined;
      try {
        answer = hit(call, scope, name, text);
      } catch (error) {
        answer = failed(error, call, scope, options);
      }
      if (answer) return finish(answer, call, scope, started, options);
    }
    return fullWay(call, scope, name, guard, route).then(
      (answer) => finish(answer, call, scope, started, options),
      (error: unknown) => finish(failed(error, call, scope, options), call, scope, started, options),
    );
  };
}

async function fullWay(call: ProxyCall, scope: CallScope, name: string, guard: V1Guard, route: RunRoute) {
  return (await guard(call, scope)) ?? (await route(call, scope, name));
}

function failed(error: unknown, call: ProxyCall, scope: CallScope, { secrets }: RunLaneOptions): Answer {
  return errorAnswer(error, { log: scope.log, secrets, aborted: () => call.signal().aborted });
}

/** The shared and scope headers on the answer, then the request metric and the access log line. */
function finish(
  answer: Answer,
  call: ProxyCall,
  scope: LaneScope,
  started: number,
  { logger, metrics }: RunLaneOptions,
): Answer {
  // Built up from the shared headers rather than copied from the answer's: measurably cheaper per hit.
  const headers = sharedHeaders(scope.requestId);
  headers['Cache-Control'] = PRIVATE_CACHE_CONTROL;
  for (const name in answer.headers) headers[name] = answer.headers[name]!;
  withScopeHeaders(headers, scope);
  metrics.recordRequest(call.path, answer.status);
  logAccess(logger, scope.requestId, {
    method: call.method,
    path: call.path,
    status: answer.status,
    started,
    tenant: scope.tenant,
  });
  return { status: answer.status, headers, body: answer.body };
}

/** A call's scope whose child logger is made on first use: a cache hit logs only its access line. */
class LaneScope implements CallScope {
  readonly headers: Record<string, string> = {};
  grant?: CallScope['grant'];
  tenant?: string;
  #log: ProxyLogger | undefined;

  constructor(
    private readonly logger: ProxyLogger,
    readonly requestId: string,
    readonly clientIp: string | undefined,
  ) {}

  get log(): ProxyLogger {
    return (this.#log ??= this.logger.child({ reqId: this.requestId }));
  }
}
