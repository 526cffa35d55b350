import { expect, html } from '@open-wc/testing';
import '../../src/define.js';
import { skeletonShape, viewForResult } from '../../src/components/endpoint-chart/view-for-result.js';
import { FakeClient, FIXTURE_NAMES, fixtureResponse, trendsResponse } from '../helpers/fake-client.js';
import { loaded, mountChart, settled, viewOf } from '../helpers/endpoint-chart-harness.js';
import { renderedParts, shadowPart } from '../helpers/mount.js';
import { nextEvent } from '../helpers/next-event.js';
import type { DrawnView, ResultView } from '../../src/components/endpoint-chart/view-for-result.js';
import type { QueryKind, RunResponse } from '../../src/data/types.js';

function answer(kind: QueryKind, results: unknown, extra: Partial<RunResponse> = {}): RunResponse {
  return { name: 'x', kind, results, meta: { cache: 'miss', age_s: 0, upstream_ms: 1 }, ...extra };
}

const SERIES = [{ label: 'a', data: [1, 2], days: ['2024-01-01', '2024-01-02'], labels: [] }];
const STEPS = [{ name: 'a', order: 0, count: 10 }];

/** `[view, display, ignoredDisplay]` of a pick, for one-line assertions. */
function summary(picked: ResultView): Array<string | undefined> {
  if (picked.view === 'empty') return ['empty'];
  if (picked.view === 'unsupported') return ['unsupported', picked.kind];
  return [picked.view, picked.display, picked.ignoredDisplay];
}

