import { expect, fixture } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { DARK_PALETTE } from '../../src/styles/theme.styles.js';
import { nextEvent } from '../helpers/next-event.js';
import {
  cohorts,
  plain,
  renderTable,
  retentionResult,
  rowText,
  signupResult,
  tableOf,
} from './retention-table-helpers.js';

describe('<ph-retention-table> with the signup_retention sample', () => {
  it('draws 11 cohorts, a size column and 8 period columns', async () => {
    const { header, body } = tableOf(await renderTable(signupResult()));
    expect(header).to.deep.equal([
      'Cohort',
      'Size',
      'Day 0',
      'Day 1',
      'Day 2',
      'Day 3',
      'Day 4',
      'Day 5',
      'Day 6',
      'Day 7',
    ]);
    expect(body).to.have.length(11);
    expect(body.map((row) => row.cells[0]!.textContent!.trim())).to.deep.equal([
      'Mar 1',
      'Mar 2',
      'Mar 3',
      'Mar 4',
      'Mar 5',
      'Mar 6',
      'Mar 7',
      'Mar 8',
      'Mar 9',
      'Mar 10',
      'Mar 11',
    ]);
    const rowHeaders = body.map(
      (row) => `${row.cells[0]!.tagName} ${(row.cells[0] as HTMLTableCellElement).scope}`,
    );
    expect([...new Set(rowHeaders)]).to.deep.equal(['TH row']);
  });

  it('shows the percentages a reader would check, with counts in the tooltip', async () => {
    const { body } = tableOf(await renderTable(signupResult()));
    expect(rowText(body[3])).to.deep.equal([
      'Mar 4',
      '6,783',
      '100%',
      '0.5%',
      '0.3%',
      '0.1%',
      '0%',
      '0%',
      '0%',
      '0%',
    ]);
    expect(rowText(body[4]).slice(0, 4)).to.deep.equal(['Mar 5', '10,222', '100%', '48.9%']);
    const cell = body[4]!.cells[3]!.querySelector('button')!;
    expect(cell.title).to.equal('5,001 of 10,222 (48.9%)');
  });

  it('keeps the triangle: cells past a cohort end are empty, not 0%', async () => {
    const { body } = tableOf(await renderTable(signupResult()));
    const filled = body.map((row) => row.querySelectorAll('button.cell').length);
    expect(filled).to.deep.equal([8, 8, 8, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(rowText(body[10])).to.deep.equal(['Mar 11', '10', '100%', '', '', '', '', '', '', '']);
  });

  it('shows zero cohorts as dashes, never NaN or Infinity', async () => {
    const { body, text } = tableOf(await renderTable(signupResult()));
    expect(rowText(body[0])).to.deep.equal(['Mar 1', '0', '—', '—', '—', '—', '—', '—', '—', '—']);
    expect(text).not.to.match(/NaN|Infinity/);
  });

  it('adds a simple Mean row over non-empty cohorts, and a weighted one on request', async () => {
    const simple = tableOf(await renderTable(signupResult()));
    expect(simple.mean).to.deep.equal(['Mean', '', '100%', '9.9%', '0.1%', '0%', '0%', '0%', '0%', '0%']);
    const weighted = tableOf(await renderTable(signupResult(), { mean: 'weighted' }));
    expect(weighted.mean.slice(0, 4)).to.deep.equal(['Mean', '', '100%', '18.8%']);
  });

  it('draws the mean retention curve as a labelled image', async () => {
    const el = await renderTable(signupResult());
    const svg = el.shadowRoot!.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).to.equal(
      'Mean retention by period: Day 0 100%, Day 1 9.9%, Day 2 0.1%, Day 3 0%, Day 4 0%, Day 5 0%, Day 6 0%, Day 7 0%',
    );
    expect(svg.querySelector('.line')!.getAttribute('d')!.match(/M/g)).to.have.length(1);
    expect(svg.querySelector('.dots')!.getAttribute('d')!.match(/M/g)).to.have.length(8);
  });

  it('shows counts with show="count"', async () => {
    const { body } = tableOf(await renderTable(signupResult(), { show: 'count' }));
    expect(rowText(body[4]).slice(0, 5)).to.deep.equal(['Mar 5', '10,222', '10,222', '5,001', '11']);
  });

  it('formats in its locale', async () => {
    const { body, header } = tableOf(await renderTable(signupResult(), { locale: 'de-DE' }));
    expect(rowText(body[4]).slice(0, 4)).to.deep.equal(['5. März', '10.222', '100 %', '48,9 %']);
    expect(header[2]).to.equal('Day 0');
  });

  it('exports cohorts, sizes, counts, percentages and the Mean row as CSV', async () => {
    const el = await renderTable(signupResult());
    const lines = el.toCSV().split('\r\n');
    expect(lines[0]).to.equal(
      'Cohort,Size,Day 0,Day 0 %,Day 1,Day 1 %,Day 2,Day 2 %,Day 3,Day 3 %,Day 4,Day 4 %,Day 5,Day 5 %,Day 6,Day 6 %,Day 7,Day 7 %',
    );
    expect(lines[1]).to.equal('2022-03-01T00:00:00Z,0,0,,0,,0,,0,,0,,0,,0,,0,');
    expect(lines[5]).to.equal(
      '2022-03-05T00:00:00Z,10222,10222,100,5001,48.9239,11,0.1076,2,0.0196,0,0,0,0,0,0,,',
    );
    expect(lines[11]).to.equal('2022-03-11T00:00:00Z,10,10,100,,,,,,,,,,,,,,');
    expect(lines[12]).to.equal('Mean,,,100,,9.928,,0.0805,,0.0433,,0,,0,,0,,0');
    expect(lines).to.have.length(14);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderTable(signupResult(), { theme });
      await expect(el).to.be.accessible();
    }
  });
});

