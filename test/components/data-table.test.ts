import { expect } from '@open-wc/testing';
import { renderDataTable, sqlResult, tableOf, topEventsResult } from './data-table-helpers.js';
import topEvents from '../fixtures/endpoints/top_events.json' with { type: 'json' };

describe('<ph-data-table> with the top_events sample', () => {
  it('draws every row and column, with the columns named', async () => {
    const { names, rows, cells } = tableOf(await renderDataTable(topEventsResult()));
    expect(names).to.deep.equal(['event', 'person.properties.email', 'properties.$browser', 'count()']);
    expect(rows).to.have.length(topEvents.run.results.length).and.length(100);
    expect(cells[0]).to.deep.equal(['$autocapture', 'test@posthog.com', 'Chrome', '324']);
  });

  it('infers the column kinds without types: counts are right-aligned numbers', async () => {
    const el = await renderDataTable(topEventsResult());
    const { kinds, rows, headers } = tableOf(el);
    expect(kinds).to.deep.equal(['string', 'string', 'string', 'number']);
    expect(getComputedStyle(rows[0]!.cells[3]!).textAlign).to.equal('end');
    expect(getComputedStyle(rows[0]!.cells[0]!).textAlign).to.equal('start');
    expect(headers[3]!.className).to.equal('number');
  });

  it('shows a null cell as a dash', async () => {
    const { cells, text } = tableOf(await renderDataTable(topEventsResult()));
    expect(cells[15]).to.deep.equal(['$identify', 'test@posthog.com', '—', '9']);
    expect(text).not.to.include('null');
  });

  it('names its scroll region by a caption with the counts', async () => {
    const el = await renderDataTable(topEventsResult());
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('[part="scroller"]')!;
    expect(scroller.tabIndex).to.equal(0);
    expect(scroller.getAttribute('role')).to.equal('region');
    const caption = el.shadowRoot!.getElementById(scroller.getAttribute('aria-labelledby')!)!;
    expect(caption.textContent!.trim()).to.equal('Query results: 100 rows, 4 columns');
    expect(getComputedStyle(tableOf(el).headers[0]!).position).to.equal('sticky');
    expect(scroller.scrollHeight).to.be.greaterThan(scroller.clientHeight);
  });

  it('exports the shown rows as CSV, raw', async () => {
    const el = await renderDataTable(topEventsResult());
    const lines = el.toCSV().split('\r\n');
    expect(lines[0]).to.equal('event,person.properties.email,properties.$browser,count()');
    expect(lines[1]).to.equal('$autocapture,test@posthog.com,Chrome,324');
    expect(lines[16]).to.equal('$identify,test@posthog.com,,9');
    expect(lines).to.have.length(102);
  });

  it('is accessible in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await renderDataTable(topEventsResult(), { theme });
      await expect(el).to.be.accessible();
    }
  });
});

describe('<ph-data-table> numbers', () => {
  const result = () => sqlResult([[1234567.891], [-42], [0.5], [1e21], ['18446744073709551615'], [null]]);

  it('formats numbers with Intl in en-US and de-DE', async () => {
    const us = tableOf(await renderDataTable(result(), { locale: 'en-US' }));
    expect(us.column(0)).to.deep.equal([
      '1,234,567.891',
      '-42',
      '0.5',
      '1,000,000,000,000,000,000,000',
      '18,446,744,073,709,551,615',
      '—',
    ]);
    const de = tableOf(await renderDataTable(result(), { locale: 'de-DE' }));
    expect(de.column(0).slice(0, 3)).to.deep.equal(['1.234.567,891', '-42', '0,5']);
    expect(de.column(0)[4]).to.equal('18.446.744.073.709.551.615');
  });
});