describe('viewForResult', () => {
  it('draws trends with their display, numbers with <ph-big-number>', () => {
    const trends = (display?: string, override?: string) =>
      summary(viewForResult(answer('TrendsQuery', SERIES, display ? { display } : {}), override));
    expect(trends()).to.deep.equal(['trends', 'ActionsLineGraph', undefined]);
    for (const display of [
      'ActionsLineGraph',
      'ActionsLineGraphCumulative',
      'ActionsAreaGraph',
      'ActionsBar',
      'ActionsUnstackedBar',
      'ActionsStackedBar',
      'ActionsBarValue',
      'ActionsPie',
      'ActionsTable',
    ]) {
      expect(trends(display)).to.deep.equal(['trends', display, undefined]);
    }
    expect(trends('BoldNumber')).to.deep.equal(['big-number', undefined, undefined]);
    expect(trends('WorldMap')).to.deep.equal(['trends', 'ActionsBarValue', undefined]);
  });

  it('lets a display override redraw a trend, and ignores one that makes no sense', () => {
    const pick = (display: string, override: string) =>
      summary(viewForResult(answer('TrendsQuery', SERIES, { display }), override));
    expect(pick('ActionsLineGraph', 'ActionsTable')).to.deep.equal(['trends', 'ActionsTable', undefined]);
    expect(pick('BoldNumber', 'ActionsLineGraph')).to.deep.equal(['trends', 'ActionsLineGraph', undefined]);
    expect(pick('ActionsLineGraph', 'BoldNumber')).to.deep.equal(['big-number', undefined, undefined]);
    expect(pick('ActionsBar', 'steps')).to.deep.equal(['trends', 'ActionsBar', 'steps']);
    expect(pick('ActionsBar', 'Nonsense')).to.deep.equal(['trends', 'ActionsBar', 'Nonsense']);
  });

  it('draws stickiness as trends, without number or pie displays', () => {
    const pick = (override?: string, display?: string) =>
      summary(viewForResult(answer('StickinessQuery', SERIES, display ? { display } : {}), override));
    expect(pick()).to.deep.equal(['trends', 'ActionsLineGraph', undefined]);
    expect(pick(undefined, 'ActionsBar')).to.deep.equal(['trends', 'ActionsBar', undefined]);
    expect(pick('ActionsTable')).to.deep.equal(['trends', 'ActionsTable', undefined]);
    expect(pick('BoldNumber')).to.deep.equal(['trends', 'ActionsLineGraph', 'BoldNumber']);
    expect(pick('ActionsPie', 'ActionsAreaGraph')).to.deep.equal([
      'trends',
      'ActionsAreaGraph',
      'ActionsPie',
    ]);
  });

  it('draws lifecycle with <ph-lifecycle-chart>, or as a trends table on request', () => {
    const pick = (override?: string) => summary(viewForResult(answer('LifecycleQuery', SERIES), override));
    expect(pick()).to.deep.equal(['lifecycle', undefined, undefined]);
    expect(pick('ActionsStackedBar')).to.deep.equal(['lifecycle', undefined, undefined]);
    expect(pick('ActionsTable')).to.deep.equal(['trends', 'ActionsTable', undefined]);
    expect(pick('ActionsPie')).to.deep.equal(['lifecycle', undefined, 'ActionsPie']);
  });

  it('draws funnels as the visualisation their data is shaped for', () => {
    const pick = (results: unknown, display?: string, override?: string) =>
      summary(viewForResult(answer('FunnelsQuery', results, display ? { display } : {}), override));
    expect(pick(STEPS, 'steps')).to.deep.equal(['funnel', 'steps', undefined]);
    expect(pick([STEPS, STEPS])).to.deep.equal(['funnel', 'steps', undefined]);
    const histogram = { average_conversion_time: 60, bins: [[60, 3]] };
    expect(pick(histogram, 'time_to_convert')).to.deep.equal(['funnel', 'time_to_convert', undefined]);
    expect(pick(SERIES, 'trends')).to.deep.equal(['funnel', 'trends', undefined]);
    // The shape wins over a label or an override that does not match it.
    expect(pick(STEPS, 'trends')).to.deep.equal(['funnel', 'steps', undefined]);
    expect(pick(STEPS, 'steps', 'time_to_convert')).to.deep.equal(['funnel', 'steps', 'time_to_convert']);
    expect(pick(STEPS, 'steps', 'ActionsPie')).to.deep.equal(['funnel', 'steps', 'ActionsPie']);
  });

  it('draws retention and SQL as tables; a table display is no override', () => {
    const retention = [{ date: '2024-01-01', label: 'Day 0', values: [{ count: 1 }] }];
    expect(summary(viewForResult(answer('RetentionQuery', retention)))).to.deep.equal([
      'retention',
      undefined,
      undefined,
    ]);
    expect(summary(viewForResult(answer('HogQLQuery', [[1]]), 'ActionsTable'))).to.deep.equal([
      'data-table',
      undefined,
      undefined,
    ]);
    expect(summary(viewForResult(answer('HogQLQuery', [[1]]), 'ActionsLineGraph'))).to.deep.equal([
      'data-table',
      undefined,
      'ActionsLineGraph',
    ]);
  });

  it('knows an empty result of every shape', () => {
    const empty = (kind: QueryKind, results: unknown, extra?: Partial<RunResponse>) =>
      viewForResult(answer(kind, results, extra)).view;
    expect(empty('TrendsQuery', [])).to.equal('empty');
    expect(empty('TrendsQuery', [{ ...SERIES[0], data: [] }])).to.equal('empty');
    expect(
      empty('TrendsQuery', [{ ...SERIES[0], data: [], aggregated_value: 0 }], { display: 'BoldNumber' }),
    ).to.equal('big-number');
    expect(empty('TrendsQuery', [{ ...SERIES[0], data: [0, 0] }])).to.equal('trends');
    expect(empty('FunnelsQuery', [[], []])).to.equal('empty');
    expect(empty('FunnelsQuery', { average_conversion_time: null, bins: [] })).to.equal('empty');
    expect(empty('FunnelsQuery', { average_conversion_time: 5 })).to.equal('empty');
    expect(empty('RetentionQuery', null)).to.equal('empty');
    expect(empty('HogQLQuery', [])).to.equal('empty');
    // A later SQL page with no rows keeps the table, and with it the way back.
    expect(empty('HogQLQuery', [], { offset: 100, limit: 100 })).to.equal('data-table');
  });

  it('shapes the skeleton from the display attribute, else the last view', () => {
    const last = (view: DrawnView['view'], display?: string) =>
      ({ view, display, result: answer('TrendsQuery', SERIES) }) as DrawnView;
    expect(skeletonShape(undefined, undefined)).to.equal('chart');
    expect(skeletonShape('BoldNumber', undefined)).to.equal('number');
    expect(skeletonShape('ActionsTable', last('big-number'))).to.equal('table');
    expect(skeletonShape('ActionsAreaGraph', undefined)).to.equal('line');
    expect(skeletonShape('ActionsBarValue', undefined)).to.equal('bars');
    expect(skeletonShape(undefined, last('big-number'))).to.equal('number');
    expect(skeletonShape(undefined, last('retention'))).to.equal('table');
    expect(skeletonShape(undefined, last('data-table'))).to.equal('table');
    expect(skeletonShape(undefined, last('lifecycle'))).to.equal('bars');
    expect(skeletonShape(undefined, last('funnel', 'steps'))).to.equal('bars');
    expect(skeletonShape(undefined, last('trends', 'ActionsLineGraph'))).to.equal('line');
    expect(skeletonShape(undefined, last('trends', 'ActionsPie'))).to.equal('chart');
  });
});

