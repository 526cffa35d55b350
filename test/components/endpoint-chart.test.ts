import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient, fixtureResponse, trendsResponse } from '../helpers/fake-client.js';
import { FAKE_PROXY, newTestId, proxyStats } from '../helpers/fake-proxy-control.js';
import { mountWithClient, renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';

function mount(
  client: FakeClient,
  template = html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
) {
  return mountWithClient<PhEndpointChart>(client, template).element;
}

/** Waits for the run to end and for both the element and its view to render the result. */
async function loaded(element: PhEndpointChart): Promise<void> {
  await nextEvent(element, 'ph-load');
  await element.updateComplete;
  await shadowPart<PhTrendsChart>(element, 'chart')?.updateComplete;
}

describe('<ph-endpoint-chart> states', () => {
  it('shows a loading skeleton in a status region while pending', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mount(client);
    await element.updateComplete;

    const loading = shadowPart(element, 'loading')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.contain('Loading chart…');
    expect(renderedParts(element)).to.include('skeleton');
    expect(client.calls.map((c) => c.name)).to.deep.equal(['daily_active_users']);
    await expect(element).to.be.accessible();
  });

  it('draws a line-type TrendsQuery with <ph-trends-chart>', async () => {
    const element = mount(
      new FakeClient(),
      html`<ph-endpoint-chart
        name="pageviews_by_browser"
        locale="de-DE"
        timezone="Europe/Berlin"
      ></ph-endpoint-chart>`,
    );
    const { data } = await nextEvent(element, 'ph-load');
    await element.updateComplete;

    const chart = shadowPart<PhTrendsChart>(element, 'chart')!;
    expect(chart.localName).to.equal('ph-trends-chart');
    expect(chart.result).to.equal(data);
    expect(chart.getAttribute('display')).to.equal('ActionsLineGraph');
    expect(chart.getAttribute('locale')).to.equal('de-DE');
    expect(chart.getAttribute('timezone')).to.equal('Europe/Berlin');
    await chart.updateComplete;
    await expect(element).to.be.accessible();
  });

  it('says so when there is no data', async () => {
    const client = new FakeClient();
    client.responses.set('quiet', trendsResponse('quiet', [[], []]));
    client.responses.set('nothing', trendsResponse('nothing', []));
    for (const name of ['quiet', 'nothing']) {
      const element = mount(client, html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`);
      await loaded(element);

      const empty = shadowPart(element, 'empty')!;
      expect(empty.getAttribute('role')).to.equal('status');
      expect(empty.textContent!.trim()).to.equal('No data for this period');
      expect(renderedParts(element)).not.to.include('chart');
      await expect(element).to.be.accessible();
    }
  });

  it("shows the proxy's message and a Retry button when the run fails", async () => {
    const client = new FakeClient();
    client.failWith = new PhApiError({
      status: 503,
      code: 'upstream_unavailable',
      message: 'PostHog is not answering right now.',
      retryable: true,
    });
    const element = mount(client);
    const failed = await nextEvent(element, 'ph-error');
    await element.updateComplete;

    expect(failed.error).to.equal(client.failWith);
    expect(failed.status).to.equal(503);
    const alert = shadowPart(element, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('PostHog is not answering right now.');
    expect(shadowPart(element, 'retry')!.textContent!.trim()).to.equal('Retry');
    await expect(element).to.be.accessible();
  });

  it('hides the message of an error that is not from the proxy', async () => {
    const client = new FakeClient();
    client.failWith = new TypeError('secret.internal is undefined');
    const element = mount(client);
    const failed = await nextEvent(element, 'ph-error');
    await element.updateComplete;

    expect(failed.status).to.equal(0);
    expect(shadowPart(element, 'error')!.textContent).not.to.contain('secret');
  });

  it('says which kinds and displays have no view yet', async () => {
    const expectations = {
      activation_funnel: 'FunnelsQuery (steps)',
      total_signups: 'TrendsQuery (BoldNumber)',
    };
    for (const [name, what] of Object.entries(expectations)) {
      const element = mount(new FakeClient(), html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`);
      await loaded(element);

      const message = shadowPart(element, 'unsupported')!;
      expect(message.getAttribute('role')).to.equal('status');
      expect(message.textContent).to.contain(what);
      expect(renderedParts(element)).not.to.include('chart');
      await expect(element).to.be.accessible();
    }
  });

  it("lets the display attribute override the endpoint's", async () => {
    const area = mount(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" display="ActionsAreaGraph"></ph-endpoint-chart>`,
    );
    await loaded(area);
    expect(shadowPart(area, 'chart')!.getAttribute('display')).to.equal('ActionsAreaGraph');

    const pie = mount(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" display="ActionsPie"></ph-endpoint-chart>`,
    );
    await loaded(pie);
    expect(renderedParts(pie)).not.to.include('chart');
    expect(shadowPart(pie, 'unsupported')!.textContent).to.contain('ActionsPie');

    // A number endpoint shown as a line: the override reaches the view.
    pie.display = 'ActionsLineGraphCumulative';
    await pie.updateComplete;
    expect(shadowPart(pie, 'chart')!.getAttribute('display')).to.equal('ActionsLineGraphCumulative');
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
    expect(renderedParts(element)).to.deep.equal(['base', 'header']);

    element.name = 'daily_active_users';
    await loaded(element);
    expect(client.calls.map((c) => c.name)).to.deep.equal(['daily_active_users']);
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
