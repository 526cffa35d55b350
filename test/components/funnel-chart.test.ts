import { expect } from '@open-wc/testing';
import {
  barLabels,
  bars,
  plain,
  renderFunnel,
  sampleResult,
  stepTexts,
  tableRows,
} from './funnel-chart-helpers.js';
import activationFunnel from '../fixtures/endpoints/activation_funnel.json' with { type: 'json' };
import byVariant from '../fixtures/endpoints/activation_funnel_by_variant.json' with { type: 'json' };

describe('<ph-funnel-chart> steps with the activation_funnel sample', () => {
  it('lists three steps with counts, conversion, drop-off and times', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    const list = el.shadowRoot!.querySelector('ol[part~="steps"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Funnel steps');
    expect(stepTexts(el)).to.deep.equal([
      {
        name: '1 $pageview',
        metrics: {
          Count: '20,166',
          'Conversion from first step': '100%',
          'Conversion from previous step': '100%',
        },
      },
      {
        name: '2 $pageview',
        metrics: {
          Count: '8,438',
          'Conversion from first step': '41.84%',
          'Conversion from previous step': '41.84%',
          'Drop-off': '11,728 (58.16%)',
          'Median time to convert': '0s',
          'Average time to convert': '6m 10s',
        },
      },
      {
        name: '3 $pageview',
        metrics: {
          Count: '2,864',
          'Conversion from first step': '14.2%',
          'Conversion from previous step': '33.94%',
          'Drop-off': '5,574 (66.06%)',
          'Median time to convert': '0s',
          'Average time to convert': '6m 38s',
        },
      },
    ]);
  });

  it('draws one bar per step, sized by conversion from the first step', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    expect(barLabels(el)).to.deep.equal([
      '$pageview: 20,166 (100%)',
      '$pageview: 8,438 (41.84%)',
      '$pageview: 2,864 (14.2%)',
    ]);
    const heights = bars(el).map((bar) => bar.querySelector('.fill')!.getBoundingClientRect().height);
    expect(heights[0]).to.be.closeTo(200, 1);
    expect(heights[1]! / heights[0]!).to.be.closeTo(0.4184, 0.01);
    expect(heights[2]! / heights[0]!).to.be.closeTo(0.142, 0.01);
    // Columns side by side: PostHog's default layout.
    const tops = bars(el).map((bar) => bar.getBoundingClientRect().top);
    expect(new Set(tops).size).to.equal(1);
  });

  it('exports one CSV row per step with raw numbers', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel));
    const lines = el.toCSV().split('\r\n');
    expect(lines[0]).to.equal('step,count,conversion from first,from previous,drop-off,median,average');
    expect(lines[1]).to.equal('$pageview,20166,1,1,,,');
    expect(lines[2]).to.match(/^\$pageview,8438,0\.4184\d+,0\.4184\d+,11728,0,370\.486\d+$/);
    expect(lines[3]).to.match(/^\$pageview,2864,0\.1420\d+,0\.3394\d+,5574,0,398\.363\d+$/);
    expect(lines).to.have.length(5);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderFunnel(sampleResult(activationFunnel), { theme });
      await expect(el).to.be.accessible();
    }
  });

  it('switches to rows when narrow, unless layout="vertical"', async () => {
    const narrow = await renderFunnel(sampleResult(activationFunnel), { width: 320 });
    const tops = bars(narrow).map((bar) => bar.getBoundingClientRect().top);
    expect(new Set(tops).size).to.equal(3);
    const fill = bars(narrow)[1]!.querySelector('.fill')!.getBoundingClientRect();
    const track = bars(narrow)[1]!.getBoundingClientRect();
    expect(fill.width / track.width).to.be.closeTo(0.4184, 0.01);
    await expect(narrow).to.be.accessible();
    const forced = await renderFunnel(sampleResult(activationFunnel), { width: 320, layout: 'vertical' });
    expect(new Set(bars(forced).map((bar) => bar.getBoundingClientRect().top)).size).to.equal(1);
    const rows = await renderFunnel(sampleResult(activationFunnel), { layout: 'horizontal' });
    expect(new Set(bars(rows).map((bar) => bar.getBoundingClientRect().top)).size).to.equal(3);
  });

  it('formats in its locale', async () => {
    const el = await renderFunnel(sampleResult(activationFunnel), { locale: 'de-DE' });
    const [, second] = stepTexts(el);
    expect(second!.metrics['Count']).to.equal('8.438');
    expect(second!.metrics['Conversion from first step']).to.equal('41,84 %');
  });
});