/** The tag and `display` each sample endpoint is drawn with. */
const SAMPLE_VIEWS: Record<string, [tag: string, display: string | null]> = {
  daily_active_users: ['ph-trends-chart', 'ActionsLineGraph'],
  pageviews_by_browser: ['ph-trends-chart', 'ActionsLineGraph'],
  pageviews_by_browser_version: ['ph-trends-chart', 'ActionsBarValue'],
  total_signups: ['ph-big-number', null],
  signups_this_week: ['ph-big-number', null],
  activation_funnel: ['ph-funnel-chart', 'steps'],
  activation_funnel_by_variant: ['ph-funnel-chart', 'steps'],
  signup_retention: ['ph-retention-table', null],
  top_events: ['ph-data-table', null],
};

describe('<ph-endpoint-chart> picks the view', () => {
  it('covers every sample endpoint', () => {
    expect(Object.keys(SAMPLE_VIEWS).sort()).to.deep.equal([...FIXTURE_NAMES].sort());
  });

  for (const [name, [tag, display]] of Object.entries(SAMPLE_VIEWS)) {
    it(`draws ${name} with <${tag}>`, async () => {
      const element = mountChart(
        new FakeClient(),
        html`<ph-endpoint-chart name=${name} locale="de-DE" timezone="Europe/Berlin"></ph-endpoint-chart>`,
      );
      const { data } = await nextEvent(element, 'ph-load');
      await settled(element);

      const view = viewOf(element)!;
      expect(view.localName).to.equal(tag);
      expect(customElements.get(tag), `<${tag}> is registered by define.ts`).not.to.equal(undefined);
      expect(view.result).to.equal(data);
      expect(view.getAttribute('display')).to.equal(display);
      expect([view.getAttribute('locale'), view.getAttribute('timezone')]).to.deep.equal([
        'de-DE',
        'Europe/Berlin',
      ]);
      // The view drew something of its own, not just an upgraded empty tag.
      expect(view.shadowRoot?.childElementCount ?? 0).to.be.greaterThan(0);
      await expect(element).to.be.accessible();
    });
  }

  it('draws a lifecycle result with <ph-lifecycle-chart> and stickiness with <ph-trends-chart>', async () => {
    const client = new FakeClient();
    const lifecycle = trendsResponse('lifecycle', [
      [3, 4],
      [-1, -2],
    ]);
    lifecycle.kind = 'LifecycleQuery';
    (lifecycle.results as Array<{ status?: string }>).forEach((s, i) => (s.status = i ? 'dormant' : 'new'));
    const stickiness = { ...trendsResponse('stickiness', [[5, 2, 1]]), kind: 'StickinessQuery' as const };
    client.responses.set('lifecycle', lifecycle);
    client.responses.set('stickiness', stickiness);

    const life = mountChart(client, html`<ph-endpoint-chart name="lifecycle"></ph-endpoint-chart>`);
    await loaded(life);
    expect(viewOf(life)!.localName).to.equal('ph-lifecycle-chart');
    expect(customElements.get('ph-lifecycle-chart'), '<ph-lifecycle-chart> is registered').not.to.equal(
      undefined,
    );
    expect(viewOf(life)!.result).to.equal(lifecycle);
    await expect(life).to.be.accessible();

    const sticky = mountChart(client, html`<ph-endpoint-chart name="stickiness"></ph-endpoint-chart>`);
    await loaded(sticky);
    expect([viewOf(sticky)!.localName, viewOf(sticky)!.getAttribute('display')]).to.deep.equal([
      'ph-trends-chart',
      'ActionsLineGraph',
    ]);
  });

  it("lets the display attribute override the endpoint's where it makes sense", async () => {
    const table = mountChart(
      new FakeClient(),
      html`<ph-endpoint-chart name="daily_active_users" display="ActionsTable"></ph-endpoint-chart>`,
    );
    await loaded(table);
    expect(viewOf(table)!.getAttribute('display')).to.equal('ActionsTable');

    // A number endpoint shown as a line, then back: the view follows without a refetch.
    const client = new FakeClient();
    const number = mountChart(
      client,
      html`<ph-endpoint-chart name="total_signups" display="ActionsLineGraphCumulative"></ph-endpoint-chart>`,
    );
    await loaded(number);
    expect(viewOf(number)!.localName).to.equal('ph-trends-chart');
    expect(viewOf(number)!.getAttribute('display')).to.equal('ActionsLineGraphCumulative');

    number.display = undefined;
    await settled(number);
    expect(viewOf(number)!.localName).to.equal('ph-big-number');
    expect(client.calls).to.have.length(1);
  });

  it('ignores a display the data cannot take, with one dev-mode warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const element = mountChart(
        new FakeClient(),
        html`<ph-endpoint-chart name="activation_funnel" display="ActionsPie"></ph-endpoint-chart>`,
      );
      await loaded(element);
      element.chartTitle = 'Re-rendered';
      await settled(element);

      expect(viewOf(element)!.localName).to.equal('ph-funnel-chart');
      expect(viewOf(element)!.getAttribute('display')).to.equal('steps');
    } finally {
      console.warn = original;
    }
    expect(warnings.filter((w) => w.includes('display="ActionsPie"'))).to.deep.equal([
      '<ph-endpoint-chart> ignores display="ActionsPie": a FunnelsQuery result cannot be drawn that way.',
    ]);
  });
});

