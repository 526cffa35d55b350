import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { nextEvent } from '../helpers/next-event.js';
import { plain, renderDataTable, sqlResult, tableOf } from './data-table-helpers.js';
import type { PhDataTable } from '../../src/components/data-table/data-table.js';

const rows = [
  ['item 10', 10, '2023-06-02T00:00:00Z', true],
  ['item 2', null, '2023-06-01T00:00:00Z', false],
  ['Item 1', 100, null, null],
  ['item 9', 9, '2023-06-03T00:00:00Z', true],
];
const result = (extra = {}) =>
  sqlResult(rows, {
    columns: ['name', 'n', 'at', 'ok'],
    types: ['String', 'Int64', 'DateTime', 'Bool'],
    ...extra,
  });

async function clickSort(el: PhDataTable, column: number) {
  tableOf(el).sortButtons[column]!.click();
  await el.updateComplete;
}

describe('<ph-data-table> sorting', () => {
  it('sorts numbers numerically, nulls last either way, and says so with aria-sort', async () => {
    const el = await renderDataTable(result());
    expect(tableOf(el).ariaSort).to.deep.equal([null, null, null, null]);
    await clickSort(el, 1);
    expect(tableOf(el).column(1)).to.deep.equal(['9', '10', '100', '—']);
    expect(tableOf(el).ariaSort).to.deep.equal([null, 'ascending', null, null]);
    await clickSort(el, 1);
    expect(tableOf(el).column(1)).to.deep.equal(['100', '10', '9', '—']);
    expect(tableOf(el).ariaSort[1]).to.equal('descending');
    await clickSort(el, 1);
    expect(tableOf(el).column(1), 'third press: the query order again').to.deep.equal([
      '10',
      '—',
      '100',
      '9',
    ]);
    expect(tableOf(el).ariaSort[1]).to.equal(null);
  });

  it("sorts text with the locale's collation (item 2 before item 10) and dates by time", async () => {
    const el = await renderDataTable(result());
    await clickSort(el, 0);
    expect(tableOf(el).column(0)).to.deep.equal(['Item 1', 'item 2', 'item 9', 'item 10']);
    await clickSort(el, 2);
    expect(tableOf(el).column(0)).to.deep.equal(['item 2', 'item 10', 'item 9', 'Item 1']);
    expect(tableOf(el).ariaSort).to.deep.equal([null, null, 'ascending', null]);
    await clickSort(el, 3);
    expect(tableOf(el).column(3)).to.deep.equal(['false', 'true', 'true', '—']);
  });

  it('exports rows in the order shown', async () => {
    const el = await renderDataTable(result());
    await clickSort(el, 1);
    await clickSort(el, 1);
    expect(el.toCSV().split('\r\n').slice(0, 3)).to.deep.equal([
      'name,n,at,ok',
      'Item 1,100,,',
      'item 10,10,2023-06-02T00:00:00Z,true',
    ]);
  });

  it('sorts from the keyboard', async () => {
    const el = await renderDataTable(result());
    tableOf(el).sortButtons[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(tableOf(el).column(1)).to.deep.equal(['9', '10', '100', '—']);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(tableOf(el).ariaSort[1]).to.equal('descending');
  });

  it('keeps the sort for the next page of the same query and drops it for another table', async () => {
    const el = await renderDataTable(result({ hasMore: true, limit: 4 }));
    await clickSort(el, 1);
    el.result = result({
      offset: 4,
      limit: 4,
      results: [
        ['x', 3, null, null],
        ['y', 1, null, null],
      ],
    });
    await el.updateComplete;
    expect(tableOf(el).column(1)).to.deep.equal(['1', '3']);
    el.result = sqlResult([[2], [1]], { columns: ['other'] });
    await el.updateComplete;
    expect(tableOf(el).column(0)).to.deep.equal(['2', '1']);
    expect(tableOf(el).ariaSort).to.deep.equal([null]);
  });
});

describe('<ph-data-table> pagination', () => {
  it('shows no pager when the result is everything', async () => {
    expect(tableOf(await renderDataTable(result({ hasMore: false }))).pager).to.equal(null);
  });

  it("asks for the next page with the response's limit and offset", async () => {
    const el = await renderDataTable(result({ hasMore: true, limit: 4, offset: 0 }));
    const { pager } = tableOf(el);
    const [previous, next] = [...pager!.querySelectorAll('button')];
    expect(plain(pager!.textContent)).to.equal('Previous page Rows 1–4 Next page');
    expect(pager!.getAttribute('aria-label')).to.equal('Pages');
    expect([previous!.disabled, next!.disabled]).to.deep.equal([true, false]);
    const event = nextEvent(el, 'ph-page-request');
    next!.click();
    const { limit, offset, bubbles, composed } = await event;
    expect({ limit, offset, bubbles, composed }).to.deep.equal({
      limit: 4,
      offset: 4,
      bubbles: true,
      composed: true,
    });
    await expect(el).to.be.accessible();
  });

  it('asks for the previous page, and disables Next on the last one', async () => {
    const el = await renderDataTable(result({ hasMore: false, limit: 4, offset: 8 }), { theme: 'dark' });
    const [previous, next] = [...tableOf(el).pager!.querySelectorAll('button')];
    expect(plain(tableOf(el).pager!.textContent)).to.equal('Previous page Rows 9–12 Next page');
    expect([previous!.disabled, next!.disabled]).to.deep.equal([false, true]);
    const event = nextEvent(el, 'ph-page-request');
    previous!.click();
    expect(await event).to.include({ limit: 4, offset: 4 });
    await expect(el).to.be.accessible();
  });

  it('uses page-size when the response has no limit', async () => {
    const el = await renderDataTable(result({ hasMore: true }), { pageSize: 25 });
    const event = nextEvent(el, 'ph-page-request');
    tableOf(el).pager!.querySelectorAll('button')[1]!.click();
    expect(await event).to.include({ limit: 25, offset: 25 });
  });

  it('keeps Previous on an empty page past the end', async () => {
    const el = await renderDataTable(result({ results: [], hasMore: false, limit: 4, offset: 12 }));
    expect(plain(el.shadowRoot!.querySelector('[part="empty"]')!.textContent)).to.equal(
      'No data for this period',
    );
    const [previous, next] = [...tableOf(el).pager!.querySelectorAll('button')];
    expect(plain(tableOf(el).pager!.textContent)).to.equal('Previous page Next page');
    expect([previous!.disabled, next!.disabled]).to.deep.equal([false, true]);
    await expect(el).to.be.accessible();
  });
});

describe('<ph-data-table> edge cases', () => {
  it('says "No data" for no rows, accessibly in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderDataTable(sqlResult([], { columns: ['a'] }), { theme });
      expect(tableOf(el).table).to.equal(null);
      expect(tableOf(el).text).to.equal('No data for this period');
      expect(el.toCSV()).to.equal('');
      await expect(el).to.be.accessible();
    }
  });

  it('renders nothing broken without a result or with junk results', async () => {
    const el = await renderDataTable(undefined);
    expect(tableOf(el).text).to.equal('');
    el.result = sqlResult('nope' as unknown as unknown[][]);
    await el.updateComplete;
    expect(tableOf(el).text).to.equal('No data for this period');
    el.result = sqlResult([['a', 1], 'not a row' as unknown as unknown[], ['b']], { columns: ['x'] });
    await el.updateComplete;
    expect(tableOf(el).names).to.deep.equal(['x', 'Column 2']);
    expect(tableOf(el).cells).to.deep.equal([
      ['a', '1'],
      ['b', '—'],
    ]);
  });

  it('keeps long unicode intact and wraps it inside the element', async () => {
    const long = 'Ünïcödé — 浏览器 🚀 שלום '.repeat(20).trim();
    const el = await renderDataTable(sqlResult([[long, 1]], { columns: [long.slice(0, 40), 'n'] }));
    const { cells, names, rows } = tableOf(el);
    expect(cells[0]![0]).to.equal(long);
    expect(names[0]).to.equal(long.slice(0, 40));
    expect(rows[0]!.cells[0]!.getBoundingClientRect().width).to.be.below(480);
    expect(el.getBoundingClientRect().width).to.equal(480);
    await expect(el).to.be.accessible();
  });

  it('exports JSON for structures and guards formula-like text', async () => {
    const el = await renderDataTable(
      sqlResult([['=SUM(A1)', { a: [1, 'b"c'] }, true, null]], { columns: ['f', 'j', 'b', 'n'] }),
    );
    expect(el.toCSV()).to.equal('f,j,b,n\r\n\'=SUM(A1),"{""a"":[1,""b\\""c""]}",true,\r\n');
  });

  it('follows a new locale and strings without losing rows', async () => {
    const el = await renderDataTable(sqlResult([[1234.5]], { columns: ['n'], hasMore: true }));
    el.locale = 'de-DE';
    el.strings = { nextPage: 'Weiter', previousPage: 'Zurück', rowsRange: 'Zeilen {from}–{to}' };
    await el.updateComplete;
    expect(tableOf(el).cells).to.deep.equal([['1.234,5']]);
    expect(plain(tableOf(el).pager!.textContent)).to.equal('Zurück Zeilen 1–1 Weiter');
  });

  it('exports a result set just now, before it is drawn', async () => {
    const el = await renderDataTable(result());
    el.result = sqlResult([[1, 'a']], { columns: ['n', 's'] });
    expect(el.toCSV()).to.equal('n,s\r\n1,a\r\n');
  });

  it('redraws after being detached and reattached', async () => {
    const el = await renderDataTable(result());
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(tableOf(el).rows).to.have.length(4);
  });
});
