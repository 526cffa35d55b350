/**
 * The test side of fake-proxy.mjs (mounted in web-test-runner's dev server). These helpers use
 * `fetch` directly on purpose: they steer the fake server, they are not the client under test.
 */

/** Base URL for `FetchClient({ proxy })`. */
export const FAKE_PROXY = '/__proxy';

/** Keys the server's per-test state (test files run in parallel pages against one server). */
export function newTestId(): string {
  return crypto.randomUUID();
}

export interface ProxyStats {
  requests: number;
  aborted: number;
}

/** The server's counts for `id`, once they reach `atLeast` (the server waits, not the test). */
export async function proxyStats(id: string, atLeast: Partial<ProxyStats> = {}): Promise<ProxyStats> {
  const query = new URLSearchParams({
    requests: String(atLeast.requests ?? 0),
    aborted: String(atLeast.aborted ?? 0),
  });
  const response = await fetch(`${FAKE_PROXY}/__control/stats/${id}?${query}`);
  return (await response.json()) as ProxyStats;
}

/** Lets every `held` request of `id` answer. */
export async function releaseHeld(id: string): Promise<void> {
  await fetch(`${FAKE_PROXY}/__control/release/${id}`, { method: 'POST' });
}

/** One run request the fake proxy received. */
export interface ProxyRun {
  name: string;
  body: { variables?: Record<string, unknown>; refresh?: string; limit?: number; offset?: number };
  /** The `Authorization` header as sent, or null. */
  authorization: string | null;
}

/** How the fake proxy's `secure*` endpoints answer a token; null accepts it. */
export type TokenRule = 'expired' | 'invalid' | 'upstream_error' | null;

/** Rules on tokens for the `secure*` endpoints of `id` (`'*'`: every token not named). */
export async function ruleOnTokens(id: string, rules: Record<string, TokenRule>): Promise<void> {
  await fetch(`${FAKE_PROXY}/__control/tokens/${id}`, { method: 'POST', body: JSON.stringify(rules) });
}

/** Every run request the fake proxy has received for `id`, oldest first. */
export async function proxyRuns(id: string): Promise<ProxyRun[]> {
  const response = await fetch(`${FAKE_PROXY}/__control/runs/${id}`);
  return ((await response.json()) as { runs: ProxyRun[] }).runs;
}

/** The `Authorization` header of each run the fake proxy received for `id`, oldest first. */
export async function proxyAuthorizations(id: string): Promise<Array<string | null>> {
  return (await proxyRuns(id)).map((run) => run.authorization);
}
