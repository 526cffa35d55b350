import { expect } from '@open-wc/testing';
import {
  barLabels,
  bars,
  chartOf,
  funnelResult,
  plain,
  renderFunnel,
  steps,
  stepTexts,
} from './funnel-chart-helpers.js';

const noBrokenNumbers = (text: string | null | undefined) => expect(text ?? '').not.to.match(/NaN|Infinity/);

describe('<ph-funnel-chart> edge cases', () => {
  it('shows dashes, never NaN, when the first step is 0', async () => {
    const el = await renderFunnel(funnelResult(steps([0, 0, 0])));
    const [first, second] = stepTexts(el);
    expect(first!.metrics).to.deep.equal({
      Count: '0',
      'Conversion from first step': '—',
      'Conversion from previous step': '—',
    });
    expect(second!.metrics['Conversion from first step']).to.equal('—');
    expect(second!.metrics['Drop-off']).to.equal('0 (—)');
    expect(barLabels(el)).to.deep.equal(['step 1: 0 (—)', 'step 2: 0 (—)', 'step 3: 0 (—)']);
    noBrokenNumbers(el.shadowRoot!.textContent);
    noBrokenNumbers(el.toCSV());
    expect(el.toCSV().split('\r\n')[2]).to.equal('step 2,0,,,0,30,60');
    await expect(el).to.be.accessible();
  });

  it('keeps later steps readable when the first is 0 but they are not (unordered funnels)', async () => {
    const el = await renderFunnel(funnelResult(steps([0, 5])));
    expect(stepTexts(el)[1]!.metrics['Conversion from previous step']).to.equal('—');
    const fill = bars(el)[1]!.querySelector('.fill')!;
    expect(fill.getBoundingClientRect().height).to.equal(0);
    noBrokenNumbers(el.shadowRoot!.textContent);
  });

  it('draws a single step', async () => {
    const el = await renderFunnel(funnelResult(steps([42])));
    expect(stepTexts(el)).to.deep.equal([
      {
        name: '1 step 1',
        metrics: {
          Count: '42',
          'Conversion from first step': '100%',
          'Conversion from previous step': '100%',
        },
      },
    ]);
    expect(el.toCSV().split('\r\n')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('shows a missing count as a dash and carries on from the next known one', async () => {
    const el = await renderFunnel(funnelResult(steps([100, null, 20])));
    const [, second, third] = stepTexts(el);
    expect(second!.metrics['Count']).to.equal('—');
    expect(second!.metrics['Drop-off']).to.equal('—');
    expect(third!.metrics['Conversion from first step']).to.equal('20%');
    expect(third!.metrics['Conversion from previous step']).to.equal('—');
    noBrokenNumbers(el.shadowRoot!.textContent);
  });

  it('formats huge counts in full and clamps bars for odd data', async () => {
    const el = await renderFunnel(funnelResult(steps([1e12, 2e12, -5])));
    const [first, second, third] = stepTexts(el);
    expect(first!.metrics['Count']).to.equal('1,000,000,000,000');
    expect(second!.metrics['Conversion from first step']).to.equal('200%');
    expect(third!.metrics['Drop-off']).to.equal('2,000,000,000,005 (100%)');
    const heights = bars(el).map((bar) => bar.querySelector('.fill')!.getBoundingClientRect().height);
    expect(heights[1]).to.equal(heights[0]);
    expect(heights[2]).to.be.at.most(2);
  });

  it('wraps long unicode step names without widening the element', async () => {
    const long = 'Ünïcödé 注册完成 — a very long step name that keeps going '.repeat(4);
    const el = await renderFunnel(funnelResult(steps([10, 5, 1], [long, long, 'short'])), { width: 520 });
    expect(stepTexts(el)[0]!.name).to.equal(`1 ${plain(long)}`);
    expect(el.scrollWidth).to.be.at.most(520);
    await expect(el).to.be.accessible();
  });

  it('uses custom step names', async () => {
    const el = await renderFunnel(
      funnelResult([
        { name: '$pageview', custom_name: 'Visited', order: 0, count: 10 },
        { name: 'signed_up', custom_name: null, order: 1, count: 4 },
      ]),
    );
    expect(stepTexts(el).map((step) => step.name)).to.deep.equal(['1 Visited', '2 signed_up']);
  });

  it('shows the empty message for no steps, in light and dark', async () => {
    for (const results of [[], [[], []], { average_conversion_time: null, bins: [] }]) {
      for (const theme of ['light', 'dark'] as const) {
        const el = await renderFunnel(funnelResult(results), { theme });
        expect(plain(el.shadowRoot!.textContent)).to.equal('No data for this period');
        expect(el.toCSV()).to.equal('');
        await expect(el).to.be.accessible();
      }
    }
  });

  it('renders nothing without a result and draws once one arrives', async () => {
    const el = await renderFunnel(undefined);
    expect(plain(el.shadowRoot!.textContent)).to.equal('');
    el.result = funnelResult(steps([3, 2]));
    await el.updateComplete;
    expect(bars(el)).to.have.length(2);
  });

  it('draws a histogram where nobody converted, and a lone bin, without NaN', async () => {
    const none = await renderFunnel(
      funnelResult({
        average_conversion_time: null,
        bins: [
          [0, 0],
          [60, 0],
        ],
      }),
    );
    expect(chartOf(none).chart!.data.datasets[0]!.data).to.deep.equal([0, 0]);
    noBrokenNumbers(none.shadowRoot!.textContent);
    expect(none.toCSV()).to.equal('from,to,converted,share\r\n0,60,0,\r\n60,120,0,\r\n');
    const lone = await renderFunnel(funnelResult({ average_conversion_time: 30, bins: [[30, 4]] }));
    expect(chartOf(lone).chart!.data.labels).to.deep.equal(['30s']);
    expect(lone.toCSV()).to.equal('from,to,converted,share\r\n30,,4,1\r\n');
  });

  it('draws trends with gaps and a single point', async () => {
    const gaps = await renderFunnel(
      funnelResult([{ count: 3, data: [10, null, 30], days: ['2022-03-08', '2022-03-09', '2022-03-10'] }]),
    );
    expect(chartOf(gaps).chart!.data.datasets[0]!.data).to.deep.equal([10, null, 30]);
    noBrokenNumbers(gaps.shadowRoot!.textContent);
    const one = await renderFunnel(funnelResult([{ count: 1, data: [50], days: ['2022-03-08'] }]));
    expect(chartOf(one).chart!.data.datasets[0]!.data).to.deep.equal([50]);
    await expect(one).to.be.accessible();
  });

  it('takes its text from strings', async () => {
    const el = await renderFunnel(funnelResult(steps([10, 5])));
    el.strings = { count: 'Anzahl', funnelSteps: 'Trichterschritte' };
    await el.updateComplete;
    expect(Object.keys(stepTexts(el)[0]!.metrics)[0]).to.equal('Anzahl');
    expect(el.shadowRoot!.querySelector('ol')!.getAttribute('aria-label')).to.equal('Trichterschritte');
  });
});
