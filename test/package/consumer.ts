// Compiled by test/e2e/package.test.ts after `npm run build`, through the package's own "exports" (a
// package may import itself by name): what a TypeScript user of `ph-embed` sees, types included.
import type { PhEndpointChart, PhLoadEvent, RunResponse } from 'ph-embed';
import 'ph-embed/define';
import { createHandler, mintEmbedToken, phEmbed, type HandlerOptions } from 'ph-embed/server';

// HTMLElementTagNameMap: the tag gives the class, without a cast.
const chart: PhEndpointChart = document.createElement('ph-endpoint-chart');
chart.name = 'daily_active_users';
chart.variables = { date_from: '-7d' };
// GlobalEventHandlersEventMap: the event is typed by its name.
chart.addEventListener('ph-load', (event: PhLoadEvent) => {
  const answer: RunResponse = event.data;
  console.log(answer.results);
});

const options: HandlerOptions = {
  posthog: { host: 'https://us.posthog.com', projectId: 1, personalApiKey: 'phx_example' },
  secrets: 'x'.repeat(32),
};
export const handler = createHandler(options);
export const middleware = phEmbed(options);
export const token: Promise<string> = mintEmbedToken({ sub: 'acme', ttlSeconds: 600 }, 'x'.repeat(32));
