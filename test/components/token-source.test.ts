import { expect } from '@open-wc/testing';
import { PhApiError } from '../../src/data/errors.js';
import { jwtPayload, tokenTimes } from '../../src/data/token-expiry.js';
import { ProvidedTokenSource, tokenSourceFor } from '../../src/data/token-source.js';
import { clock as elementClock } from '../../src/internal/clock.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { rejectionOf } from '../helpers/rejection-of.js';
import { TokenProviderStub, fakeJwt, jwtLiving } from '../helpers/token-provider-stub.js';

describe('embed token expiry', () => {
  it("reads a JWT's payload: base64url, UTF-8", () => {
    // '?>' and 'ü' encode to base64 with '+' and '/' (so '-' and '_' in base64url).
    const claims = { sub: 'Müller ?>?>', exp: 1_900_000_000 };
    const token = fakeJwt(claims);
    expect(token.split('.')[1]).to.match(/[-_]/);
    expect(jwtPayload(token)).to.deep.equal(claims);
  });

  it('reads nothing from what is not a JWT with an object payload', () => {
    const notObject = `x.${btoa('[1,2]')}.y`;
    for (const token of ['opaque-token', 'a.b', 'a..c', 'a.!!!.c', `x.${btoa('{"exp":')}.y`, notObject]) {
      expect(jwtPayload(token), token).to.equal(undefined);
      expect(tokenTimes(token, 0), token).to.deep.equal({ expiresAt: Infinity, refreshAt: Infinity });
    }
    expect(tokenTimes(fakeJwt({ exp: 'soon' }), 0).refreshAt).to.equal(Infinity);
  });

  it('refreshes 30 s before exp, or with a tenth of the lifetime left when that is sooner', () => {
    const iat = 1_700_000_000;
    const now = iat * 1000;
    expect(tokenTimes(fakeJwt({ iat, exp: iat + 3600 }), now)).to.deep.equal({
      expiresAt: now + 3_600_000,
      refreshAt: now + 3_570_000,
    });
    expect(tokenTimes(fakeJwt({ iat, exp: iat + 60 }), now)).to.deep.equal({
      expiresAt: now + 60_000,
      refreshAt: now + 54_000,
    });
    // Without iat the lifetime is what is left by this clock.
    expect(tokenTimes(fakeJwt({ exp: iat + 100 }), now).refreshAt).to.equal(now + 90_000);
  });

  it('does not trust a browser clock that runs slow', () => {
    const iat = 1_700_000_000;
    const slowNow = iat * 1000 - 120_000;
    // By this clock the token would live 12 minutes; it was minted for 10 and received just now.
    expect(tokenTimes(fakeJwt({ iat, exp: iat + 600 }), slowNow)).to.deep.equal({
      expiresAt: slowNow + 600_000,
      refreshAt: slowNow + 570_000,
    });
  });

  it('counts from receipt when a browser clock running ahead would make a fresh token due at once', () => {
    const iat = 1_700_000_000;
    // Ten minutes ahead: by exp, a five-minute token minted just now ended five minutes ago.
    const fastNow = iat * 1000 + 600_000;
    expect(tokenTimes(fakeJwt({ iat, exp: iat + 300 }), fastNow)).to.deep.equal({
      expiresAt: fastNow + 300_000,
      refreshAt: fastNow + 270_000,
    });
    // Two minutes ahead: the token still has life by exp, and exp stays the judge.
    const littleFast = iat * 1000 + 120_000;
    expect(tokenTimes(fakeJwt({ iat, exp: iat + 600 }), littleFast)).to.deep.equal({
      expiresAt: iat * 1000 + 600_000,
      refreshAt: iat * 1000 + 570_000,
    });
    // Without iat there is no lifetime to count from receipt: exp it is, even when already past.
    expect(tokenTimes(fakeJwt({ exp: iat + 300 }), fastNow).expiresAt).to.equal(iat * 1000 + 300_000);
  });
});

