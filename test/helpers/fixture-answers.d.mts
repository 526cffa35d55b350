import type { RunResponse } from '../../src/data/types.js';

/** An endpoint fixture: what PostHog's endpoint GET and `/run` returned. */
export interface EndpointFixture {
  endpoint: { name: string; query: unknown };
  run: Record<string, unknown> & { results: unknown };
}

export function proxyAnswer(fixture: EndpointFixture): RunResponse;