/** WCAG contrast of two computed colours (`rgb(...)` or `color(srgb ...)`). */
function contrast(foreground: string, background: string): number {
  const channels = (color: string) => {
    const numbers = color.match(/[\d.]+/g)!.map(Number);
    return color.startsWith('color(') ? numbers.slice(0, 3).map((n) => n * 255) : numbers.slice(0, 3);
  };
  const luminance = (color: string) => {
    const [r, g, b] = channels(color).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [a, b] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

describe('<ph-retention-table> heat map', () => {
  it('darkens cells with the percentage and keeps text at 4.5:1 in light and dark', async () => {
    const ratios = [0, 10, 30, 49, 50, 51, 70, 75, 80, 90, 100];
    const rows = cohorts(['2024-01-01'], [[100, ...ratios]]);
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderTable(retentionResult(rows), { theme });
      const cells = [...el.shadowRoot!.querySelectorAll<HTMLTableCellElement>('tbody td.heat')];
      expect(cells).to.have.length(ratios.length + 1);
      const backgrounds = cells.map((cell) => getComputedStyle(cell).backgroundColor);
      expect(new Set(backgrounds).size, `${theme}: one shade per percentage`).to.equal(ratios.length);
      for (const cell of cells) {
        const style = getComputedStyle(cell);
        const ratio = contrast(getComputedStyle(cell.querySelector('button')!).color, style.backgroundColor);
        expect(ratio, `${theme} ${plain(cell.textContent)}`).to.be.at.least(4.5);
      }
      expect(
        cells.filter((cell) => cell.classList.contains('strong')).map((cell) => plain(cell.textContent)),
      ).to.deep.equal(['100%', '50%', '51%', '70%', '75%', '80%', '90%', '100%']);
    }
  });
});

describe('<ph-retention-table> without a theme attribute', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('follows prefers-color-scheme: dark, with readable cells', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const result = retentionResult(cohorts(['2024-01-01'], [[100, 20, 60]]));
    const el = await fixture<HTMLElement>(html`<ph-retention-table .result=${result}></ph-retention-table>`);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(29, 31, 39)');
    expect(DARK_PALETTE.surface).to.equal('#1d1f27');
    for (const cell of el.shadowRoot!.querySelectorAll<HTMLElement>('tbody td.heat')) {
      const ratio = contrast(getComputedStyle(cell).color, getComputedStyle(cell).backgroundColor);
      expect(ratio, plain(cell.textContent)).to.be.at.least(4.5);
    }
    await expect(el).to.be.accessible();
  });
});

describe('<ph-retention-table> periods', () => {
  it('reads weekly cohorts from the dates and names the periods "Week N"', async () => {
    const rows = cohorts(['2024-01-01', '2024-01-08', '2024-01-15'], [[40, 20, 10], [50, 25], [10]]);
    const { header, body } = tableOf(await renderTable(retentionResult(rows)));
    expect(header).to.deep.equal(['Cohort', 'Size', 'Week 0', 'Week 1', 'Week 2']);
    expect(rowText(body[1])).to.deep.equal(['Jan 8', '50', '100%', '50%', '']);
  });

  it('reads monthly cohorts and formats them as months', async () => {
    const dates = ['2023-11-01T00:00:00Z', '2023-12-01T00:00:00Z', '2024-01-01T00:00:00Z'];
    const { header, body } = tableOf(
      await renderTable(retentionResult(cohorts(dates, [[4, 1, 1], [8, 2], [3]]))),
    );
    expect(header.slice(2)).to.deep.equal(['Month 0', 'Month 1', 'Month 2']);
    expect(body.map((row) => rowText(row)[0])).to.deep.equal(['Nov 2023', 'Dec 2023', 'Jan 2024']);
  });

  it('shows hourly cohorts in the time zone', async () => {
    const dates = ['2024-03-01T13:00:00Z', '2024-03-01T14:00:00Z'];
    const el = await renderTable(retentionResult(cohorts(dates, [[5, 1], [6]])), { timezone: 'Asia/Tokyo' });
    const { header, body } = tableOf(el);
    expect(header.slice(2)).to.deep.equal(['Hour 0', 'Hour 1']);
    expect(rowText(body[0])[0]).to.equal('Mar 1, 10:00 PM');
  });

  it('trusts PostHog\'s "Week N" labels over odd date spacing, and the values\' own labels', async () => {
    const rows = [
      {
        date: '2024-01-01',
        label: 'Week 0',
        values: [
          { count: 9, label: 'First' },
          { count: 3, label: 'Second' },
        ],
      },
      { date: '2024-01-02', label: 'Week 1', values: [{ count: 3 }] },
    ];
    const { header } = tableOf(await renderTable(retentionResult(rows)));
    expect(header).to.deep.equal(['Cohort', 'Size', 'First', 'Second']);
    const el = await renderTable(
      retentionResult(rows.map((row) => ({ ...row, values: row.values.map((v) => ({ count: v.count })) }))),
    );
    expect(tableOf(el).header.slice(2)).to.deep.equal(['Week 0', 'Week 1']);
  });

  it('takes period names from `strings`', async () => {
    const el = await renderTable(retentionResult(cohorts(['2024-01-01', '2024-01-02'], [[2, 1], [3]])));
    el.strings = { periodDay: 'Tag {n}', mean: 'Mittel' };
    await el.updateComplete;
    expect(tableOf(el).header.slice(2)).to.deep.equal(['Tag 0', 'Tag 1']);
    expect(tableOf(el).mean[0]).to.equal('Mittel');
  });
});

