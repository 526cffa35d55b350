import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient } from '../helpers/fake-client.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { loaded, mountChart, viewOf } from '../helpers/endpoint-chart-harness.js';
import { mountWithClient, renderedParts, shadowPart } from '../helpers/mount.js';
import type { TemplateResult } from 'lit';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';

/** Pretends the tab went to the background (or came back), as a browser reports it. */
function setPageHidden(hidden: boolean): void {
  if (hidden) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  else delete (document as { visibilityState?: unknown }).visibilityState;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** The element, placed far below the viewport (and its lazy-loading margin). */
function mountFarBelow(client: FakeClient, chart: TemplateResult): PhEndpointChart {
  const { element } = mountWithClient<HTMLDivElement>(
    client,
    html`<div>
      <div style="height: 5000px"></div>
      ${chart}
    </div>`,
  );
  return element.querySelector('ph-endpoint-chart')!;
}

/**
 * Resolves after the browser has reported whether `target` intersects the viewport. Observers
 * are notified in the order they were made, so the element's own has been told by then.
 */
function observed(target: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(target);
  });
}

const PRESET = html`<ph-endpoint-chart name="daily_active_users" refresh-interval="30"></ph-endpoint-chart>`;

describe('<ph-endpoint-chart> refresh-interval', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock().install()));
  afterEach(() => {
    clock.uninstall();
    setPageHidden(false);
  });

  it('re-runs the same request every interval, keeping the old chart while it refreshes', async () => {
    const client = new FakeClient();
    const element = mountChart(client, PRESET);
    await loaded(element);
    expect(clock.delays).to.deep.equal([30_000]);
    const view = viewOf(element);

    client.hold = true;
    clock.tick(29_999);
    expect(client.calls).to.have.length(1);
    clock.tick(1);
    await element.updateComplete;
    expect(client.calls).to.have.length(2);
    // A poll asks the cache like any run: `refresh: 'force'` would defeat the proxy's cache.
    expect(client.calls[1]!.request).to.deep.equal(client.calls[0]!.request);
    expect(viewOf(element)).to.equal(view);
    expect(shadowPart(element, 'view')!.getAttribute('aria-busy')).to.equal('true');
    expect(renderedParts(element)).not.to.include('loading');
    await expect(element).to.be.accessible();

    client.calls[1]!.resolve();
    await loaded(element);
    expect(shadowPart(element, 'view')!.getAttribute('aria-busy')).to.equal('false');
    expect(clock.delays).to.deep.equal([30_000]);
  });

  it('polls no faster than every 5 seconds, and stops when the interval is removed', async () => {
    const client = new FakeClient();
    const element = mountChart(
      client,
      html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(clock.pending).to.equal(0);

    element.refreshInterval = 1;
    await element.updateComplete;
    expect(clock.delays).to.deep.equal([5_000]);

    element.refreshInterval = 0;
    await element.updateComplete;
    expect(clock.pending).to.equal(0);
  });

  it('waits at most the longest delay a browser timer keeps (past it, timers fire at once)', async () => {
    const client = new FakeClient();
    const element = mountChart(
      client,
      // Milliseconds written by mistake: 3,600,000 seconds is 41 days.
      html`<ph-endpoint-chart name="daily_active_users" refresh-interval="3600000"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(clock.delays).to.deep.equal([2 ** 31 - 1]);
  });

  it('waits while the tab is hidden and catches up with one request when it is shown', async () => {
    const client = new FakeClient();
    const element = mountChart(client, PRESET);
    await loaded(element);

    setPageHidden(true);
    clock.tick(30_000);
    clock.tick(30_000);
    await element.updateComplete;
    expect(client.calls).to.have.length(1);

    const refreshed = loaded(element);
    setPageHidden(false);
    await refreshed;
    expect(client.calls).to.have.length(2);
    expect(clock.delays).to.deep.equal([30_000]);
  });

  it('waits while the element is off screen and refreshes when it scrolls into view', async () => {
    const client = new FakeClient();
    const element = mountFarBelow(client, PRESET);
    await loaded(element);
    await observed(element);

    clock.tick(30_000);
    await element.updateComplete;
    expect(client.calls).to.have.length(1);

    const next = client.nextCall();
    element.scrollIntoView();
    await next;
    expect(client.calls).to.have.length(2);
  });

  it('keeps polling after a failure that may pass, not after one that will not', async () => {
    const client = new FakeClient();
    client.failWith = new PhApiError({
      status: 503,
      code: 'upstream_unavailable',
      message: 'Busy.',
      retryable: true,
    });
    const element = mountChart(client, PRESET);
    await new Promise((resolve) => element.addEventListener('ph-error', resolve, { once: true }));
    expect(clock.delays).to.deep.equal([30_000]);

    client.failWith = new PhApiError({
      status: 404,
      code: 'endpoint_not_found',
      message: 'No.',
      retryable: false,
    });
    clock.tick(30_000);
    await new Promise((resolve) => element.addEventListener('ph-error', resolve, { once: true }));
    expect(clock.pending).to.equal(0);
  });

  it('stops its timer when removed and starts again when put back', async () => {
    const client = new FakeClient();
    const element = mountChart(client, PRESET);
    await loaded(element);
    const parent = element.parentElement!;

    element.remove();
    expect(clock.pending).to.equal(0);
    parent.append(element);
    expect(clock.delays).to.deep.equal([30_000]);
  });
});

describe('<ph-endpoint-chart> when it may fetch', () => {
  afterEach(() => setPageHidden(false));

  it('fetches nothing while the tab is hidden, and starts once it is shown', async () => {
    setPageHidden(true);
    const client = new FakeClient();
    const element = mountChart(client);
    await observed(element);
    await element.updateComplete;
    expect(client.calls).to.have.length(0);
    expect(renderedParts(element)).to.include('loading');

    const done = loaded(element);
    setPageHidden(false);
    await done;
    expect(client.calls).to.have.length(1);
  });

  it('eager (the default): fetches at once, even far below the viewport', async () => {
    const client = new FakeClient();
    const element = mountFarBelow(
      client,
      html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(client.calls).to.have.length(1);
  });

  it('lazy: fetches only once the element nears the viewport', async () => {
    const client = new FakeClient();
    const element = mountFarBelow(
      client,
      html`<ph-endpoint-chart name="daily_active_users" loading="lazy"></ph-endpoint-chart>`,
    );
    await observed(element);
    await element.updateComplete;
    expect(client.calls).to.have.length(0);
    expect(renderedParts(element)).to.include('loading');

    const done = loaded(element);
    element.scrollIntoView();
    await done;
    expect(client.calls).to.have.length(1);

    // Scrolling away again changes nothing that was drawn.
    window.scrollTo(0, 0);
    await observed(element);
    await element.updateComplete;
    expect(renderedParts(element)).to.include('chart');
  });

  it('lazy: fetches at once when it starts in view', async () => {
    const client = new FakeClient();
    const element = mountChart(
      client,
      html`<ph-endpoint-chart name="daily_active_users" loading="lazy"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(client.calls).to.have.length(1);
  });
});
