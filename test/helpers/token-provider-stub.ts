/** Embed tokens for browser tests: JWT-shaped strings and a `tokenProvider` that counts its calls. */
import { clock } from '../../src/internal/clock.js';
import type { TokenProvider } from '../../src/data/token-source.js';

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const binary = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A token shaped like the proxy's (HS256 JWT) with `claims` as its payload. The signature is
 * junk: browsers never verify tokens, and the fake proxy only compares them as strings.
 */
export function fakeJwt(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  return `${header}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

/** A token issued now (by the elements' `clock`) that lives `ttlSeconds`; `n` makes each one distinct. */
export function jwtLiving(ttlSeconds: number, n: number): string {
  const iat = Math.floor(clock.now() / 1000);
  return fakeJwt({ aud: 'ph-embed', sub: 'acme', iat, exp: iat + ttlSeconds, n });
}

/**
 * A `tokenProvider` that answers `tokens(n)` on its n-th call (1-based; default `tok-<n>`),
 * remembers when each call came, can fail its next calls, and can hold its answers.
 */
export class TokenProviderStub {
  /** The elements' `clock` time of each call, oldest first. */
  readonly calledAt: number[] = [];
  /** Tokens handed out, in order. */
  readonly issued: string[] = [];
  /** The next this many calls throw (as a backend that is down would). */
  failures = 0;
  /** While true, calls wait for {@linkcode release}. */
  hold = false;

  private _held: Array<() => void> = [];
  private readonly _waiters: Array<() => void> = [];

  constructor(private readonly tokens: (n: number) => string = (n) => `tok-${n}`) {}

  /** The function to hand to `tokenProvider`. */
  readonly provide: TokenProvider = async () => {
    const n = this.calledAt.push(clock.now());
    for (const waiter of this._waiters.splice(0)) waiter();
    if (this.hold) await new Promise<void>((resolve) => this._held.push(resolve));
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('The token endpoint is down.');
    }
    const token = this.tokens(n);
    this.issued.push(token);
    return token;
  };

  get calls(): number {
    return this.calledAt.length;
  }

  /** Resolves at the next call. */
  nextCall(): Promise<void> {
    return new Promise((resolve) => this._waiters.push(resolve));
  }

  /** Lets every held call answer. */
  release(): void {
    this.hold = false;
    for (const resume of this._held.splice(0)) resume();
  }
}
