import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { canonicalJson } from '../../src/data/shared-requests.js';
import { FAKE_PROXY, newTestId, proxyRuns } from '../helpers/fake-proxy-control.js';
import { loaded, viewOf } from '../helpers/endpoint-chart-harness.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhEndpointProvider } from '../../src/components/endpoint-provider/endpoint-provider.js';

/** Twelve tiles over nine endpoints; three pairs ask exactly the same question. */
const TILES: Array<{ name: string; variables?: Record<string, unknown>; tag: string }> = [
  { name: 'daily_active_users', tag: 'ph-trends-chart' },
  { name: 'daily_active_users', tag: 'ph-trends-chart' },
  { name: 'daily_active_users', variables: { date_from: '-30d' }, tag: 'ph-trends-chart' },
  { name: 'pageviews_by_browser', tag: 'ph-trends-chart' },
  { name: 'pageviews_by_browser', tag: 'ph-trends-chart' },
  { name: 'pageviews_by_browser_version', tag: 'ph-trends-chart' },
  { name: 'total_signups', tag: 'ph-big-number' },
  { name: 'signups_this_week', tag: 'ph-big-number' },
  { name: 'activation_funnel', tag: 'ph-funnel-chart' },
  { name: 'activation_funnel_by_variant', tag: 'ph-funnel-chart' },
  { name: 'signup_retention', tag: 'ph-retention-table' },
  { name: 'top_events', tag: 'ph-data-table' },
];

describe('a dashboard of twelve <ph-endpoint-chart> tiles', () => {
  it('draws every tile with one request per distinct endpoint and variables', async () => {
    const id = newTestId();
    const provider = fixtureSync<PhEndpointProvider>(html`
      <ph-endpoint-provider proxy=${FAKE_PROXY} variables=${JSON.stringify({ test_id: id })} locale="en-GB">
        <div style="display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem">
          ${TILES.map(
            (tile) =>
              html`<ph-endpoint-chart
                name=${tile.name}
                variables=${tile.variables ? JSON.stringify(tile.variables) : ''}
              ></ph-endpoint-chart>`,
          )}
        </div>
      </ph-endpoint-provider>
    `);
    const charts = [...provider.querySelectorAll('ph-endpoint-chart')] as PhEndpointChart[];
    expect(charts).to.have.length(12);

    await Promise.all(charts.map((chart) => loaded(chart)));

    expect(charts.map((chart) => viewOf(chart)?.localName)).to.deep.equal(TILES.map((tile) => tile.tag));
    for (const chart of charts) {
      const view = viewOf(chart)!;
      expect(customElements.get(view.localName), `<${view.localName}> is registered`).not.to.equal(undefined);
      expect(view.shadowRoot?.childElementCount ?? 0, `${chart.name} drew nothing`).to.be.greaterThan(0);
    }

    const runs = await proxyRuns(id);
    const asked = runs.map((run) => canonicalJson([run.name, run.body]));
    const distinct = new Set(
      TILES.map((tile) => canonicalJson([tile.name, { variables: { test_id: id, ...tile.variables } }])),
    );
    expect(distinct.size).to.equal(10);
    expect([...asked].sort()).to.deep.equal([...distinct].sort());
    await expect(provider).to.be.accessible();
  });
});
