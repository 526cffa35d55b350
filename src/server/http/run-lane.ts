/**
 * The run route from end to end as one function over a ProxyCall: request id, the /v1 checks, the
 * route, error answers, shared headers, metrics and the access log. The Hono app serves
 * `POST /v1/endpoints/{name}/run` through it, and on Node the listener calls it straight from
 * node:http (node-run-lane.ts), which spares a cache hit the web Request and Response round trip that
 * cost most of its time (BENCHMARKS.md, proxy section). Same code, same answers, either way.
 */
import { errorAnswer } from '../errors/error-answer.js';
import type { ProxyLogger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/proxy-metrics.js';
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
  /** Cut out of upstream text passed on in errors. */
  secrets: readonly string[];
}

/** Answers a run call for endpoint `name` (as routed; the route validates it). Never throws. */
export type RunLane = (call: ProxyCall, name: string) => Promise<Answer>;

export function runLane({ logger, metrics, trustProxy, guard, route, secrets }: RunLaneOptions): RunLane {
  return async (call, name) => {
    const started = performance.now();
    // Always our own id: an incoming one would let a caller forge log correlation.
    const requestId = crypto.randomUUID();
    const log = logger.child({ reqId: requestId });
    const scope: CallScope = {
      requestId,
      log,
      clientIp: clientAddressOf(trustProxy, call.header('x-forwarded-for'), call.socketAddress),
      headers: {},
    };
    let answer: Answer;
    try {
      answer = (await guard(call, scope)) ?? (await route(call, scope, name));
    } catch (error) {
      answer = errorAnswer(error, { log, secrets, aborted: () => call.signal().aborted });
    }
    const headers = withScopeHeaders({ ...answer.headers }, scope);
    headers['Cache-Control'] ??= PRIVATE_CACHE_CONTROL;
    Object.assign(headers, sharedHeaders(requestId));
    metrics.recordRequest(call.path, answer.status);
    logAccess(log, {
      method: call.method,
      path: call.path,
      status: answer.status,
      started,
      tenant: scope.tenant,
    });
    return { status: answer.status, headers, body: answer.body };
  };
}
