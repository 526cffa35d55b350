import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { FakeClient } from '../helpers/fake-client.js';
import { FAKE_PROXY, newTestId, proxyRuns } from '../helpers/fake-proxy-control.js';
import { loaded, partText, settled, viewOf } from '../helpers/endpoint-chart-harness.js';
import { shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { TemplateResult } from 'lit';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhEndpointProvider } from '../../src/components/endpoint-provider/endpoint-provider.js';

/**
 * Renders `template` (a provider) and returns it with its charts, in document order. Synchronous,
 * so a test can listen before the first requests run.
 */
function mountProvider(template: TemplateResult) {
  const provider = fixtureSync<PhEndpointProvider>(template);
  const charts = [...provider.querySelectorAll('ph-endpoint-chart')] as PhEndpointChart[];
  return { provider, charts };
}

/** The Authorization header the fake proxy's `echo` endpoint says it received. */
function authorizationEchoed(data: unknown): string | null {
  return (data as { echo: { headers: Record<string, string | null> } }).echo.headers['authorization'] ?? null;
}

describe('<ph-endpoint-provider> client', () => {
  it('hands its client to every element inside, from their first request', async () => {
    const client = new FakeClient();
    const { charts } = mountProvider(html`
      <ph-endpoint-provider .client=${client}>
        <section>
          <ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>
          <ph-endpoint-chart name="total_signups"></ph-endpoint-chart>
        </section>
      </ph-endpoint-provider>
    `);
    await Promise.all(charts.map((chart) => loaded(chart)));
    expect(client.calls.map((call) => call.name).sort()).to.deep.equal([
      'daily_active_users',
      'total_signups',
    ]);
  });

  it('re-runs its elements against a client swapped in later', async () => {
    const first = new FakeClient();
    const { provider, charts } = mountProvider(html`
      <ph-endpoint-provider .client=${first}>
        <ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);
    const chart = charts[0]!;
    await loaded(chart);

    const second = new FakeClient();
    const done = loaded(chart);
    provider.client = second;
    await done;
    expect([first.calls.length, second.calls.length]).to.deep.equal([1, 1]);
  });

  it('builds a FetchClient for its proxy and token; an element may bring its own token', async () => {
    const id = newTestId();
    const { charts } = mountProvider(html`
      <ph-endpoint-provider
        proxy=${FAKE_PROXY}
        token="dashboard-token"
        variables=${JSON.stringify({ test_id: id })}
      >
        <ph-endpoint-chart name="echo_shared"></ph-endpoint-chart>
        <ph-endpoint-chart name="echo_own" token="own-token"></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);
    const [shared, own] = await Promise.all(charts.map((chart) => nextEvent(chart, 'ph-load')));
    expect(authorizationEchoed(shared!.data)).to.equal('Bearer dashboard-token');
    expect(authorizationEchoed(own!.data)).to.equal('Bearer own-token');
    expect((await proxyRuns(id)).map((run) => run.name).sort()).to.deep.equal(['echo_own', 'echo_shared']);
  });
});

describe('<ph-endpoint-provider> variables', () => {
  it("merge under each element's own, and changing them re-runs every element", async () => {
    const client = new FakeClient();
    client.hold = true;
    const { provider, charts } = mountProvider(html`
      <ph-endpoint-provider .client=${client} variables='{"date_from":"-7d","customer":"acme"}'>
        <ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>
        <ph-endpoint-chart name="total_signups" variables='{"customer":"globex"}'></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);
    await Promise.all(charts.map((chart) => chart.updateComplete));
    const requests = () => Object.fromEntries(client.calls.map((call) => [call.name, call.request]));
    expect(requests()).to.deep.equal({
      daily_active_users: { variables: { date_from: '-7d', customer: 'acme' } },
      total_signups: { variables: { date_from: '-7d', customer: 'globex' } },
    });

    // The same value again is no change.
    provider.variables = { customer: 'acme', date_from: '-7d' };
    await provider.updateComplete;
    await Promise.all(charts.map((chart) => chart.updateComplete));
    expect(client.calls).to.have.length(2);

    provider.variables = { date_from: '-30d' };
    await provider.updateComplete;
    await Promise.all(charts.map((chart) => chart.updateComplete));
    expect(client.calls.slice(2).map((call) => [call.name, call.request])).to.have.deep.members([
      ['daily_active_users', { variables: { date_from: '-30d' } }],
      ['total_signups', { variables: { date_from: '-30d', customer: 'globex' } }],
    ]);
    expect(client.calls.slice(0, 2).every((call) => call.signal?.aborted)).to.equal(true);
  });
});

describe('<ph-endpoint-provider> defaults', () => {
  it('gives theme, locale, time zone and strings to elements that set none', async () => {
    const strings = { exportCsv: 'Télécharger', asOf: 'à jour le {time}' };
    const { provider, charts } = mountProvider(html`
      <ph-endpoint-provider
        .client=${new FakeClient()}
        .strings=${strings}
        theme="dark"
        locale="fr-FR"
        timezone="Europe/Paris"
      >
        <ph-endpoint-chart name="signups_this_week"></ph-endpoint-chart>
        <ph-endpoint-chart
          name="signups_this_week"
          theme="light"
          locale="en-GB"
          timezone="UTC"
          .strings=${{ exportCsv: 'Download' }}
        ></ph-endpoint-chart>
      </ph-endpoint-provider>
    `);
    await Promise.all(charts.map((chart) => loaded(chart)));
    const [inherits, own] = charts as [PhEndpointChart, PhEndpointChart];

    const attributes = (chart: PhEndpointChart) =>
      ['theme', 'locale', 'timezone'].map((name) => viewOf(chart)!.getAttribute(name));
    expect(attributes(inherits)).to.deep.equal(['dark', 'fr-FR', 'Europe/Paris']);
    expect(attributes(own)).to.deep.equal(['light', 'en-GB', 'UTC']);
    expect(getComputedStyle(shadowPart(inherits, 'base')!).colorScheme).to.equal('dark');
    expect(inherits.hasAttribute('theme')).to.equal(false);

    expect(partText(inherits, 'export')).to.equal('Télécharger');
    expect(partText(inherits, 'freshness')).to.equal('à jour le 9 août 2022, 17:15 · cached');
    expect(partText(own, 'export')).to.equal('Download');
    expect(partText(own, 'freshness')).to.equal('à jour le 9 Aug 2022, 15:15 · cached');
    expect(viewOf(own)!.strings).to.deep.equal({ exportCsv: 'Download', asOf: 'à jour le {time}' });
    await expect(provider).to.be.accessible();

    provider.theme = 'light';
    await provider.updateComplete;
    await settled(inherits);
    expect(viewOf(inherits)!.getAttribute('theme')).to.equal('light');
  });

  it('nests: an inner provider inherits what it does not set and merges variables', async () => {
    const client = new FakeClient();
    const { charts } = mountProvider(html`
      <ph-endpoint-provider .client=${client} theme="dark" variables='{"date_from":"-7d","team":1}'>
        <ph-endpoint-provider variables='{"team":2}' locale="de-DE">
          <ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>
        </ph-endpoint-provider>
      </ph-endpoint-provider>
    `);
    const chart = charts[0]!;
    await loaded(chart);
    expect(client.calls.map((call) => call.request)).to.deep.equal([
      { variables: { date_from: '-7d', team: 2 } },
    ]);
    expect(['theme', 'locale'].map((name) => viewOf(chart)?.getAttribute(name))).to.deep.equal([
      'dark',
      'de-DE',
    ]);
  });
});