describe('<ph-retention-table> breakdowns', () => {
  const rows = [
    ...cohorts(['2024-01-01', '2024-01-02'], [[10, 5], [20]], { breakdown_value: 'Chrome' }),
    ...cohorts(['2024-01-01', '2024-01-02'], [[4, 1], [0]], { breakdown_value: 'Safari' }),
    ...cohorts(['2024-01-01'], [[3, 3]], { breakdown_value: null }),
  ];

  it("offers a picker per breakdown value and shows one value's cohorts", async () => {
    const el = await renderTable(retentionResult(rows));
    const select = el.shadowRoot!.querySelector('select')!;
    expect([...select.options].map((option) => option.textContent!.trim())).to.deep.equal([
      'Chrome',
      'Safari',
      'None',
    ]);
    expect(plain(el.shadowRoot!.querySelector('[part="breakdown"]')!.textContent)).to.match(/^Breakdown/);
    expect(rowText(tableOf(el).body[0])).to.deep.equal(['Jan 1', '10', '100%', '50%']);
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const { body } = tableOf(el);
    expect(rowText(body[0])).to.deep.equal(['Jan 1', '4', '100%', '25%']);
    expect(rowText(body[1])).to.deep.equal(['Jan 2', '0', '—', '']);
    expect(el.toCSV().split('\r\n').slice(0, 2)).to.deep.equal([
      'Breakdown,Cohort,Size,Day 0,Day 0 %,Day 1,Day 1 %',
      'Safari,2024-01-01,4,4,100,1,25',
    ]);
    await expect(el).to.be.accessible();
  });

  it('shows no picker without a breakdown (PostHog sends breakdown_value null then)', async () => {
    const el = await renderTable(
      retentionResult(cohorts(['2024-01-01'], [[3, 1]], { breakdown_value: null })),
    );
    expect(el.shadowRoot!.querySelector('select')).to.equal(null);
    expect(el.toCSV().split('\r\n')[0]).to.equal('Cohort,Size,Day 0,Day 0 %,Day 1,Day 1 %');
  });
});

describe('<ph-retention-table> ph-point-click', () => {
  it('fires with the cohort, period and count when a cell is clicked', async () => {
    const el = await renderTable(signupResult());
    const button = tableOf(el).body[4]!.cells[3]!.querySelector('button')!;
    const event = nextEvent(el, 'ph-point-click');
    button.click();
    const { series, seriesIndex, label, index, value, composed, bubbles } = await event;
    expect({ series, seriesIndex, label, index, value, composed, bubbles }).to.deep.equal({
      series: 'Mar 5',
      seriesIndex: 4,
      label: 'Day 1',
      index: 1,
      value: 5001,
      composed: true,
      bubbles: true,
    });
  });

  it('has one tab stop, moves with the arrow keys and fires on Enter', async () => {
    const el = await renderTable(signupResult());
    const { buttons } = tableOf(el);
    const stops = buttons.filter((button) => button.tabIndex === 0);
    expect(stops).to.have.length(1);
    stops[0]!.focus();
    const focused = () => el.shadowRoot!.activeElement as HTMLElement;
    const at = () => [focused().dataset.row, focused().dataset.period].join(',');
    expect(at()).to.equal('0,0');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    expect(at()).to.equal('4,1');
    await sendKeys({ press: 'End' });
    expect(at()).to.equal('4,6');
    await sendKeys({ press: 'ArrowDown' });
    expect(at(), 'clamped to the shorter row').to.equal('5,5');
    await sendKeys({ press: 'Home' });
    expect(at()).to.equal('5,0');
    expect(tableOf(el).buttons.filter((button) => button.tabIndex === 0)).to.have.length(1);
    const event = nextEvent(el, 'ph-point-click');
    await sendKeys({ press: 'Enter' });
    const { series, index, value } = await event;
    expect({ series, index, value }).to.deep.equal({ series: 'Mar 6', index: 0, value: 6590 });
  });
});
