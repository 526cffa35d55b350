/**
 * Demo mode (DESIGN.md section 4): the demo pages mint their own embed tokens here, standing in for the
 * backend of the host application that would mint them in a real product.
 *
 * The switch is `PH_EMBED_DEMO=true` or `--demo` (which `npm start` passes), and it is honoured only when HOST is a
 * loopback address: a route that hands out tokens to whoever asks must never face a network. In demo
 * mode an unset `PH_EMBED_SECRET` is replaced by a random one for this run, so the demo runs with tokens
 * on, as a customer's deployment would. Outside demo mode `POST /demo/token` does not exist (404).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import type { ProxyApp } from './app.js';
import { tenantId } from './auth/claims.js';
import { isLoopbackHost } from './auth/settings.js';
import { mintEmbedToken, type MintEmbedTokenInput } from './auth/tokens.js';
import type { Config } from './config.js';
import { ApiError, methodNotAllowed } from './errors/api-error.js';
import { loopbackHostGuard } from './http/host-guard.js';
import type { AppEnv } from './http/middleware.js';

export const DEMO_TOKEN_PATH = '/demo/token';

/** Endpoints that filter by `org_id`: a tenant token locks it, so they show that tenant's rows only. */
export const DEMO_TENANT_ENDPOINTS: readonly string[] = ['top_pages', 'events_table'];

/**
 * The dashboard's product-wide insights. The generated insights are not split by organisation (they
 * take no `org_id`), and a token that locks a variable an endpoint does not take is refused, so they
 * get a token of their own without locked variables.
 */
export const DEMO_PRODUCT_ENDPOINTS: readonly string[] = [
  'daily_active_users',
  'signups_this_week',
  'pageviews_by_browser',
  'revenue_by_plan',
  'activation_funnel',
  'user_lifecycle',
  'user_stickiness',
  'pageviews_by_browser_version',
  'weekly_retention',
];

/** Short, so the demo exercises the elements' `tokenProvider` refresh while someone watches. */
export const DEMO_TOKEN_TTL_S = 300;

/** `tenant`: org-locked customer token; `product`: the insights; `internal`: everything, nothing locked. */
const tokenRequest = z
  .strictObject({
    scope: z.enum(['tenant', 'product', 'internal']).default('tenant'),
    tenant: tenantId.optional(),
  })
  .refine((body) => body.scope === 'internal' || body.tenant !== undefined, {
    message: 'tenant is required',
    path: ['tenant'],
  });

type TokenRequest = z.infer<typeof tokenRequest>;

/** Whether this process is to run the demo: `PH_EMBED_DEMO` says so and HOST is loopback. */
export function demoRequested(env: Record<string, string | undefined>): boolean {
  const flag = env.PH_EMBED_DEMO?.trim().toLowerCase();
  return (flag === 'true' || flag === '1') && isLoopbackHost(env.HOST?.trim() || '127.0.0.1');
}

/** The environment to load the config from: in demo mode, with a secret for this run when none is set. */
export function withDemoSecret(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!demoRequested(env) || env.PH_EMBED_SECRET?.trim()) return env;
  return { ...env, PH_EMBED_SECRET: randomBytes(48).toString('base64url') };
}

/**
 * Adds `POST /demo/token` when the proxy listens on loopback with a signing secret; otherwise adds
 * nothing and the path answers 404 like any unknown route. Returns whether the route was added.
 */
export function mountDemoTokens(app: ProxyApp, config: Pick<Config, 'host' | 'embedSecrets'>): boolean {
  const secret = config.embedSecrets()[0];
  if (!isLoopbackHost(config.host) || secret === undefined) return false;
  // The Host check stops a DNS-rebinding page from collecting tokens through the victim's browser.
  app.use(DEMO_TOKEN_PATH, loopbackHostGuard());
  app.post(DEMO_TOKEN_PATH, async (c) => {
    const request = await readTokenRequest(c);
    const token = await mintEmbedToken(claimsFor(request), secret);
    c.header('Cache-Control', 'no-store');
    return c.json({ token, scope: request.scope, expires_in: DEMO_TOKEN_TTL_S });
  });
  app.all(DEMO_TOKEN_PATH, () => {
    throw methodNotAllowed(['POST']);
  });
  return true;
}

function claimsFor(request: TokenRequest): MintEmbedTokenInput {
  const ttlSeconds = DEMO_TOKEN_TTL_S;
  if (request.scope === 'internal') return { sub: 'internal-tools', ttlSeconds, refresh: true };
  const sub = request.tenant ?? '';
  if (request.scope === 'product') return { sub, endpoints: DEMO_PRODUCT_ENDPOINTS, ttlSeconds };
  return { sub, endpoints: DEMO_TENANT_ENDPOINTS, vars: { org_id: sub }, ttlSeconds };
}

async function readTokenRequest(c: Context<AppEnv>): Promise<TokenRequest> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body must be JSON such as {"tenant": "acme"}');
  }
  const parsed = tokenRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'body';
    throw new ApiError(400, 'invalid_request', `${where}: ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
