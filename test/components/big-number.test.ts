import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nextEvent } from '../helpers/next-event.js';
import { numberResult, numberSeries, plain, renderNumber, tiles } from './big-number-helpers.js';
import totalSignups from '../fixtures/endpoints/total_signups.json' with { type: 'json' };
import signupsThisWeek from '../fixtures/endpoints/signups_this_week.json' with { type: 'json' };

describe('<ph-big-number> with the total_signups sample', () => {
  it('shows 3,141,592 in compact form, with the full value in a tooltip and for screen readers', async () => {
    const el = await renderNumber(numberResult(totalSignups));
    expect(tiles(el)).to.deep.equal([
      {
        label: 'signed_up',
        shown: '3.1M',
        spoken: 'signed_up: 3,141,592',
        title: '3,141,592',
        change: undefined,
        changeClass: undefined,
        previous: undefined,
      },
    ]);
  });

  it('uses the locale for separators and the compact form', async () => {
    const el = await renderNumber(numberResult(totalSignups), { locale: 'de-DE' });
    const [tile] = tiles(el);
    expect(tile!.title).to.equal('3.141.592');
    expect(tile!.shown).to.equal('3,1 Mio.');
  });

  it('shows short numbers in full, without a tooltip', async () => {
    const el = await renderNumber(numberResult([numberSeries(12345)]));
    const [tile] = tiles(el);
    expect(tile!.shown).to.equal('12,345');
    expect(tile!.title).to.equal(null);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderNumber(numberResult(totalSignups), { theme });
      await expect(el).to.be.accessible();
    }
  });

  it('exports series and value as CSV', async () => {
    const el = await renderNumber(numberResult(totalSignups));
    expect(el.toCSV()).to.equal('series,value\r\nsigned_up,3141592\r\n');
  });
});

describe('<ph-big-number> comparing periods', () => {
  it('signups_this_week: a null previous period gives no percentage and no NaN', async () => {
    const el = await renderNumber(numberResult(signupsThisWeek));
    const [tile] = tiles(el);
    expect(tiles(el)).to.have.length(1);
    expect(tile!.shown).to.equal('100');
    expect(tile!.change).to.equal('— vs previous period');
    expect(tile!.changeClass).to.equal('');
    expect(tile!.previous).to.equal('Previous period: —');
    const text = el.shadowRoot!.textContent!;
    expect(text).not.to.match(/NaN|Infinity|%/);
    expect(el.toCSV()).to.equal('series,value,previous,change\r\nsigned_up,100,,\r\n');
  });

  it('matches the previous period by compare_label and shows an increase as arrow, sign and word', async () => {
    const result = numberResult([
      numberSeries(80, { compare: true, compare_label: 'previous' }),
      numberSeries(100, { compare: true, compare_label: 'current' }),
    ]);
    const el = await renderNumber(result);
    const [tile] = tiles(el);
    expect(tiles(el)).to.have.length(1);
    expect(tile!.shown).to.equal('100');
    expect(tile!.change).to.equal('▲ Up +25% vs previous period');
    expect(tile!.changeClass).to.equal('up');
    expect(tile!.previous).to.equal('Previous period: 80');
    expect(el.toCSV()).to.equal('series,value,previous,change\r\nsigned_up,100,80,25\r\n');
  });

  it('shows a decrease with a down arrow and a minus sign', async () => {
    const result = numberResult([
      numberSeries(75, { compare: true, compare_label: 'current' }),
      numberSeries(100, { compare: true, compare_label: 'previous' }),
    ]);
    const [tile] = tiles(await renderNumber(result));
    expect(tile!.change).to.equal('▼ Down -25% vs previous period');
    expect(tile!.changeClass).to.equal('down');
    expect(tile!.previous).to.equal('Previous period: 100');
  });

  it('says "new" when the previous period was 0, and "no change" for 0 against 0', async () => {
    const fromZero = numberResult([
      numberSeries(5, { compare_label: 'current' }),
      numberSeries(0, { compare_label: 'previous' }),
    ]);
    expect(tiles(await renderNumber(fromZero))[0]!.change).to.equal('New this period');
    const bothZero = numberResult([
      numberSeries(0, { compare_label: 'current' }),
      numberSeries(0, { compare_label: 'previous' }),
    ]);
    const el = await renderNumber(bothZero);
    expect(tiles(el)[0]!.change).to.equal('No change');
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|Infinity/);
  });

  it('pairs several events with their own previous periods', async () => {
    const pageview = { label: '$pageview', action: { name: '$pageview', order: 1 } };
    const result = numberResult([
      numberSeries(10, { compare_label: 'current' }),
      numberSeries(200, { ...pageview, compare_label: 'current' }),
      numberSeries(100, { ...pageview, compare_label: 'previous' }),
      numberSeries(20, { compare_label: 'previous' }),
    ]);
    const el = await renderNumber(result);
    expect(tiles(el).map((t) => [t.label, t.change])).to.deep.equal([
      ['signed_up', '▼ Down -50% vs previous period'],
      ['$pageview', '▲ Up +100% vs previous period'],
    ]);
  });

  it('is accessible in light and dark with a comparison', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderNumber(numberResult(signupsThisWeek), { theme });
      await expect(el).to.be.accessible();
    }
  });
});

