/**
 * Registers every ph-* tag once. Import this module (or `ph-embed/define`) for its side effect;
 * `src/index.ts` exports the classes without registering anything.
 */
import { PhEndpointChart } from './components/endpoint-chart/endpoint-chart.js';
import { PhEndpointProvider } from './components/endpoint-provider/endpoint-provider.js';
import { PhTrendsChart } from './components/trends-chart/trends-chart.js';
import { PhLifecycleChart } from './components/lifecycle-chart/lifecycle-chart.js';
import { PhRetentionTable } from './components/retention-table/retention-table.js';
import { PhDataTable } from './components/data-table/data-table.js';
import { PhBigNumber } from './components/big-number/big-number.js';
import { PhFunnelChart } from './components/funnel-chart/funnel-chart.js';

// The provider comes first: defining a tag upgrades every instance already on the page, and
// elements inside a provider must find it upgraded to get its client from their first request.
const elements: Record<string, CustomElementConstructor> = {
  'ph-endpoint-provider': PhEndpointProvider,
  'ph-endpoint-chart': PhEndpointChart,
  'ph-trends-chart': PhTrendsChart,
  'ph-lifecycle-chart': PhLifecycleChart,
  'ph-retention-table': PhRetentionTable,
  'ph-data-table': PhDataTable,
  'ph-big-number': PhBigNumber,
  'ph-funnel-chart': PhFunnelChart,
};

// Guarded so that two copies of the kit on one page (a CDN tag plus a bundle, say) do not throw:
// the first definition wins, as with GitHub's include-fragment-element.
if (typeof customElements !== 'undefined') {
  for (const [tag, ctor] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
