/**
 * Embed tokens from the demo backend (`POST /demo/token`, only in demo mode on loopback). A real host
 * application mints them in its own backend with `mintEmbedToken` after checking who is signed in.
 */
export type DemoTokenRequest = { tenant: string; scope?: 'tenant' | 'product' } | { scope: 'internal' };

export async function demoToken(request: DemoTokenRequest): Promise<string> {
  const response = await fetch('/demo/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`The demo backend gave no token (HTTP ${response.status})`);
  return ((await response.json()) as { token: string }).token;
}
