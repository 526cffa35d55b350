import { expect, html, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient, trendsResponse } from '../helpers/fake-client.js';
import { mountWithClient, renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhTrendsChart } from '../../src/components/trends-chart/trends-chart.js';
import type { RunResponse } from '../../src/data/types.js';

function mount(client: FakeClient, name = 'daily_active_users'): PhEndpointChart {
  return mountWithClient<PhEndpointChart>(client, html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`)
    .element;
}

function view(element: PhEndpointChart): PhTrendsChart | null {
  return shadowPart<PhTrendsChart>(element, 'chart');
}

/** Every `ph-load` the element fires, in order. */
function loads(element: PhEndpointChart): RunResponse[] {
  const seen: RunResponse[] = [];
  element.addEventListener('ph-load', (event) => seen.push(event.data));
  return seen;
}

/** The chart.js chart drawn inside the element's trends view, once there is one. */
async function drawnChart(element: PhEndpointChart): Promise<Chart> {
  const trends = view(element)!;
  await trends.updateComplete;
  const canvas = () => trends.shadowRoot!.querySelector('canvas');
  // A ceiling, not a wait: `updateComplete` already covers the drawing; this only names the failure.
  await waitUntil(() => canvas() && Chart.getChart(canvas()!), 'the trends view drew no chart', {
    timeout: 5000,
  });
  return Chart.getChart(canvas()!)!;
}

describe('<ph-endpoint-chart> retry', () => {
  it('re-runs the request from the Retry button and can succeed', async () => {
    const client = new FakeClient();
    client.failWith = new PhApiError({
      status: 502,
      code: 'upstream_error',
      message: 'Upstream broke.',
      retryable: true,
    });
    const element = mount(client);
    await nextEvent(element, 'ph-error');
    await element.updateComplete;

    client.failWith = undefined;
    const started = nextEvent(element, 'ph-load-start');
    const done = nextEvent(element, 'ph-load');
    shadowPart<HTMLButtonElement>(element, 'retry')!.click();
    expect((await started).name).to.equal('daily_active_users');
    await done;
    await element.updateComplete;

    expect(client.calls).to.have.length(2);
    expect(renderedParts(element)).to.include('chart').and.not.include('error');
  });
});

describe('<ph-endpoint-chart> superseded requests', () => {
  it('aborts the old request when the name changes', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mount(client);
    await element.updateComplete;
    const [old] = client.calls;

    element.name = 'pageviews_by_browser';
    await element.updateComplete;

    expect(old!.signal!.aborted).to.equal(true);
    expect(client.calls.map((c) => c.name)).to.deep.equal(['daily_active_users', 'pageviews_by_browser']);
    expect(client.calls[1]!.signal!.aborted).to.equal(false);
  });

  it('never lets a stale answer overwrite the new one, whichever arrives first', async () => {
    const client = new FakeClient();
    client.hold = true;
    client.ignoreAbort = true; // the old answers still arrive, as from a client that ignores its signal
    const element = mount(client, 'first');
    const seen = loads(element);
    await element.updateComplete;
    element.name = 'second';
    await element.updateComplete;
    element.name = 'third';
    await element.updateComplete;
    const [first, second, third] = client.calls;

    // A stale answer arriving before the current one: the element keeps waiting.
    first!.resolve(trendsResponse('first', [[1, 2, 3]]));
    await first!.answer;
    await element.updateComplete;
    expect(renderedParts(element)).to.include('loading');

    third!.resolve(trendsResponse('third', [[7, 8, 9]]));
    await nextEvent(element, 'ph-load');
    await element.updateComplete;

    // A stale answer arriving after the current one: nothing changes.
    second!.resolve(trendsResponse('second', [[4, 5, 6]]));
    await second!.answer;
    await element.updateComplete;

    expect(seen.map((data) => data.name)).to.deep.equal(['third']);
    expect(view(element)!.result!.name).to.equal('third');
  });
});

describe('<ph-endpoint-chart> on and off the page', () => {
  it('aborts the request in flight when removed, without an error, and re-runs when put back', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mount(client);
    const errors: Event[] = [];
    element.addEventListener('ph-error', (event) => errors.push(event));
    await element.updateComplete;
    const parent = element.parentElement!;

    element.remove();
    expect(client.calls[0]!.signal!.aborted).to.equal(true);
    await client.calls[0]!.answer.catch(() => undefined);
    expect(errors).to.have.length(0);

    const again = client.nextCall();
    parent.append(element);
    (await again).resolve();
    await nextEvent(element, 'ph-load');
    await element.updateComplete;
    expect(client.calls).to.have.length(2);
    expect(renderedParts(element)).to.include('chart');
  });

  it('destroys the chart when removed and draws it again when put back, without refetching', async () => {
    const client = new FakeClient();
    const element = mount(client);
    await nextEvent(element, 'ph-load');
    await element.updateComplete;
    const chart = await drawnChart(element);
    const canvas = chart.canvas;
    const parent = element.parentElement!;

    element.remove();
    expect(Chart.getChart(canvas)).to.equal(undefined);

    parent.append(element);
    const redrawn = await drawnChart(element);
    expect(redrawn).not.to.equal(chart);
    expect(redrawn.data.datasets.length).to.equal(chart.data.datasets.length);
    expect(client.calls).to.have.length(1);
  });
});
