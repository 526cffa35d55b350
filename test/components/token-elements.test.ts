import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { jwtPayload } from '../../src/data/token-expiry.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FAKE_PROXY, newTestId, proxyAuthorizations, ruleOnTokens } from '../helpers/fake-proxy-control.js';
import { loaded, partText, viewOf } from '../helpers/endpoint-chart-harness.js';
import { renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import { TokenProviderStub, jwtLiving } from '../helpers/token-provider-stub.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhApiError } from '../../src/data/errors.js';
import type { TokenProvider } from '../../src/data/token-source.js';

/** Draws a trends chart, and needs a bearer token (see test/helpers/fake-proxy.mjs). */
const SECURE_CHART = 'secure_daily_active_users';

/** A chart against the fake proxy, its requests tagged with `id`. Synchronous: listen before it fetches. */
function mountChart(
  id: string,
  auth: { token?: string; tokenProvider?: TokenProvider },
  name = SECURE_CHART,
): PhEndpointChart {
  return fixtureSync<PhEndpointChart>(
    html`<ph-endpoint-chart
      name=${name}
      proxy=${FAKE_PROXY}
      token=${auth.token ?? ''}
      .tokenProvider=${auth.tokenProvider}
      variables=${JSON.stringify({ test_id: id })}
    ></ph-endpoint-chart>`,
  );
}

/**
 * Every part the element's shadow root shows from now until `stop()`, however briefly: a state
 * drawn and replaced within one task still counts.
 */
function watchParts(element: Element): { stop(): Set<string> } {
  const parts = new Set<string>();
  const note = (node: Node) => {
    if (!(node instanceof Element)) return;
    for (const shown of [node, ...node.querySelectorAll('[part]')])
      shown.part.forEach((part) => parts.add(part));
  };
  const observer = new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(note)));
  observer.observe(element.shadowRoot!, { childList: true, subtree: true });
  return {
    stop() {
      observer.takeRecords().forEach((r) => r.addedNodes.forEach(note));
      observer.disconnect();
      return parts;
    },
  };
}

/** Counts `ph-error` events from now on. */
function countErrors(element: Element): { count: number } {
  const counter = { count: 0 };
  element.addEventListener('ph-error', () => (counter.count += 1));
  return counter;
}

describe('<ph-endpoint-chart> token', () => {
  it('sends its token attribute as a bearer token', async () => {
    const id = newTestId();
    const chart = mountChart(id, { token: 'static-1' });
    await loaded(chart);
    expect(viewOf(chart)?.localName).to.equal('ph-trends-chart');
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer static-1']);
  });

  it('prefers its tokenProvider to its token, and re-runs when the provider changes', async () => {
    const id = newTestId();
    const first = new TokenProviderStub((n) => `first-${n}`);
    const chart = mountChart(id, { token: 'static-1', tokenProvider: first.provide });
    await loaded(chart);

    const second = new TokenProviderStub((n) => `second-${n}`);
    const done = loaded(chart);
    chart.tokenProvider = second.provide;
    await done;
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer first-1', 'Bearer second-1']);
  });

  it('asks a tokenProvider shared by several charts once', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    const charts = ['secure_a', 'secure_b', 'secure_c'].map((name) =>
      mountChart(id, { tokenProvider: stub.provide }, name),
    );
    await Promise.all(charts.map((chart) => nextEvent(chart, 'ph-load')));
    expect(stub.calls).to.equal(1);
    expect(await proxyAuthorizations(id)).to.deep.equal(Array(3).fill('Bearer tok-1'));
  });
});

