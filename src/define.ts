/**
 * Registers every ph-* tag once. Import this module (or `ph-embed/define`) for its side effect;
 * `src/index.ts` exports the classes without registering anything.
 */
import { PhEndpointChart } from './components/endpoint-chart/endpoint-chart.js';
import { PhTrendsChart } from './components/trends-chart/trends-chart.js';

const elements: Record<string, CustomElementConstructor> = {
  'ph-endpoint-chart': PhEndpointChart,
  'ph-trends-chart': PhTrendsChart,
};

// Guarded so that two copies of the kit on one page (a CDN tag plus a bundle, say) do not throw:
// the first definition wins, as with GitHub's include-fragment-element.
if (typeof customElements !== 'undefined') {
  for (const [tag, ctor] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