describe('<ph-data-table> column types', () => {
  const row = [
    'text',
    -12345,
    3.25,
    '2023-06-06T10:56:05.984440Z',
    '2023-06-06',
    true,
    ['a', 'b'],
    null,
    '{"k":"v"}',
    ['x', 1],
    '{"nested":{"a":[1,2]}}',
    '1234.50',
    '18446744073709551615',
  ];
  const types = [
    'String',
    'Int64',
    'Float64',
    "DateTime64(6, 'UTC')",
    'Date',
    'Bool',
    'Array(String)',
    'Nullable(Int64)',
    'Map(String, String)',
    'Tuple(String, UInt8)',
    'JSON',
    'Decimal(10, 2)',
    'LowCardinality(Nullable(UInt64))',
  ];
  const kinds = [
    'string',
    'number',
    'number',
    'datetime',
    'date',
    'bool',
    'json',
    'number',
    'json',
    'json',
    'json',
    'number',
    'number',
  ];
  const shown = [
    'text',
    '-12,345',
    '3.25',
    'Jun 6, 2023, 10:56:05 AM',
    'Jun 6, 2023',
    'true',
    '["a","b"]',
    '—',
    '{"k":"v"}',
    '["x",1]',
    '{"nested":{"a":[1,2]}}',
    '1,234.5',
    '18,446,744,073,709,551,615',
  ];
  const names = types.map((_, i) => `c${i}`);

  it('reads types given as strings', async () => {
    const el = await renderDataTable(sqlResult([row], { columns: names, types }));
    expect(tableOf(el).kinds).to.deep.equal(kinds);
    expect(tableOf(el).cells[0]).to.deep.equal(shown);
  });

  it('reads types given as [name, type] pairs, names included', async () => {
    const pairs = types.map((type, i): [string, string] => [`p${i}`, type]);
    const el = await renderDataTable(sqlResult([row], { types: pairs }));
    expect(tableOf(el).names).to.deep.equal(pairs.map(([name]) => name));
    expect(tableOf(el).kinds).to.deep.equal(kinds);
    expect(tableOf(el).cells[0]).to.deep.equal(shown);
  });

  it('infers kinds per column when there are no types', async () => {
    const rows = [
      [1, true, '2023-06-06', '2023-06-06 10:00:00', ['a'], 'x', null],
      [null, false, '2023-06-07', '2023-06-07T11:00:00+02:00', null, 2, null],
    ];
    const el = await renderDataTable(sqlResult(rows));
    expect(tableOf(el).kinds).to.deep.equal([
      'number',
      'bool',
      'date',
      'datetime',
      'json',
      'string',
      'string',
    ]);
    expect(tableOf(el).names).to.deep.equal([
      'Column 1',
      'Column 2',
      'Column 3',
      'Column 4',
      'Column 5',
      'Column 6',
      'Column 7',
    ]);
    expect(tableOf(el).cells[1]).to.deep.equal([
      '—',
      'false',
      'Jun 7, 2023',
      'Jun 7, 2023, 9:00:00 AM',
      '—',
      '2',
      '—',
    ]);
  });

  it('shows date-times in its time zone and dates on their calendar day', async () => {
    const rows = [['2023-06-06T10:56:05.984440Z', '2023-06-06 10:56:05', '2023-06-06']];
    const types = ["DateTime64(6, 'UTC')", 'DateTime', 'Date'];
    const source = { columns: ['utc', 'naive', 'day'], types, timezone: 'Europe/Berlin' };
    const tokyo = await renderDataTable(sqlResult(rows, source), { timezone: 'Asia/Tokyo' });
    expect(tableOf(tokyo).cells[0]).to.deep.equal([
      'Jun 6, 2023, 7:56:05 PM',
      'Jun 6, 2023, 5:56:05 PM',
      'Jun 6, 2023',
    ]);
    expect(tokyo.shadowRoot!.querySelector('caption')!.textContent!.trim()).to.equal(
      'Query results: 1 rows, 3 columns. Times in Asia/Tokyo',
    );
    const honolulu = await renderDataTable(sqlResult(rows, source), { timezone: 'Pacific/Honolulu' });
    expect(tableOf(honolulu).cells[0]).to.deep.equal([
      'Jun 6, 2023, 12:56:05 AM',
      'Jun 5, 2023, 10:56:05 PM',
      'Jun 6, 2023',
    ]);
  });

  it('renders markup in cells as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const el = await renderDataTable(sqlResult([[hostile, { html: hostile }]], { columns: ['s', 'j'] }));
    expect(el.shadowRoot!.querySelector('td img, td b')).to.equal(null);
    expect(tableOf(el).cells[0]).to.deep.equal([hostile, JSON.stringify({ html: hostile })]);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