describe('<ph-endpoint-chart> token refresh', () => {
  it('retries a 401 token_expired once with a fresh token, never showing an error', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { 'tok-1': 'expired' });
    const stub = new TokenProviderStub();
    const chart = mountChart(id, { tokenProvider: stub.provide });
    const errors = countErrors(chart);
    const watch = watchParts(chart);
    await loaded(chart);

    const parts = watch.stop();
    expect(parts.has('chart')).to.equal(true);
    expect(parts.has('error')).to.equal(false);
    expect(errors.count).to.equal(0);
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
  });

  it('keeps the chart on screen, not a skeleton, while a refused token is replaced', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    const chart = mountChart(id, { tokenProvider: stub.provide });
    await loaded(chart);
    const view = viewOf(chart);
    await ruleOnTokens(id, { 'tok-1': 'expired' });

    const errors = countErrors(chart);
    const watch = watchParts(chart);
    const done = loaded(chart);
    chart.variables = { test_id: id, date_from: '-30d' };
    await chart.updateComplete;
    expect(shadowPart(chart, 'view')!.getAttribute('aria-busy')).to.equal('true');
    await done;

    const parts = [...watch.stop()];
    expect(parts.filter((part) => ['error', 'loading', 'skeleton'].includes(part))).to.deep.equal([]);
    expect(viewOf(chart)).to.equal(view);
    expect(errors.count).to.equal(0);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('shows the error when the fresh token is refused too', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { '*': 'expired' });
    const stub = new TokenProviderStub();
    const chart = mountChart(id, { tokenProvider: stub.provide });
    const watch = watchParts(chart);
    const failed = await nextEvent(chart, 'ph-error');
    await chart.updateComplete;

    expect(watch.stop().has('error')).to.equal(true);
    expect((failed.error as PhApiError).code).to.equal('token_expired');
    expect(partText(chart, 'error')).to.contain('The embed token has expired.');
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-1', 'Bearer tok-2']);
    await expect(chart).to.be.accessible();
  });

  it('shows token_invalid and a bad PostHog key at once, without asking for a token', async () => {
    for (const [rule, message] of [
      ['invalid', 'The embed token is not valid.'],
      ['upstream_error', 'The analytics service refused the proxy.'],
    ] as const) {
      const id = newTestId();
      await ruleOnTokens(id, { '*': rule });
      const stub = new TokenProviderStub();
      const chart = mountChart(id, { tokenProvider: stub.provide });
      await nextEvent(chart, 'ph-error');
      await chart.updateComplete;

      expect(partText(chart, 'error'), rule).to.contain(message);
      expect(stub.calls, rule).to.equal(1);
      expect(await proxyAuthorizations(id), rule).to.deep.equal(['Bearer tok-1']);
    }
  });

  it('shows token_unavailable when the provider throws, and Retry asks again', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    stub.failures = 1;
    const chart = mountChart(id, { tokenProvider: stub.provide });
    const failed = await nextEvent(chart, 'ph-error');
    await chart.updateComplete;

    expect((failed.error as PhApiError).code).to.equal('token_unavailable');
    expect(partText(chart, 'error')).to.match(/could not get an access token/i);
    expect(await proxyAuthorizations(id)).to.deep.equal([]);
    await expect(chart).to.be.accessible();

    const done = loaded(chart);
    shadowPart<HTMLButtonElement>(chart, 'retry')!.click();
    await done;
    expect(renderedParts(chart)).to.include('chart');
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal(['Bearer tok-2']);
  });
});

describe('<ph-endpoint-chart> token lifetime', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock().install()));
  afterEach(() => clock.uninstall());

  it('asks for the next token shortly before exp while it polls', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub((n) => jwtLiving(600, n));
    const chart = mountChart(id, { tokenProvider: stub.provide });
    chart.refreshInterval = 290;
    await loaded(chart);
    const exp = (jwtPayload(stub.issued[0]!)!.exp as number) * 1000;

    for (const expectedCalls of [1, 2]) {
      const polled = loaded(chart);
      clock.tick(290_000);
      await polled;
      expect(stub.calls).to.equal(expectedCalls);
    }
    // The second poll came 20 s before exp, inside the 30 s margin: a new token, before the old lapsed.
    expect(stub.calledAt[1]).to.be.below(exp);
    const [first, second] = stub.issued.map((token) => `Bearer ${token}`);
    expect(await proxyAuthorizations(id)).to.deep.equal([first, first, second]);
  });

  it('keeps sending a token it cannot read, and replaces it only after a 401', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub((n) => (n === 1 ? 'not-a-jwt' : `tok-${n}`));
    const chart = mountChart(id, { tokenProvider: stub.provide });
    await loaded(chart);

    clock.tick(365 * 86_400_000);
    let done = loaded(chart);
    chart.variables = { test_id: id, run: 2 };
    await done;
    expect(stub.calls).to.equal(1);

    await ruleOnTokens(id, { 'not-a-jwt': 'expired' });
    done = loaded(chart);
    chart.variables = { test_id: id, run: 3 };
    await done;
    expect(stub.calls).to.equal(2);
    expect(await proxyAuthorizations(id)).to.deep.equal([
      'Bearer not-a-jwt',
      'Bearer not-a-jwt',
      'Bearer not-a-jwt',
      'Bearer tok-2',
    ]);
  });
});
