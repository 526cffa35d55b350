import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { PhApiError } from '../../src/data/errors.js';
import { PhPageRequestEvent } from '../../src/events/page-request.js';
import { PhPointClickEvent } from '../../src/events/point-click.js';
import { FakeClient, fixtureResponse, trendsResponse } from '../helpers/fake-client.js';
import { loaded, mountChart, partText, settled, viewOf } from '../helpers/endpoint-chart-harness.js';
import { renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { PhStrings } from '../../src/internal/strings.js';
import type { RunResponse } from '../../src/data/types.js';

/** Mounts `name` answering `response`, and waits for it to be drawn. */
async function drawn(response: RunResponse, attributes: { locale?: string; timezone?: string } = {}) {
  const client = new FakeClient();
  client.responses.set(response.name, response);
  const element = mountChart(
    client,
    html`<ph-endpoint-chart
      name=${response.name}
      locale=${attributes.locale ?? 'en-GB'}
      timezone=${attributes.timezone ?? 'UTC'}
    ></ph-endpoint-chart>`,
  );
  await loaded(element);
  return element;
}

function withFreshness(
  fields: Partial<RunResponse>,
  cache: RunResponse['meta']['cache'] = 'miss',
): RunResponse {
  return { ...trendsResponse('fresh', [[1, 2, 3]]), ...fields, meta: { cache, age_s: 0, upstream_ms: 1 } };
}

describe('<ph-endpoint-chart> freshness line', () => {
  it('gives the date and time of an older refresh, and says when it was cached', async () => {
    const element = await drawn(fixtureResponse('signups_this_week')!);
    expect(partText(element, 'freshness')).to.equal('as of 9 Aug 2022, 15:15 · cached');
  });

  it('formats the time in the locale and time zone', async () => {
    const refreshed = { last_refresh: '2022-08-09T15:15:30.352651Z', is_cached: false };
    const german = await drawn(withFreshness(refreshed), { locale: 'de-DE', timezone: 'Europe/Berlin' });
    expect(partText(german, 'freshness')).to.equal('as of 09.08.2022, 17:15');

    const american = await drawn(withFreshness(refreshed), { locale: 'en-US', timezone: 'America/New_York' });
    expect(partText(american, 'freshness')).to.equal('as of Aug 9, 2022, 11:15 AM');
  });

  it("follows the answer's time zone when the element sets none", async () => {
    const client = new FakeClient();
    const response = withFreshness({ last_refresh: '2022-08-09T23:30:00Z', timezone: 'Asia/Tokyo' });
    client.responses.set('fresh', response);
    const element = mountChart(
      client,
      html`<ph-endpoint-chart name="fresh" locale="en-GB"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(partText(element, 'freshness')).to.equal('as of 10 Aug 2022, 08:30');
  });

  it('shows only the time for a refresh today, and "cached" for proxy cache hits', async () => {
    const now = new Date();
    const hhmm = `${String(now.getUTCHours()).padStart(2, '0')}:${String(now.getUTCMinutes()).padStart(2, '0')}`;
    const today = await drawn(withFreshness({ last_refresh: now.toISOString(), is_cached: false }));
    // The minute can turn between the two readings of the clock; the format cannot.
    expect(partText(today, 'freshness')).to.match(/^as of \d{2}:\d{2}$/);
    expect([hhmm, minuteAfter(hhmm)]).to.include(partText(today, 'freshness').slice('as of '.length));

    for (const cache of ['hit', 'stale'] as const) {
      const cached = await drawn(withFreshness({ last_refresh: now.toISOString(), is_cached: false }, cache));
      expect(partText(cached, 'freshness')).to.match(/^as of \d{2}:\d{2} · cached$/);
    }
  });

  it('falls back to when the answer arrived, less its cache age, without last_refresh', async () => {
    const response: RunResponse = {
      ...trendsResponse('fresh', [[1]]),
      meta: { cache: 'hit', age_s: 0, upstream_ms: 0 },
    };
    const element = await drawn(response);
    expect(partText(element, 'freshness')).to.match(/^as of \d{2}:\d{2} · cached$/);
  });
});

function minuteAfter(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + 1) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

describe('<ph-endpoint-chart> strings', () => {
  const german: Partial<PhStrings> = {
    loading: 'Diagramm lädt…',
    empty: 'Keine Daten für diesen Zeitraum',
    error: 'Das Diagramm konnte nicht geladen werden.',
    retry: 'Erneut versuchen',
    asOf: 'Stand {time}',
    cached: 'zwischengespeichert',
    exportCsv: 'CSV exportieren',
    noView: 'Keine Ansicht für {what}.',
  };

  it('replaces the text of every state and passes the strings to the view', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mountChart(
      client,
      html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
    );
    element.strings = german;
    await element.updateComplete;
    expect(partText(element, 'loading')).to.equal('Diagramm lädt…');

    client.calls[0]!.resolve();
    await loaded(element);
    expect(partText(element, 'export')).to.equal('CSV exportieren');
    expect(partText(element, 'freshness')).to.match(/^Stand .+ · zwischengespeichert$/);
    expect(viewOf(element)!.strings).to.equal(german);

    client.hold = false;
    client.failWith = new TypeError('boom');
    element.name = 'other';
    await nextEvent(element, 'ph-error');
    await element.updateComplete;
    expect(partText(element, 'error')).to.equal('Das Diagramm konnte nicht geladen werden. Erneut versuchen');

    client.failWith = undefined;
    client.responses.set('quiet', trendsResponse('quiet', []));
    element.name = 'quiet';
    await loaded(element);
    expect(partText(element, 'empty')).to.equal('Keine Daten für diesen Zeitraum');

    client.responses.set('paths', {
      ...trendsResponse('paths', [[1]]),
      kind: 'PathsQuery',
    } as unknown as RunResponse);
    element.name = 'paths';
    await loaded(element);
    expect(partText(element, 'unsupported')).to.equal('Keine Ansicht für PathsQuery.');
  });
});

describe('<ph-endpoint-chart> theme', () => {
  it('passes its theme to the view and themes its own chrome', async () => {
    const element = mountChart(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" theme="dark"></ph-endpoint-chart>`,
    );
    await loaded(element);
    expect(viewOf(element)!.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(shadowPart(element, 'base')!).colorScheme).to.equal('dark');

    element.theme = 'light';
    await settled(element);
    expect(viewOf(element)!.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(shadowPart(element, 'base')!).colorScheme).to.equal('light');

    element.theme = undefined;
    await settled(element);
    expect(viewOf(element)!.hasAttribute('theme')).to.equal(false);
  });
});

describe('<ph-endpoint-chart> CSV export', () => {
  /** Captures what the Export CSV button would save, without a real download. */
  async function exported(click: () => void): Promise<{ fileName: string; text: string }> {
    const createObjectURL = URL.createObjectURL;
    const anchorClick = HTMLAnchorElement.prototype.click;
    let blob: Blob | undefined;
    let fileName = '';
    URL.createObjectURL = (object: Blob | MediaSource) => {
      blob = object as Blob;
      return createObjectURL(object);
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      fileName = this.download;
    };
    try {
      click();
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
    // `Blob.text()` drops a leading byte order mark, so decode the bytes without doing that.
    const bytes = new Uint8Array(blob ? await blob.arrayBuffer() : new ArrayBuffer(0));
    return { fileName, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
  }

  it('has no CSV before a view is drawn', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mountChart(client);
    await element.updateComplete;
    expect(element.toCSV()).to.equal('');
    expect(renderedParts(element)).to.include('toolbar').and.not.include('export');
  });

  for (const name of ['daily_active_users', 'top_events']) {
    it(`delegates toCSV to the view and downloads it as ${name}.csv`, async () => {
      const element = mountChart(
        new FakeClient(),
        html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`,
      );
      await loaded(element);
      const csv = viewOf(element)!.toCSV!();
      expect(csv.split('\r\n').length).to.be.greaterThan(1);
      expect(element.toCSV()).to.equal(csv);

      const button = shadowPart<HTMLButtonElement>(element, 'export')!;
      expect(button.getAttribute('aria-describedby')).to.equal('title');
      const file = await exported(() => button.click());
      expect(file.fileName).to.equal(`${name}.csv`);
      expect(file.text).to.equal(`\uFEFF${csv}`);
    });
  }
});

describe('<ph-endpoint-chart> pages of SQL results', () => {
  it('re-runs with the limit and offset a ph-page-request asks for, keeping the table meanwhile', async () => {
    const client = new FakeClient();
    const element = mountChart(client, html`<ph-endpoint-chart name="top_events"></ph-endpoint-chart>`);
    await loaded(element);
    client.hold = true;

    const table = viewOf(element)!;
    table.dispatchEvent(new PhPageRequestEvent(25, 50));
    await element.updateComplete;
    expect(client.calls.map((c) => c.request)).to.deep.equal([{}, { limit: 25, offset: 50 }]);
    expect(viewOf(element)).to.equal(table);
    expect(shadowPart(element, 'view')!.getAttribute('aria-busy')).to.equal('true');

    const page = {
      ...fixtureResponse('top_events')!,
      limit: 25,
      offset: 50,
      results: [['$pageview', 'a', 'b', 1]],
    };
    client.calls[1]!.resolve(page);
    await loaded(element);
    expect(viewOf(element)!.result).to.equal(page);
    expect(shadowPart(element, 'view')!.getAttribute('aria-busy')).to.equal('false');

    // New variables mean a new question: back to the first page.
    element.variables = { event: '$pageview' };
    await element.updateComplete;
    expect(client.calls[2]!.request).to.deep.equal({ variables: { event: '$pageview' } });
  });

  it('keeps the retry path for a page that fails', async () => {
    const client = new FakeClient();
    const element = mountChart(client, html`<ph-endpoint-chart name="top_events"></ph-endpoint-chart>`);
    await loaded(element);
    client.failWith = new PhApiError({
      status: 400,
      code: 'invalid_request',
      message: 'Bad offset.',
      retryable: false,
    });
    viewOf(element)!.dispatchEvent(new PhPageRequestEvent(100, 100));
    await nextEvent(element, 'ph-error');
    await element.updateComplete;
    expect(partText(element, 'error')).to.equal('Bad offset. Retry');

    client.failWith = undefined;
    shadowPart<HTMLButtonElement>(element, 'retry')!.click();
    await loaded(element);
    expect(client.calls.at(-1)!.request).to.deep.equal({ limit: 100, offset: 100 });
  });
});

describe('<ph-endpoint-chart> view events', () => {
  it("lets the view's ph-point-click bubble out to the page unchanged", async () => {
    const element = mountChart(new FakeClient());
    await loaded(element);
    const click = new PhPointClickEvent({ series: 'a', seriesIndex: 0, label: 'Mar 4', index: 0, value: 1 });
    const heard = nextEvent(document, 'ph-point-click');
    viewOf(element)!.dispatchEvent(click);
    expect(await heard).to.equal(click);
  });
});