describe('ProvidedTokenSource', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock().install()));
  afterEach(() => clock.uninstall());

  it('shares one provider call among everyone waiting, then keeps the token', async () => {
    const stub = new TokenProviderStub((n) => jwtLiving(600, n));
    const source = new ProvidedTokenSource(stub.provide);
    const tokens = await Promise.all([source.token(), source.token(), source.token()]);
    expect(stub.calls).to.equal(1);
    expect(new Set(tokens).size).to.equal(1);

    clock.tick(569_999);
    expect(await source.token()).to.equal(tokens[0]);
    expect(stub.calls).to.equal(1);
  });

  it('asks again shortly before exp, before the token lapses', async () => {
    const stub = new TokenProviderStub((n) => jwtLiving(600, n));
    const source = new ProvidedTokenSource(stub.provide);
    const first = await source.token();
    const exp = (jwtPayload(first)!.exp as number) * 1000;

    clock.tick(570_000);
    const second = await source.token();
    expect(stub.calls).to.equal(2);
    expect(second).not.to.equal(first);
    expect(stub.calledAt[1]).to.be.below(exp);
    expect(exp - stub.calledAt[1]!).to.equal(30_000);
  });

  it('asks once, not on every request, when the browser clock runs ten minutes ahead', async () => {
    const serverClock = () => elementClock.now() - 600_000;
    const stub = new TokenProviderStub((n) => {
      const iat = Math.floor(serverClock() / 1000);
      return fakeJwt({ aud: 'ph-embed', sub: 'acme', iat, exp: iat + 300, n });
    });
    const source = new ProvidedTokenSource(stub.provide);
    const first = await source.token();
    clock.tick(60_000);
    expect(await source.token()).to.equal(first);
    clock.tick(209_999);
    expect(await source.token()).to.equal(first);
    expect(stub.calls).to.equal(1);
    clock.tick(1);
    expect(await source.token()).not.to.equal(first);
    expect(stub.calls).to.equal(2);
  });

  it('keeps a token it cannot read until the proxy refuses it', async () => {
    const stub = new TokenProviderStub((n) => `opaque-${n}`);
    const source = new ProvidedTokenSource(stub.provide);
    expect(await source.token()).to.equal('opaque-1');
    clock.tick(365 * 86_400_000);
    expect(await source.token()).to.equal('opaque-1');
    expect(stub.calls).to.equal(1);

    expect(await source.refresh('opaque-1')).to.equal('opaque-2');
    expect(await source.token()).to.equal('opaque-2');
    expect(stub.calls).to.equal(2);
  });

  it('refreshes a refused token once however many callers report it', async () => {
    const stub = new TokenProviderStub();
    const source = new ProvidedTokenSource(stub.provide);
    const refused = await source.token();
    const fresh = await Promise.all([
      source.refresh(refused),
      source.refresh(refused),
      source.refresh(refused),
    ]);
    expect(fresh).to.deep.equal(['tok-2', 'tok-2', 'tok-2']);
    // A late report of the old token gets the new one without another call.
    expect(await source.refresh(refused)).to.equal('tok-2');
    expect(stub.calls).to.equal(2);
  });

  it('turns a failing provider into token_unavailable, and asks again next time', async () => {
    const stub = new TokenProviderStub();
    stub.failures = 1;
    const source = new ProvidedTokenSource(stub.provide);
    const error = await rejectionOf(source.token());
    expect(error).to.be.instanceOf(PhApiError);
    expect(error).to.include({ code: 'token_unavailable', status: 0, retryable: true });
    expect((error as PhApiError).message).to.match(/access token/);
    expect(((error as PhApiError).cause as Error).message).to.equal('The token endpoint is down.');

    expect(await source.token()).to.equal('tok-2');
  });

  it('refuses an answer that is not a token, and trims the one that is', async () => {
    const answers: unknown[] = ['', 42, '  tok-3\n'];
    const source = new ProvidedTokenSource(async () => answers.shift() as string);
    for (let i = 0; i < 2; i++)
      expect(await rejectionOf(source.token())).to.include({ code: 'token_unavailable' });
    expect(await source.token()).to.equal('tok-3');
  });

  it('keeps using the current token when the provider fails before it lapses', async () => {
    const stub = new TokenProviderStub((n) => jwtLiving(600, n));
    const source = new ProvidedTokenSource(stub.provide);
    const first = await source.token();
    clock.tick(580_000);
    stub.failures = 1;
    expect(await source.token()).to.equal(first);

    clock.tick(20_000);
    stub.failures = 1;
    expect(await rejectionOf(source.token())).to.include({ code: 'token_unavailable' });
    expect(stub.calls).to.equal(3);
  });

  it('lets a caller give up waiting without cancelling the call for the others', async () => {
    const stub = new TokenProviderStub();
    stub.hold = true;
    const source = new ProvidedTokenSource(stub.provide);
    const leaving = new AbortController();
    const left = source.token(leaving.signal);
    const staying = source.token();
    leaving.abort();
    const error = await rejectionOf(left);
    expect((error as DOMException).name).to.equal('AbortError');

    stub.release();
    expect(await staying).to.equal('tok-1');
    expect(stub.calls).to.equal(1);
  });

  it('is one source per provider function on the page', () => {
    const provide = async () => 'x';
    expect(tokenSourceFor(provide)).to.equal(tokenSourceFor(provide));
    expect(tokenSourceFor(provide)).not.to.equal(tokenSourceFor(async () => 'x'));
  });
});
