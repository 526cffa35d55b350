import { expect } from '@open-wc/testing';
import {
  cohorts,
  plain,
  renderTable,
  retentionResult,
  rowText,
  signupResult,
  tableOf,
} from './retention-table-helpers.js';

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

describe('<ph-retention-table> edge cases', () => {
  it('says "No data" for an empty list, accessibly in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderTable(retentionResult([]), { theme });
      expect(tableOf(el).table).to.equal(null);
      expect(plain(el.shadowRoot!.querySelector('[part="empty"]')?.textContent)).to.equal(
        'No data for this period',
      );
      expect(el.toCSV()).to.equal('');
      await expect(el).to.be.accessible();
    }
  });

  it('renders nothing broken without a result, and draws once one arrives', async () => {
    const el = await renderTable(undefined);
    expect(tableOf(el).text).to.equal('');
    expect(el.toCSV()).to.equal('');
    el.result = signupResult();
    await el.updateComplete;
    expect(tableOf(el).body).to.have.length(11);
  });

  it('survives results that are not a list, rows without values and junk counts', async () => {
    const el = await renderTable(retentionResult({ oops: true } as unknown as unknown[]));
    expect(plain(el.shadowRoot!.textContent)).to.equal('No data for this period');
    el.result = retentionResult([
      null,
      { date: '2024-01-01', values: [{ count: 5 }, { count: null }, { count: 'x' }, {}] },
      { date: '2024-01-02' },
    ]);
    await el.updateComplete;
    const { body, text, mean } = tableOf(el);
    expect(rowText(body[0])).to.deep.equal(['Jan 1', '5', '100%', '—', '—', '—']);
    expect(rowText(body[1])).to.deep.equal(['Jan 2', '—', '', '', '', '']);
    expect(mean).to.deep.equal(['Mean', '', '100%', '—', '—', '—']);
    expect(text).not.to.match(/NaN|Infinity|undefined|null/);
    await expect(el).to.be.accessible();
  });

  it('shows a single cohort with a single period, and a curve that is one dot', async () => {
    const el = await renderTable(retentionResult(cohorts(['2024-01-01'], [[7]])));
    expect(rowText(tableOf(el).body[0])).to.deep.equal(['Jan 1', '7', '100%']);
    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.querySelector('.dots')!.getAttribute('d')).to.equal('M50 0h0');
    await expect(el).to.be.accessible();
  });

  it('shows only zero cohorts as dashes, with no curve (there is no mean)', async () => {
    const el = await renderTable(retentionResult(cohorts(['2024-01-01', '2024-01-02'], [[0, 0], [0]])));
    const { mean, text } = tableOf(el);
    expect(mean).to.deep.equal(['Mean', '', '—', '—']);
    expect(el.shadowRoot!.querySelector('svg')).to.equal(null);
    expect(text).not.to.match(/NaN|Infinity/);
  });

  it('breaks the curve where no cohort reaches a period', async () => {
    const rows = [
      { date: '2024-01-01', values: [{ count: 10 }, { count: null }, { count: 2 }] },
      { date: '2024-01-02', values: [{ count: 10 }, { count: null }] },
    ];
    const el = await renderTable(retentionResult(rows));
    expect(el.shadowRoot!.querySelector('svg .line')!.getAttribute('d')).to.equal('M0 0M100 80');
  });

  it('formats huge numbers in full and keeps negative data readable', async () => {
    const el = await renderTable(
      retentionResult(cohorts(['2024-01-01'], [[4_000_000_000_000, 1_000_000_000_000, -5]])),
    );
    expect(rowText(tableOf(el).body[0])).to.deep.equal(['Jan 1', '4,000,000,000,000', '100%', '25%', '0%']);
    expect(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.cell')[2]!.title).to.equal(
      '-5 of 4,000,000,000,000 (0%)',
    );
  });

  it('keeps long unicode breakdown values intact', async () => {
    const long = 'Ünïcödé 浏览器 🚀 '.repeat(12).trim();
    const rows = [
      ...cohorts(['2024-01-01'], [[2, 1]], { breakdown_value: long }),
      ...cohorts(['2024-01-01'], [[2, 2]], { breakdown_value: ['a', 'b'] }),
    ];
    const el = await renderTable(retentionResult(rows));
    const options = [...el.shadowRoot!.querySelectorAll('option')].map((option) =>
      option.textContent!.trim(),
    );
    expect(options).to.deep.equal([long, 'a, b']);
    expect(el.toCSV()).to.include(long);
    await expect(el).to.be.accessible();
  });

  it('leaves running periods out of the mean and says so in the tooltip', async () => {
    const today = Date.now() - (Date.now() % DAY_MS);
    const dates = [isoDay(today - 2 * DAY_MS), isoDay(today - DAY_MS), isoDay(today)];
    const rows = cohorts(dates, [[10, 5, 5], [10, 1], [10]]);
    const el = await renderTable(retentionResult(rows));
    const partial = [...el.shadowRoot!.querySelectorAll('td.partial button')].map(
      (b) => (b as HTMLElement).title,
    );
    expect(partial).to.deep.equal([
      '5 of 10 (50%), in progress',
      '1 of 10 (10%), in progress',
      '10 of 10 (100%), in progress',
    ]);
    // Period 1: only the first cohort has finished it (50%); the second's 10% is still counting.
    expect(tableOf(el).mean).to.deep.equal(['Mean', '', '100%', '50%', '—']);
  });

  it('scrolls sideways inside its box with a sticky header and cohort column', async () => {
    const counts = [Array.from({ length: 40 }, (_, i) => 1000 - i)];
    const el = await renderTable(retentionResult(cohorts(['2024-01-01'], counts)));
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('[part="scroller"]')!;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    expect(el.getBoundingClientRect().width).to.equal(640);
    const first = tableOf(el).body[0]!.cells[0]!;
    expect(getComputedStyle(first).position).to.equal('sticky');
    expect(getComputedStyle(el.shadowRoot!.querySelector('thead th')!).position).to.equal('sticky');
    scroller.scrollLeft = 500;
    expect(Math.round(first.getBoundingClientRect().left)).to.equal(
      Math.round(scroller.getBoundingClientRect().left),
    );
  });

  it('exports a result set just now, before it is drawn', async () => {
    const el = await renderTable(signupResult());
    el.result = retentionResult(cohorts(['2024-01-01'], [[4, 1]]));
    expect(el.toCSV()).to.equal(
      'Cohort,Size,Day 0,Day 0 %,Day 1,Day 1 %\r\n2024-01-01,4,4,100,1,25\r\nMean,,,100,,25\r\n',
    );
  });

  it('redraws the same table after being detached and reattached', async () => {
    const el = await renderTable(signupResult());
    const parent = el.parentElement!;
    el.remove();
    el.show = 'count';
    parent.append(el);
    await el.updateComplete;
    expect(rowText(tableOf(el).body[4]).slice(0, 4)).to.deep.equal(['Mar 5', '10,222', '10,222', '5,001']);
  });
});
