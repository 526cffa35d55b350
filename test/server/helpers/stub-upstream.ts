/**
 * An in-memory Upstream for routing units driven through `app.request()`: it serves the fixtures and
 * records every call, so a test can prove that a refused request never reached the upstream.
 */
import { FixturesUpstream } from '../../../src/server/upstreams/fixtures.js';
import type { RunBody, Upstream, UpstreamCallOptions } from '../../../src/server/upstreams/types.js';
import { FIXTURES_DIR } from './fake-posthog.js';

export interface UpstreamCall {
  method: 'getEndpoint' | 'listEndpoints' | 'run';
  name?: string;
  body?: RunBody;
}

export interface StubUpstream extends Upstream {
  calls: UpstreamCall[];
  /** Makes the next calls throw `error` (until set back to undefined). */
  failWith: unknown;
}

export function stubUpstream(): StubUpstream {
  const fixtures = new FixturesUpstream(FIXTURES_DIR);
  const stub: StubUpstream = {
    kind: 'fixtures',
    calls: [],
    failWith: undefined,
    async getEndpoint(name: string, options: UpstreamCallOptions) {
      stub.calls.push({ method: 'getEndpoint', name });
      if (stub.failWith !== undefined) throw stub.failWith;
      return fixtures.getEndpoint(name, options);
    },
    async listEndpoints(options: UpstreamCallOptions) {
      stub.calls.push({ method: 'listEndpoints' });
      if (stub.failWith !== undefined) throw stub.failWith;
      return fixtures.listEndpoints(options);
    },
    async run(name: string, body: RunBody, options: UpstreamCallOptions) {
      stub.calls.push({ method: 'run', name, body });
      if (stub.failWith !== undefined) throw stub.failWith;
      return fixtures.run(name, body, options);
    },
  };
  return stub;
}
