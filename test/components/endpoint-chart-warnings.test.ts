import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient } from '../helpers/fake-client.js';
import { mountWithClient, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';

/** Collects `console.warn` calls while `body` runs (Lit's dev mode warns through it). */
async function warningsDuring(body: () => Promise<void>): Promise<unknown[][]> {
  const warnings: unknown[][] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('<ph-endpoint-chart> dev mode', () => {
  it('runs through every state without a Lit dev-mode warning', async () => {
    const warnings = await warningsDuring(async () => {
      const client = new FakeClient();
      const element = mountWithClient<PhEndpointChart>(
        client,
        html`<ph-endpoint-chart
          name="daily_active_users"
          chart-title="Users"
          variables='{"a":1}'
        ></ph-endpoint-chart>`,
      ).element;
      await nextEvent(element, 'ph-load');
      await element.updateComplete;
      await shadowPart<PhTrendsChart>(element, 'chart')!.updateComplete;

      client.failWith = new PhApiError({
        status: 500,
        code: 'internal_error',
        message: 'Oops.',
        retryable: true,
      });
      element.name = 'pageviews_by_browser';
      await nextEvent(element, 'ph-error');
      await element.updateComplete;

      client.failWith = undefined;
      shadowPart<HTMLButtonElement>(element, 'retry')!.click();
      await nextEvent(element, 'ph-load');
      await element.updateComplete;
      element.remove();
    });
    expect(warnings).to.deep.equal([]);
  });

  it('warns once, in dev mode, when the name is missing', async () => {
    const client = new FakeClient();
    const warnings = await warningsDuring(async () => {
      const element = mountWithClient<PhEndpointChart>(
        client,
        html`<ph-endpoint-chart></ph-endpoint-chart>`,
      ).element;
      await element.updateComplete;
      element.variables = { a: 1 };
      await element.updateComplete;
    });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.match(/<ph-endpoint-chart> has no `name`/);
    expect(client.calls).to.have.length(0);
  });

  it('warns about a variables attribute that is not a JSON object, and runs without it', async () => {
    const client = new FakeClient();
    const warnings = await warningsDuring(async () => {
      const element = mountWithClient<PhEndpointChart>(
        client,
        html`<ph-endpoint-chart
          name="daily_active_users"
          variables="{customer_id: acme}"
        ></ph-endpoint-chart>`,
      ).element;
      await nextEvent(element, 'ph-load');
    });
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.match(/variables/);
    expect(client.calls[0]!.request).to.deep.equal({});
  });
});
