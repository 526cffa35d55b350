import { expect } from '@open-wc/testing';
import { parts, renderChart, resultFrom } from './trends-chart-helpers.js';
import dailyActiveUsers from '../fixtures/endpoints/daily_active_users.json' with { type: 'json' };
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

/** A series its view's code cannot read: the stand-in for any shape nobody foresaw. */
function unreadable(): RunResponse<TrendsSeries[]> {
  const series = {
    get data(): number[] {
      throw new TypeError('a shape nobody foresaw');
    },
  };
  return { ...resultFrom(dailyActiveUsers), results: [series as unknown as TrendsSeries] };
}

describe('a view that cannot draw its result', () => {
  it('says so in place of an empty frame, exports nothing, and draws the next result afresh', async () => {
    const el = await renderChart(resultFrom(dailyActiveUsers));
    expect(el.toCSV()).to.not.equal('');

    el.result = unreadable();
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[part~="empty"]');
    expect(status?.getAttribute('role')).to.equal('status');
    expect(status?.textContent).to.match(/There is no view for TrendsQuery/);
    expect(el.toCSV(), 'not the CSV of the result before').to.equal('');
    await expect(el).to.be.accessible();

    el.result = resultFrom(dailyActiveUsers);
    await el.updateComplete;
    expect(parts(el).chart!.data.datasets).to.have.length(1);
    expect(el.toCSV()).to.not.equal('');
  });
});