describe('<ph-big-number> with several series and formats', () => {
  it('shows one number per series in a row, named by custom name or label', async () => {
    const result = numberResult(
      [
        numberSeries(1, { label: 'signed_up' }),
        numberSeries(2, { label: '$pageview', action: { name: '$pageview', order: 1 } }),
        numberSeries(3, { label: 'purchase', action: { name: 'purchase', custom_name: 'Orders', order: 2 } }),
      ],
      { format: { customNames: { '1': 'Views' } } },
    );
    const el = await renderNumber(result, { width: 900 });
    expect(tiles(el).map((t) => [t.label, t.shown])).to.deep.equal([
      ['signed_up', '1'],
      ['Views', '2'],
      ['Orders', '3'],
    ]);
    const tops = [...el.shadowRoot!.querySelectorAll('[part~="tile"]')].map(
      (t) => t.getBoundingClientRect().top,
    );
    expect(new Set(tops).size).to.equal(1);
    expect(el.toCSV()).to.equal('series,value\r\nsigned_up,1\r\nViews,2\r\nOrders,3\r\n');
  });

  it('leaves out hidden series', async () => {
    const result = numberResult([numberSeries(1), numberSeries(2, { label: 'b', action: { name: 'b' } })], {
      format: { hidden: [0] },
    });
    expect(tiles(await renderNumber(result)).map((t) => t.label)).to.deep.equal(['b']);
  });

  it('applies prefix, postfix and decimals', async () => {
    const result = numberResult([numberSeries(1234.5)], {
      format: { prefix: '$', postfix: ' /mo', decimalPlaces: 2 },
    });
    const [tile] = tiles(await renderNumber(result));
    expect(tile!.shown).to.equal('$1,234.50 /mo');
  });

  it('formats percentage and duration axes', async () => {
    const percent = numberResult([numberSeries(45.5)], { format: { axis: 'percentage' } });
    expect(tiles(await renderNumber(percent))[0]!.shown).to.equal('45.5%');
    const duration = numberResult([numberSeries(3725)], { format: { axis: 'duration' } });
    expect(tiles(await renderNumber(duration))[0]!.shown).to.match(/^1h,? 2m$/);
  });

  it('scales the number with the width of its tile', async () => {
    const size = async (width: number) => {
      const el = await renderNumber(numberResult([numberSeries(42)]), { width });
      return parseFloat(getComputedStyle(el.shadowRoot!.querySelector('[part~="value"]')!).fontSize);
    };
    const narrow = await size(200);
    const wide = await size(600);
    expect(wide).to.be.greaterThan(narrow);
  });
});

describe('<ph-big-number> events', () => {
  it('fires ph-point-click on click and from the keyboard', async () => {
    const el = await renderNumber(numberResult(totalSignups));
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="value"]')!;
    expect(button.tagName).to.equal('BUTTON');
    const clicked = nextEvent(document, 'ph-point-click');
    button.click();
    const event = await clicked;
    expect([event.series, event.seriesIndex, event.value, event.composed]).to.deep.equal([
      'signed_up',
      0,
      3141592,
      true,
    ]);
    button.focus();
    const pressed = nextEvent(el, 'ph-point-click');
    await sendKeys({ press: 'Enter' });
    expect((await pressed).value).to.equal(3141592);
  });
});

describe('<ph-big-number> edge cases', () => {
  it('falls back to count, then to the sum of the points', async () => {
    const counted = numberSeries(null, { count: 7 });
    delete counted.aggregated_value;
    const summed = numberSeries(null, { data: [1, null, 2], label: 'b', action: { name: 'b' } });
    const el = await renderNumber(numberResult([counted, summed]));
    expect(tiles(el).map((t) => t.shown)).to.deep.equal(['7', '3']);
  });

  it('shows a dash for a missing value, and handles negative and huge numbers', async () => {
    const el = await renderNumber(
      numberResult([
        numberSeries(null),
        numberSeries(-1500, { label: 'b', action: { name: 'b' } }),
        numberSeries(1e21, { label: 'c', action: { name: 'c' } }),
      ]),
    );
    expect(tiles(el).map((t) => t.shown)).to.deep.equal(['—', '-1,500', '1,000,000,000T']);
    expect(el.shadowRoot!.textContent).not.to.match(/NaN|Infinity/);
  });

  it('wraps long unicode labels inside its tile', async () => {
    const name = 'Ünïcödé 注册完成 — '.repeat(12);
    const el = await renderNumber(numberResult([numberSeries(5, { label: name, action: { name } })]), {
      width: 240,
    });
    expect(tiles(el)[0]!.label).to.equal(plain(name));
    expect(el.scrollWidth).to.be.at.most(240);
    await expect(el).to.be.accessible();
  });

  it('shows the empty message for no series, and nothing without a result', async () => {
    const el = await renderNumber(numberResult([]));
    expect(plain(el.shadowRoot!.textContent)).to.equal('No data for this period');
    expect(el.toCSV()).to.equal('');
    await expect(el).to.be.accessible();
    await expect(await renderNumber(numberResult([]), { theme: 'dark' })).to.be.accessible();
    const none = await renderNumber(undefined);
    expect(plain(none.shadowRoot!.textContent)).to.equal('');
    none.result = numberResult(totalSignups);
    await none.updateComplete;
    expect(tiles(none)).to.have.length(1);
  });

  it('takes its text from strings', async () => {
    const el = await renderNumber(numberResult(signupsThisWeek));
    el.strings = { comparedToPrevious: '{change} gegenüber Vorperiode', previousPeriod: 'Vorperiode' };
    await el.updateComplete;
    expect(tiles(el)[0]!.change).to.equal('— gegenüber Vorperiode');
    expect(tiles(el)[0]!.previous).to.equal('Vorperiode: —');
  });
});
