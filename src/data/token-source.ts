import { clock } from '../internal/clock.js';
import { PhApiError } from './errors.js';
import { untilAborted } from './abort.js';
import { tokenTimes } from './token-expiry.js';
import type { TokenTimes } from './token-expiry.js';

/**
 * Returns a fresh embed token, typically by asking the host application's own backend (which
 * mints it with `mintEmbedToken` from `ph-embed/server`). Called when the page first needs a token,
 * again shortly before that token's `exp`, and once after the proxy answers 401 `token_expired`.
 */
export type TokenProvider = () => Promise<string>;

/** How an element proves itself to the proxy: a fixed token, a token provider, or nothing. */
export type Credentials = string | TokenProvider | undefined;

/**
 * The credentials a set of settings gives. A token provider wins over a token (it can replace an
 * expired one, a fixed token cannot), and an empty token is none.
 */
export function credentialsOf(settings: {
  token?: string | undefined;
  tokenProvider?: TokenProvider | undefined;
}): Credentials {
  return settings.tokenProvider ?? (settings.token || undefined);
}

/** Where embed tokens come from: `FetchClient` asks for one before every request. */
export interface TokenSource {
  /** The token to send now. */
  token(signal?: AbortSignal): Promise<string>;
  /**
   * A newer token after the proxy refused `rejected` as expired, or undefined when none can be
   * had (a fixed token): then the request fails rather than being sent again.
   */
  refresh(rejected: string, signal?: AbortSignal): Promise<string | undefined>;
}

/** A token set once, as the `token` attribute: sent as it is, never refreshed. */
export function fixedToken(token: string): TokenSource {
  return { token: () => Promise.resolve(token), refresh: () => Promise.resolve(undefined) };
}

function unavailable(cause: unknown): PhApiError {
  return new PhApiError({
    status: 0,
    code: 'token_unavailable',
    message: 'Could not get an access token for the analytics. Try again in a moment.',
    retryable: true,
    cause,
  });
}

interface CurrentToken extends TokenTimes {
  token: string;
}

/**
 * Embed tokens from a {@linkcode TokenProvider}: the current one is kept while it has life left
 * and replaced when a request needs a token shortly before it expires (see {@linkcode tokenTimes}),
 * or after the proxy refused it as expired. Checking at request time rather than on a timer means
 * an idle or hidden dashboard mints nothing, yet no request leaves with a token about to lapse.
 * Everyone waiting at once shares one provider call, so a dashboard of twenty tiles asks once.
 */
export class ProvidedTokenSource implements TokenSource {
  private _current: CurrentToken | undefined;
  private _pending: Promise<string> | undefined;

  constructor(private readonly _provider: TokenProvider) {}

  token(signal?: AbortSignal): Promise<string> {
    const current = this._current;
    if (current && clock.now() < current.refreshAt)
      return untilAborted(Promise.resolve(current.token), signal);
    const next = this._next().catch((error: unknown) => {
      // The provider failed, but the token in hand still works for a while: better than an error.
      const still = this._current;
      if (still && clock.now() < still.expiresAt) return still.token;
      throw error;
    });
    return untilAborted(next, signal);
  }

  refresh(rejected: string, signal?: AbortSignal): Promise<string | undefined> {
    const current = this._current;
    if (current?.token === rejected) {
      // The proxy's word beats the browser's clock: never offer this token again.
      current.expiresAt = current.refreshAt = -Infinity;
    } else if (current && !this._pending) {
      // Another caller has already replaced the rejected token: no second provider call.
      return Promise.resolve(current.token);
    }
    return untilAborted(this._next(), signal);
  }

  /** The provider call in flight, or a new one. */
  private _next(): Promise<string> {
    this._pending ??= this._ask().finally(() => {
      this._pending = undefined;
    });
    return this._pending;
  }

  private async _ask(): Promise<string> {
    let answer: unknown;
    try {
      answer = await this._provider();
    } catch (error) {
      throw unavailable(error);
    }
    // Trimmed: a token read with `response.text()` often ends in a newline, which no header may hold.
    const token = typeof answer === 'string' ? answer.trim() : '';
    if (!token) throw unavailable(new TypeError('tokenProvider resolved to something that is not a token'));
    this._current = { token, ...tokenTimes(token, clock.now()) };
    return token;
  }
}

const sources = new WeakMap<TokenProvider, ProvidedTokenSource>();

/**
 * The one token source for `provider` on this page, so every element and provider given the same
 * function shares its tokens (and its provider calls).
 */
export function tokenSourceFor(provider: TokenProvider): ProvidedTokenSource {
  let source = sources.get(provider);
  if (!source) {
    source = new ProvidedTokenSource(provider);
    sources.set(provider, source);
  }
  return source;
}
