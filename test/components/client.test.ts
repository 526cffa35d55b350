import { expect } from '@open-wc/testing';
import { FetchClient } from '../../src/data/client.js';
import { PhApiError } from '../../src/data/errors.js';
import { FAKE_PROXY, newTestId } from '../helpers/fake-proxy-control.js';
import { rejectionOf } from '../helpers/rejection-of.js';
import type { RunResponse } from '../../src/data/types.js';

/** What the fake proxy's `echo` endpoint adds to a run response. */
interface Echo {
  method: string;
  headers: Record<string, string | null>;
  body: unknown;
}

function echoOf(answer: RunResponse): Echo {
  return (answer as RunResponse & { echo: Echo }).echo;
}

async function apiErrorOf(promise: Promise<unknown>): Promise<PhApiError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(PhApiError);
  return error as PhApiError;
}

describe('FetchClient', () => {
  it('defaults the proxy to the page origin', () => {
    expect(new FetchClient().proxy).to.equal(location.origin);
    expect(new FetchClient({ proxy: 'https://proxy.example/' }).proxy).to.equal('https://proxy.example');
  });

  it('posts the request as JSON to /v1/endpoints/<name>/run', async () => {
    const id = newTestId();
    const answer = await new FetchClient({ proxy: FAKE_PROXY }).run('echo', {
      variables: { test_id: id, customer_id: 'acme' },
      refresh: 'force',
    });

    expect(answer.name).to.equal('echo');
    expect(answer.kind).to.equal('TrendsQuery');
    const echo = echoOf(answer);
    expect(echo.method).to.equal('POST');
    expect(echo.headers['content-type']).to.equal('application/json');
    expect(echo.headers['accept']).to.equal('application/json');
    expect(echo.headers['authorization']).to.equal(null);
    expect(echo.body).to.deep.equal({ variables: { test_id: id, customer_id: 'acme' }, refresh: 'force' });
  });

  it('sends the embed token as a bearer token', async () => {
    const client = new FetchClient({ proxy: FAKE_PROXY, token: 'tok.en.123' });
    const answer = await client.run('echo', { variables: { test_id: newTestId() } });
    expect(echoOf(answer).headers['authorization']).to.equal('Bearer tok.en.123');
  });

  it('encodes the endpoint name into the path', async () => {
    const answer = await new FetchClient({ proxy: FAKE_PROXY }).run('echo a/b?c#d', {});
    expect(answer.name).to.equal('echo a/b?c#d');
  });

  it("turns the proxy's error body into a PhApiError", async () => {
    const body = {
      error: { code: 'rate_limited', message: 'Too many requests.', retryable: true, retry_after_s: 7 },
    };
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const error = await apiErrorOf(client.run('error', { variables: { status: 429, body } }));

    expect(error).to.include({
      status: 429,
      code: 'rate_limited',
      message: 'Too many requests.',
      retryable: true,
      retryAfterS: 7,
    });
  });

  it('falls back to the Retry-After header', async () => {
    const body = { error: { code: 'upstream_unavailable', message: 'PostHog is busy.', retryable: true } };
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const error = await apiErrorOf(
      client.run('error', { variables: { status: 503, body, retry_after: 30 } }),
    );
    expect(error).to.include({ status: 503, code: 'upstream_unavailable', retryAfterS: 30 });
  });

  it('takes the Retry-After header when the body says something that is not a number of seconds', async () => {
    const body = {
      error: { code: 'rate_limited', message: 'Slow down.', retryable: true, retry_after_s: 'abc' },
    };
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const error = await apiErrorOf(
      client.run('error', { variables: { status: 429, body, retry_after: 12 } }),
    );
    expect(error.retryAfterS).to.equal(12);
  });

  it('reports a non-JSON answer as bad_response', async () => {
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const ok = await apiErrorOf(client.run('not_json', {}));
    expect(ok).to.include({ status: 200, code: 'bad_response', retryable: false });
    expect(ok.message).to.match(/unexpected|should not/i);

    const gateway = await apiErrorOf(
      client.run('error', { variables: { status: 502, body: '<h1>502</h1>' } }),
    );
    expect(gateway).to.include({ status: 502, code: 'bad_response', retryable: true });
  });

  it('reports JSON that is not a run response as bad_response', async () => {
    const error = await apiErrorOf(new FetchClient({ proxy: FAKE_PROXY }).run('unexpected', {}));
    expect(error).to.include({ status: 200, code: 'bad_response' });

    const odd = { surprise: true };
    const client = new FetchClient({ proxy: FAKE_PROXY });
    const failed = await apiErrorOf(client.run('error', { variables: { status: 500, body: odd } }));
    expect(failed).to.include({ status: 500, code: 'bad_response', retryable: true });
  });

  it('reports a lost connection as network_error', async () => {
    const error = await apiErrorOf(new FetchClient({ proxy: FAKE_PROXY }).run('drop', {}));
    expect(error).to.include({ status: 0, code: 'network_error', retryable: true });
    expect(error.message).to.match(/could not reach/i);
  });

  it('lists the endpoints, with the token', async () => {
    const endpoints = await new FetchClient({ proxy: FAKE_PROXY, token: 't1' }).list();
    expect(endpoints).to.deep.equal([{ name: 'echo', kind: 'TrendsQuery', description: 'Bearer t1' }]);
  });

  it('sends every request through fetchImpl', async () => {
    const seen: Request[] = [];
    const client = new FetchClient({
      proxy: 'https://proxy.example',
      token: 'abc',
      fetchImpl: async (input, init) => {
        seen.push(new Request(input, init));
        return Response.json({ name: 'x', kind: 'HogQLQuery', results: [[1]], meta: {} });
      },
    });

    const answer = await client.run('x', { limit: 10 });
    expect(answer.results).to.deep.equal([[1]]);
    expect(seen).to.have.length(1);
    expect(seen[0]!.url).to.equal('https://proxy.example/v1/endpoints/x/run');
    expect(seen[0]!.headers.get('authorization')).to.equal('Bearer abc');
    expect(await seen[0]!.json()).to.deep.equal({ limit: 10 });
  });
});
