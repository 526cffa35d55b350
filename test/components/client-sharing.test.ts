import { expect } from '@open-wc/testing';
import { FetchClient } from '../../src/data/client.js';
import { PhApiError } from '../../src/data/errors.js';
import { FAKE_PROXY, newTestId, proxyStats, releaseHeld } from '../helpers/fake-proxy-control.js';
import { rejectionOf } from '../helpers/rejection-of.js';

function expectAbortError(error: unknown): void {
  expect(error).to.be.instanceOf(DOMException);
  expect((error as DOMException).name).to.equal('AbortError');
  expect(error).not.to.be.instanceOf(PhApiError);
}

describe('FetchClient aborts', () => {
  it('rejects with the AbortError and closes the connection', async () => {
    const id = newTestId();
    const controller = new AbortController();
    const answer = new FetchClient({ proxy: FAKE_PROXY }).run(
      'held',
      { variables: { test_id: id } },
      { signal: controller.signal },
    );
    await proxyStats(id, { requests: 1 });

    controller.abort();
    expectAbortError(await rejectionOf(answer));
    expect(await proxyStats(id, { aborted: 1 })).to.deep.equal({ requests: 1, aborted: 1 });
  });

  it('never sends a request whose signal is already aborted', async () => {
    let sent = 0;
    const client = new FetchClient({
      fetchImpl: async () => {
        sent += 1;
        return Response.json({});
      },
    });
    expectAbortError(await rejectionOf(client.run('x', {}, { signal: AbortSignal.abort() })));
    expect(sent).to.equal(0);
  });
});

describe('FetchClient sharing', () => {
  it('sends one request for identical calls in flight at once', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    // The same body with its keys in another order is the same request.
    const first = client.run('held', { variables: { test_id: id, a: 1, b: 2 } });
    const second = client.run('held', { variables: { b: 2, a: 1, test_id: id } });
    await proxyStats(id, { requests: 1 });
    await releaseHeld(id);

    const [one, two] = await Promise.all([first, second]);
    expect(one).to.equal(two);
    expect(await proxyStats(id)).to.deep.equal({ requests: 1, aborted: 0 });
  });

  it('keeps the shared request for the callers that did not abort', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const leaving = new AbortController();
    const left = client.run('held', { variables: { test_id: id } }, { signal: leaving.signal });
    const staying = client.run(
      'held',
      { variables: { test_id: id } },
      { signal: new AbortController().signal },
    );
    await proxyStats(id, { requests: 1 });

    leaving.abort();
    expectAbortError(await rejectionOf(left));
    await releaseHeld(id);

    expect((await staying).name).to.equal('held');
    expect(await proxyStats(id)).to.deep.equal({ requests: 1, aborted: 0 });
  });

  it('aborts the shared request when every caller has aborted', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const callers = [new AbortController(), new AbortController()];
    const answers = callers.map((c) =>
      client.run('held', { variables: { test_id: id } }, { signal: c.signal }),
    );
    await proxyStats(id, { requests: 1 });

    callers[0]!.abort();
    callers[1]!.abort();
    for (const answer of answers) expectAbortError(await rejectionOf(answer));
    expect(await proxyStats(id, { aborted: 1 })).to.deep.equal({ requests: 1, aborted: 1 });
  });

  it('starts a new request after an abandoned one instead of joining it', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const controller = new AbortController();
    const abandoned = client.run('held', { variables: { test_id: id } }, { signal: controller.signal });
    controller.abort();
    expectAbortError(await rejectionOf(abandoned));

    const fresh = client.run('held', { variables: { test_id: id } });
    await proxyStats(id, { requests: 2 });
    await releaseHeld(id);
    expect((await fresh).name).to.equal('held');
  });

  it('sends separate requests for different variables or tokens', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const tokenClient = new FetchClient({ proxy: FAKE_PROXY, token: 'other' });
    const calls = [
      client.run('echo', { variables: { test_id: id, v: 1 } }),
      client.run('echo', { variables: { test_id: id, v: 2 } }),
      tokenClient.run('echo', { variables: { test_id: id, v: 1 } }),
    ];
    await Promise.all(calls);
    expect(await proxyStats(id)).to.deep.equal({ requests: 3, aborted: 0 });
  });

  it('sends a new request once the previous identical one has answered', async () => {
    const id = newTestId();
    const client = new FetchClient({ proxy: FAKE_PROXY });
    await client.run('echo', { variables: { test_id: id } });
    await client.run('echo', { variables: { test_id: id } });
    expect(await proxyStats(id)).to.deep.equal({ requests: 2, aborted: 0 });
  });
});
