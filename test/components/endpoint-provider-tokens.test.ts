import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { FAKE_PROXY, newTestId, proxyRuns, ruleOnTokens } from '../helpers/fake-proxy-control.js';
import { nextEvent } from '../helpers/next-event.js';
import { TokenProviderStub } from '../helpers/token-provider-stub.js';
import type { TemplateResult } from 'lit';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhEndpointProvider } from '../../src/components/endpoint-provider/endpoint-provider.js';

/** Renders `template` (a provider) and waits for every chart inside to load. */
async function mountAndLoad(template: TemplateResult): Promise<PhEndpointProvider> {
  const provider = fixtureSync<PhEndpointProvider>(template);
  const charts = [...provider.querySelectorAll('ph-endpoint-chart')] as PhEndpointChart[];
  await Promise.all(charts.map((chart) => nextEvent(chart, 'ph-load')));
  return provider;
}

/** The Authorization header the fake proxy saw, by endpoint name (one run each). */
async function tokenByEndpoint(id: string): Promise<Record<string, string | null>> {
  return Object.fromEntries((await proxyRuns(id)).map((run) => [run.name, run.authorization]));
}

describe('<ph-endpoint-provider> tokenProvider', () => {
  it('is asked once for the whole dashboard, and once more after a 401 token_expired', async () => {
    const id = newTestId();
    await ruleOnTokens(id, { 'tok-1': 'expired' });
    const stub = new TokenProviderStub();
    await mountAndLoad(html`
      <ph-endpoint-provider
        proxy=${FAKE_PROXY}
        .tokenProvider=${stub.provide}
        variables=${JSON.stringify({ test_id: id })}
      >
        <ph-endpoint-chart name="secure_a"></ph-endpoint-chart>
        <ph-endpoint-chart name="secure_b"></ph-endpoint-chart>
        <ph-endpoint-chart name="secure_c"></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);

    // Three tiles refused together make one provider call, and each retries with its result.
    expect(stub.calls).to.equal(2);
    const runs = await proxyRuns(id);
    expect(runs.filter((run) => run.authorization === 'Bearer tok-1')).to.have.length(3);
    expect(
      runs
        .filter((run) => run.authorization === 'Bearer tok-2')
        .map((run) => run.name)
        .sort(),
    ).to.deep.equal(['secure_a', 'secure_b', 'secure_c']);
  });

  it("yields to an element's own token or tokenProvider", async () => {
    const id = newTestId();
    const dashboard = new TokenProviderStub((n) => `dashboard-${n}`);
    const own = new TokenProviderStub((n) => `own-${n}`);
    await mountAndLoad(html`
      <ph-endpoint-provider
        proxy=${FAKE_PROXY}
        .tokenProvider=${dashboard.provide}
        variables=${JSON.stringify({ test_id: id })}
      >
        <ph-endpoint-chart name="secure_inherits"></ph-endpoint-chart>
        <ph-endpoint-chart name="secure_token" token="fixed"></ph-endpoint-chart>
        <ph-endpoint-chart name="secure_provider" .tokenProvider=${own.provide}></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);

    expect(await tokenByEndpoint(id)).to.deep.equal({
      secure_inherits: 'Bearer dashboard-1',
      secure_token: 'Bearer fixed',
      secure_provider: 'Bearer own-1',
    });
    expect([dashboard.calls, own.calls]).to.deep.equal([1, 1]);
  });

  it('prefers its tokenProvider to its token, also for an element with its own proxy', async () => {
    const id = newTestId();
    const stub = new TokenProviderStub();
    await mountAndLoad(html`
      <ph-endpoint-provider
        token="ignored"
        .tokenProvider=${stub.provide}
        variables=${JSON.stringify({ test_id: id })}
      >
        <ph-endpoint-chart name="secure_own_proxy" proxy=${FAKE_PROXY}></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);
    expect(await tokenByEndpoint(id)).to.deep.equal({ secure_own_proxy: 'Bearer tok-1' });
  });

  it("nests: an inner provider's token replaces the outer one's tokenProvider, and back", async () => {
    const id = newTestId();
    const outer = new TokenProviderStub((n) => `outer-${n}`);
    const inner = new TokenProviderStub((n) => `inner-${n}`);
    await mountAndLoad(html`
      <ph-endpoint-provider
        proxy=${FAKE_PROXY}
        .tokenProvider=${outer.provide}
        variables=${JSON.stringify({ test_id: id })}
      >
        <ph-endpoint-provider token="inner-fixed">
          <ph-endpoint-chart name="secure_fixed"></ph-endpoint-chart>
          <ph-endpoint-provider .tokenProvider=${inner.provide}>
            <ph-endpoint-chart name="secure_innermost"></ph-endpoint-chart>
          </ph-endpoint-provider>
        </ph-endpoint-provider>
      </ph-endpoint-provider>
    `);

    expect(await tokenByEndpoint(id)).to.deep.equal({
      secure_fixed: 'Bearer inner-fixed',
      secure_innermost: 'Bearer inner-1',
    });
    expect([outer.calls, inner.calls]).to.deep.equal([0, 1]);
  });
});
