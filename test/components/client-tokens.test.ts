import { expect } from '@open-wc/testing';
import { FetchClient } from '../../src/data/client.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import {
  FAKE_PROXY,
  newTestId,
  proxyAuthorizations,
  proxyRuns,
  proxyStats,
  releaseHeld,
  ruleOnTokens,
} from '../helpers/fake-proxy-control.js';
import { rejectionOf } from '../helpers/rejection-of.js';
import { TokenProviderStub, jwtLiving } from '../helpers/token-provider-stub.js';

async function apiErrorOf(promise: Promise<unknown>): Promise<PhApiError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(PhApiError);
  return error as PhApiError;
}

function clientWith(stub: TokenProviderStub): FetchClient {
  return new FetchClient({ proxy: FAKE_PROXY, tokenProvider: stub.provide });
}

describe('FetchClient with a tokenProvider', () => {
  it("sends the provider's token, asking once for requests made together and after", async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    const client = clientWith(stub);
    const variables = { test_id: id };
    await Promise.all([
      client.run('secure_a', { variables }),
      client.run('secure_b', { variables }),
      client.run('secure_c', { variables }),
    ]);
    await client.run('secure_a', { variables });

    expect(stub.calls).to.equal(1);
    expect(await proxyAuthorizations(id)).to.deep.equal(Array(4).fill('Bearer tok-1'));
    expect(client.token).to.equal(undefined);
  });

  it('answers 401 token_expired with one fresh token and one retry', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { 'tok-1': 'expired' });
    const stub = new TokenProviderStub();
    const answer = await clientWith(stub).run('secure', { variables: { test_id: id } });

    expect(answer.name).to.equal('secure');
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('lets a second 401 surface instead of asking again', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { '*': 'expired' });
    const stub = new TokenProviderStub();
    const error = await apiErrorOf(clientWith(stub).run('secure', { variables: { test_id: id } }));

    expect(error).to.include({ status: 401, code: 'token_expired' });
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('does not retry token_invalid, nor the upstream_error of a bad PostHog key', async () => {
    for (const [rule, status, code] of [
      ['invalid', 401, 'token_invalid'],
      ['upstream_error', 502, 'upstream_error'],
    ] as const) {
      const id = newTestId();
      await ruleOnTokens(id, { '*': rule });
      const stub = new TokenProviderStub();
      const error = await apiErrorOf(clientWith(stub).run('secure', { variables: { test_id: id } }));

      expect(error, rule).to.include({ status, code });
      expect(stub.calls, rule).to.equal(1);
      expect(await proxyAuthorizations(id), rule).to.deep.equal(['Bearer tok-1']);
    }
  });

  it('does not retry with a fixed token: there is no fresher one', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { fixed: 'expired' });
    const client = new FetchClient({ proxy: FAKE_PROXY, token: 'fixed' });
    const error = await apiErrorOf(client.run('secure', { variables: { test_id: id } }));
    expect(error).to.include({ status: 401, code: 'token_expired' });
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer fixed']);
  });

  it('does not retry when the provider hands back the token just refused', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { same: 'expired' });
    const stub = new TokenProviderStub(() => 'same');
    const error = await apiErrorOf(clientWith(stub).run('secure', { variables: { test_id: id } }));
    expect(error).to.include({ code: 'token_expired' });
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer same']);
  });

  it('sends nothing when the provider fails, and recovers on the next call', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    stub.failures = 1;
    const client = clientWith(stub);
    const error = await apiErrorOf(client.run('secure', { variables: { test_id: id } }));
    expect(error).to.include({ status: 0, code: 'token_unavailable', retryable: true });
    expect(await proxyAuthorizations(id)).to.deep.equal([]);

    expect((await client.run('secure', { variables: { test_id: id } })).name).to.equal('secure');
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-2']);
  });

  it('sends nothing for a caller that aborts while the token is on its way', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    stub.hold = true;
    const client = clientWith(stub);
    const controller = new AbortController();
    const answer = client.run('secure', { variables: { test_id: id } }, { signal: controller.signal });
    controller.abort();
    const error = await rejectionOf(answer);
    expect((error as DOMException).name).to.equal('AbortError');

    // Once the token has arrived, a later request goes out alone: the abandoned one never did.
    stub.release();
    await client.run('secure', { variables: { test_id: id, later: true } });
    expect((await proxyRuns(id)).map((run) => run.body.variables)).to.deep.equal([
      { test_id: id, later: true },
    ]);
    expect(stub.calls).to.equal(1);
  });
});

describe('FetchClient sharing with tokens', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock().install()));
  afterEach(() => clock.uninstall());

  it('shares the refused request, the refresh and the retry among identical callers', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { 'tok-1': 'expired' });
    const stub = new TokenProviderStub();
    const client = clientWith(stub);
    const answers = await Promise.all(
      [1, 2, 3].map(() => client.run('secure', { variables: { test_id: id } })),
    );

    expect(answers[1]).to.equal(answers[0]);
    expect(answers[2]).to.equal(answers[0]);
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('does not join a request in flight with an older token', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub((n) => jwtLiving(600, n));
    const client = clientWith(stub);
    const older = client.run('held', { variables: { test_id: id } });
    await proxyStats(id, { requests: 1 });

    // Within the last 30 s of the first token's life, the same request needs the next token.
    clock.tick(575_000);
    const newer = client.run('held', { variables: { test_id: id } });
    await proxyStats(id, { requests: 2 });
    await releaseHeld(id);
    await Promise.all([older, newer]);

    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(stub.issued.map((token) => `Bearer ${token}`));
  });
});
