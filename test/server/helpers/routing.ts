/**
 * The app driven through `app.request()` (no sockets) in front of a recording stub upstream, with
 * every log line captured: for routing and validation units.
 */
import assert from 'node:assert/strict';
import type { ErrorBody } from '../../../src/data/types.js';
import { createApp } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import { captureLogs, type CapturedLogs } from './harness.js';
import { stubUpstream, type StubUpstream } from './stub-upstream.js';

export interface RoutingUnit {
  upstream: StubUpstream;
  logs: CapturedLogs;
  app(config?: { corsOrigins?: string[]; endpoints?: string[] }): ReturnType<typeof createApp>;
  /** A JSON POST to `path`. */
  post(path: string, body?: RequestInit['body'], headers?: Record<string, string>): Promise<Response>;
}

export function routingUnit(): RoutingUnit {
  const upstream = stubUpstream();
  const logs = captureLogs();
  const app: RoutingUnit['app'] = (config = {}) =>
    createApp({
      config: { corsOrigins: config.corsOrigins ?? [], endpoints: config.endpoints },
      upstream,
      logger: createLogger({ level: 'debug', destination: logs }),
    });
  return {
    upstream,
    logs,
    app,
    post: async (path, body, headers = {}) =>
      app().request(path, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  };
}

/** The ErrorBody of a response, after checking it has that shape. */
export async function errorOf(response: Response): Promise<ErrorBody['error']> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as ErrorBody;
  assert.ok(
    body.error && typeof body.error.message === 'string' && typeof body.error.retryable === 'boolean',
  );
  return body.error;
}