describe('<ph-endpoint-chart> skeleton', () => {
  it('is shaped by the display attribute before the first answer', async () => {
    const shapes: Record<string, string> = {
      BoldNumber: 'number',
      ActionsTable: 'table',
      ActionsBar: 'bars',
      ActionsLineGraph: 'line',
    };
    for (const [display, shape] of Object.entries(shapes)) {
      const client = new FakeClient();
      client.hold = true;
      const element = mountChart(
        client,
        html`<ph-endpoint-chart name="x" display=${display}></ph-endpoint-chart>`,
      );
      await element.updateComplete;
      expect(shadowPart(element, 'skeleton')!.dataset['shape']).to.equal(shape);
    }
  });

  it('is a plain block for an unknown endpoint, then takes the shape of the last view', async () => {
    const client = new FakeClient();
    client.hold = true;
    const element = mountChart(client, html`<ph-endpoint-chart name="top_events"></ph-endpoint-chart>`);
    await element.updateComplete;
    expect(shadowPart(element, 'skeleton')!.dataset['shape']).to.equal('chart');

    client.calls[0]!.resolve();
    await loaded(element);
    expect(renderedParts(element)).to.include('chart');

    element.name = 'signup_retention';
    await element.updateComplete;
    expect(shadowPart(element, 'skeleton')!.dataset['shape']).to.equal('table');
  });
});

describe('fixtureResponse', () => {
  it('answers every sample as the proxy would', () => {
    const answer = fixtureResponse('top_events')!;
    expect(answer.kind).to.equal('HogQLQuery');
    expect(answer.columns).to.have.length(4);
    expect(answer.hasMore).to.equal(false);
    expect(JSON.stringify(fixtureResponse('daily_active_users'))).not.to.match(/persons_urls|"filter"/);
  });
});
