import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient, fixtureResponse, trendsResponse } from '../helpers/fake-client.js';
import { FAKE_PROXY, newTestId, proxyStats } from '../helpers/fake-proxy-control.js';
import { loaded, mountChart as mount, partText, viewOf } from '../helpers/endpoint-chart-harness.js';
import { mountWithClient, renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { RunResponse } from '../../src/data/types.js';

const THEMES = ['light', 'dark'] as const;

describe('<ph-endpoint-chart> states', () => {
  for (const theme of THEMES) {
    it(`shows a loading skeleton in a status region while pending (${theme})`, async () => {
      const client = new FakeClient();
      client.hold = true;
      const element = mount(
        client,
        html`<ph-endpoint-chart name="daily_active_users" theme=${theme}></ph-endpoint-chart>`,
      );
      await element.updateComplete;

      const loading = shadowPart(element, 'loading')!;
      expect(loading.getAttribute('role')).to.equal('status');
      expect(loading.textContent).to.contain('Loading chart…');
      expect(shadowPart(element, 'skeleton')!.getAttribute('aria-hidden')).to.equal('true');
      expect(client.calls.map((c) => c.name)).to.deep.equal(['daily_active_users']);
      await expect(element).to.be.accessible();
    });

    it(`draws a loaded trends result, with its freshness line (${theme})`, async () => {
      const element = mount(
        new FakeClient(),
        html`<ph-endpoint-chart name="daily_active_users" theme=${theme}></ph-endpoint-chart>`,
      );
      await loaded(element);

      expect(viewOf(element)!.localName).to.equal('ph-trends-chart');
      expect(viewOf(element)!.getAttribute('theme')).to.equal(theme);
      expect(partText(element, 'freshness')).to.match(/^as of .+ · cached$/);
      expect(partText(element, 'export')).to.equal('Export CSV');
      await expect(element).to.be.accessible();
    });

    it(`says so when there is no data (${theme})`, async () => {
      const client = new FakeClient();
      client.responses.set('quiet', trendsResponse('quiet', [[], []]));
      client.responses.set('nothing', trendsResponse('nothing', []));
      for (const name of ['quiet', 'nothing']) {
        const element = mount(
          client,
          html`<ph-endpoint-chart name=${name} theme=${theme}></ph-endpoint-chart>`,
        );
        await loaded(element);

        const empty = shadowPart(element, 'empty')!;
        expect(empty.getAttribute('role')).to.equal('status');
        expect(empty.textContent!.trim()).to.equal('No data for this period');
        expect(renderedParts(element).filter((part) => part === 'chart' || part === 'export')).to.deep.equal(
          [],
        );
        await expect(element).to.be.accessible();
      }
    });

    it(`shows the proxy's message and a Retry button when the run fails (${theme})`, async () => {
      const client = new FakeClient();
      client.failWith = new PhApiError({
        status: 503,
        code: 'upstream_unavailable',
        message: 'PostHog is not answering right now.',
        retryable: true,
      });
      const element = mount(
        client,
        html`<ph-endpoint-chart name="daily_active_users" theme=${theme}></ph-endpoint-chart>`,
      );
      const failed = await nextEvent(element, 'ph-error');
      await element.updateComplete;

      expect(failed.error).to.equal(client.failWith);
      expect(failed.status).to.equal(503);
      const alert = shadowPart(element, 'error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.contain('PostHog is not answering right now.');
      expect(partText(element, 'retry')).to.equal('Retry');
      expect(renderedParts(element).filter((p) => p === 'freshness' || p === 'export')).to.deep.equal([]);
      await expect(element).to.be.accessible();
    });
  }

  it('hides the message of an error that is not from the proxy', async () => {
    const client = new FakeClient();
    client.failWith = new TypeError('secret.internal is undefined');
    const element = mount(client);
    const failed = await nextEvent(element, 'ph-error');
    await element.updateComplete;

    expect(failed.status).to.equal(0);
    expect(shadowPart(element, 'error')!.textContent).not.to.contain('secret');
    expect(shadowPart(element, 'error')!.textContent).to.contain('This chart could not be loaded.');
  });

  it('says which query kinds no view draws', async () => {
    const client = new FakeClient();
    const paths = { ...trendsResponse('paths', [[1, 2]]), kind: 'PathsQuery' } as unknown as RunResponse;
    client.responses.set('paths', paths);
    const element = mount(client, html`<ph-endpoint-chart name="paths"></ph-endpoint-chart>`);
    await loaded(element);

    const message = shadowPart(element, 'unsupported')!;
    expect(message.getAttribute('role')).to.equal('status');
    expect(partText(element, 'unsupported')).to.equal('There is no view for PathsQuery.');
    expect(renderedParts(element)).not.to.include('chart');
    await expect(element).to.be.accessible();
  });

  it('shows chart-title, else the endpoint name, in the header; the title slot replaces it', async () => {
    const client = new FakeClient();
    client.hold = true;
    const named = mount(client);
    await named.updateComplete;
    expect(shadowPart(named, 'header')!.textContent!.trim()).to.equal('daily_active_users');

    named.chartTitle = 'Daily active users';
    await named.updateComplete;
    expect(shadowPart(named, 'header')!.textContent!.trim()).to.equal('Daily active users');

    const slotted = mount(
      client,
      html`<ph-endpoint-chart name="daily_active_users"><span slot="title">Custom</span></ph-endpoint-chart>`,
    );
    await slotted.updateComplete;
    const slot = shadowPart(slotted, 'header')!.querySelector('slot')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Custom']);
  });
});

describe('<ph-endpoint-chart> events', () => {
  it('fires ph-load-start then ph-load, bubbling out of the shadow root', async () => {
    const seen: string[] = [];
    const record = (event: Event) =>
      seen.push(`${event.type}:${(event as Event & { name?: string }).name ?? ''}`);
    document.addEventListener('ph-load-start', record);
    document.addEventListener('ph-load', record);
    try {
      const element = mount(new FakeClient());
      const { data } = await nextEvent(element, 'ph-load');
      expect(data).to.deep.equal(fixtureResponse('daily_active_users'));
      expect(seen).to.deep.equal(['ph-load-start:daily_active_users', 'ph-load:']);
    } finally {
      document.removeEventListener('ph-load-start', record);
      document.removeEventListener('ph-load', record);
    }
  });

  it('fires ph-load-start then ph-error', async () => {
    const client = new FakeClient();
    client.failWith = new PhApiError({
      status: 404,
      code: 'endpoint_not_found',
      message: 'No.',
      retryable: false,
    });
    const element = mount(client);
    const seen: string[] = [];
    element.addEventListener('ph-load-start', (e) => seen.push(e.type));
    element.addEventListener('ph-error', (e) => seen.push(e.type));
    element.addEventListener('ph-load', (e) => seen.push(e.type));

    const failed = await nextEvent(element, 'ph-error');
    expect(failed.bubbles && failed.composed).to.equal(true);
    expect(seen).to.deep.equal(['ph-load-start', 'ph-error']);
  });
});

describe('<ph-endpoint-chart> inputs', () => {
  it('sends variables from the JSON attribute and re-runs only when their value changes', async () => {
    const client = new FakeClient();
    const element = mount(
      client,
      html`<ph-endpoint-chart
        name="daily_active_users"
        variables='{"customer_id":"acme","days":7}'
      ></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(client.calls[0]!.request).to.deep.equal({ variables: { customer_id: 'acme', days: 7 } });

    element.variables = { days: 7, customer_id: 'acme' };
    await element.updateComplete;
    expect(client.calls).to.have.length(1);

    element.variables = { customer_id: 'globex', days: 7 };
    await loaded(element);
    expect(client.calls).to.have.length(2);
    expect(client.calls[1]!.request).to.deep.equal({ variables: { customer_id: 'globex', days: 7 } });
  });

  it('fetches nothing without a name, and starts once one is set', async () => {
    const client = new FakeClient();
    const element = mount(client, html`<ph-endpoint-chart></ph-endpoint-chart>`);
    await element.updateComplete;
    expect(client.calls).to.have.length(0);
    expect(renderedParts(element)).to.deep.equal(['base', 'header', 'toolbar']);

    element.name = 'daily_active_users';
    await loaded(element);
    expect(client.calls.map((c) => c.name)).to.deep.equal(['daily_active_users']);
    // Frameworks set the property; the attribute follows, so selectors by name still find the chart.
    expect(element.getAttribute('name')).to.equal('daily_active_users');
  });

  it('re-runs against a newly provided client', async () => {
    const first = new FakeClient();
    const { element, provider } = mountWithClient<PhEndpointChart>(
      first,
      html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
    );
    await loaded(element);

    const second = new FakeClient();
    provider.setValue(second);
    await loaded(element);
    expect([first.calls.length, second.calls.length]).to.deep.equal([1, 1]);
  });

  it("uses its own proxy rather than the provider's client", async () => {
    const client = new FakeClient();
    const id = newTestId();
    const element = mount(
      client,
      html`<ph-endpoint-chart
        name="echo"
        proxy=${FAKE_PROXY}
        variables=${JSON.stringify({ test_id: id })}
      ></ph-endpoint-chart>`,
    );
    await nextEvent(element, 'ph-load');
    expect(client.calls).to.have.length(0);
    expect(await proxyStats(id)).to.deep.equal({ requests: 1, aborted: 0 });
  });

  it('without a provider, shares one FetchClient per proxy and token', async () => {
    const id = newTestId();
    const variables = JSON.stringify({ test_id: id });
    const wrapper = fixtureSync<HTMLDivElement>(html`
      <div>
        <ph-endpoint-chart name="echo" proxy=${FAKE_PROXY} variables=${variables}></ph-endpoint-chart>
        <ph-endpoint-chart name="echo" proxy=${FAKE_PROXY} variables=${variables}></ph-endpoint-chart>
      </div>
    `);
    const [one, two] = [...wrapper.querySelectorAll('ph-endpoint-chart')] as PhEndpointChart[];
    const [first] = await Promise.all([nextEvent(one!, 'ph-load'), nextEvent(two!, 'ph-load')]);
    expect(first.data.name).to.equal('echo');
    expect(await proxyStats(id)).to.deep.equal({ requests: 1, aborted: 0 });
  });
});