describe('<ph-funnel-chart> steps with the activation_funnel_by_variant sample', () => {
  it('groups one bar per breakdown value under each step', async () => {
    const el = await renderFunnel(sampleResult(byVariant));
    expect(stepTexts(el).map((step) => step.name)).to.deep.equal(['1 signup started', '2 signup completed']);
    expect(barLabels(el)).to.deep.equal([
      'test-1, signup started: 859 (100%)',
      'test-2, signup started: 1,218 (100%)',
      'control, signup started: 923 (100%)',
      'test-1, signup completed: 153 (17.81%)',
      'test-2, signup completed: 287 (23.56%)',
      'control, signup completed: 114 (12.35%)',
    ]);
    const colours = bars(el).map((bar) => getComputedStyle(bar.querySelector('.fill')!).backgroundColor);
    expect(new Set(colours.slice(0, 3)).size).to.equal(3);
    expect(colours.slice(3)).to.deep.equal(colours.slice(0, 3));
  });

  it('has a legend and a table with every breakdown value and step', async () => {
    const el = await renderFunnel(sampleResult(byVariant));
    const legend = [...el.shadowRoot!.querySelectorAll('[part~="legend-item"]')].map((b) =>
      plain(b.textContent),
    );
    expect(legend).to.deep.equal(['test-1', 'test-2', 'control']);
    const rows = tableRows(el);
    expect(rows[0]).to.deep.equal([
      'Breakdown',
      'Step',
      'Count',
      'Conversion from first step',
      'Conversion from previous step',
      'Drop-off',
      'Median time to convert',
      'Average time to convert',
    ]);
    expect(rows.slice(1)).to.deep.equal([
      ['test-1', 'signup started', '859', '100%', '100%', '—', '—', '—'],
      ['test-1', 'signup completed', '153', '17.81%', '17.81%', '706 (82.19%)', '0s', '0s'],
      ['test-2', 'signup started', '1,218', '100%', '100%', '—', '—', '—'],
      ['test-2', 'signup completed', '287', '23.56%', '23.56%', '931 (76.44%)', '0s', '0s'],
      ['control', 'signup started', '923', '100%', '100%', '—', '—', '—'],
      ['control', 'signup completed', '114', '12.35%', '12.35%', '809 (87.65%)', '0s', '0s'],
    ]);
  });

  it('hides a breakdown value from bars, table and CSV when toggled in the legend', async () => {
    const el = await renderFunnel(sampleResult(byVariant));
    const toggle = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="legend-item"]')[1]!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(bars(el)).to.have.length(4);
    expect(tableRows(el).map((row) => row[0])).to.deep.equal([
      'Breakdown',
      'test-1',
      'test-1',
      'control',
      'control',
    ]);
    expect(el.toCSV()).to.equal(
      [
        'breakdown,step,count,conversion from first,from previous,drop-off,median,average',
        'test-1,signup started,859,1,1,,,',
        `test-1,signup completed,153,${153 / 859},${153 / 859},706,0,0`,
        'control,signup started,923,1,1,,,',
        `control,signup completed,114,${114 / 923},${114 / 923},809,0,0`,
        '',
      ].join('\r\n'),
    );
    toggle.click();
    await el.updateComplete;
    expect(bars(el)).to.have.length(6);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderFunnel(sampleResult(byVariant), { theme });
      await expect(el).to.be.accessible();
    }
  });
});
