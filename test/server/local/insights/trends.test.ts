import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { database, ev, pageviews, person, series } from './helpers.js';

const trends = (extra: Record<string, unknown> = {}) => ({
  kind: 'TrendsQuery',
  series: [pageviews()],
  dateRange: { date_from: '-3d' },
  ...extra,
});

describe('trends on hand-made data', () => {
  test('empty days are 0 and events exactly on a day boundary count for the day that starts', async () => {
    const db = await database([
      ev('$pageview', '2024-03-11T23:59:59.999Z', 'a'), // before the range
      ev('$pageview', '2024-03-12T00:00:00.000Z', 'a'),
      ev('$pageview', '2024-03-13T23:59:59.999Z', 'b'),
      ev('$pageview', '2024-03-14T00:00:00.000Z', 'b'),
      ev('signed_up', '2024-03-14T10:00:00Z', 'b'),
    ]);
    const [result] = await series(db, trends());
    assert.deepEqual(result!.days, ['2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15']);
    assert.deepEqual(result!.labels, ['12-Mar-2024', '13-Mar-2024', '14-Mar-2024', '15-Mar-2024']);
    assert.deepEqual(result!.data, [1, 1, 1, 0]);
    assert.equal(result!.count, 3);
    assert.equal(result!.label, '$pageview');
  });

  test('a UTC 23:30 event lands on the next day in Tokyo', async () => {
    const db = await database([ev('$pageview', '2024-03-13T23:30:00Z', 'a')]);
    const [utc] = await series(db, trends());
    const [tokyo] = await series(db, trends(), { timezone: 'Asia/Tokyo' });
    assert.deepEqual(utc!.data, [0, 1, 0, 0]);
    assert.deepEqual(tokyo!.data, [0, 0, 1, 0]);
  });

  test('days across a daylight saving change have their own local boundaries', async () => {
    const db = await database([
      ev('$pageview', '2024-03-10T04:30:00Z', 'a'), // 9 Mar 23:30 EST
      ev('$pageview', '2024-03-10T06:30:00Z', 'a'), // 10 Mar 01:30 EST
      ev('$pageview', '2024-03-11T03:59:59Z', 'a'), // 10 Mar 23:59 EDT
      ev('$pageview', '2024-03-11T04:00:00Z', 'a'), // 11 Mar 00:00 EDT
    ]);
    const query = trends({ dateRange: { date_from: '2024-03-09', date_to: '2024-03-11' } });
    const [ny] = await series(db, query, { timezone: 'America/New_York' });
    assert.deepEqual(ny!.days, ['2024-03-09', '2024-03-10', '2024-03-11']);
    assert.deepEqual(ny!.data, [1, 2, 1]);
    const [weekly] = await series(
      db,
      { ...query, interval: 'week', dateRange: { date_from: '2024-03-03', date_to: '2024-03-16' } },
      { timezone: 'America/New_York' },
    );
    assert.deepEqual(weekly!.days, ['2024-03-03', '2024-03-10']);
    assert.deepEqual(weekly!.data, [1, 3]);
    assert.deepEqual(weekly!.labels, ['3–9 Mar', '10–16 Mar']);
  });

  test('a person in two breakdown values counts in both', async () => {
    const db = await database([
      ev('$pageview', '2024-03-12T10:00:00Z', 'a', { $browser: 'Chrome' }),
      ev('$pageview', '2024-03-12T11:00:00Z', 'a', { $browser: 'Safari' }),
      ev('$pageview', '2024-03-12T12:00:00Z', 'b', { $browser: 'Chrome' }),
      ev('$pageview', '2024-03-13T12:00:00Z', 'c'),
    ]);
    const result = await series(
      db,
      trends({ series: [pageviews({ math: 'dau' })], breakdownFilter: { breakdown: '$browser' } }),
    );
    assert.deepEqual(
      result.map((s) => [s.breakdown_value, s.label, s.data]),
      [
        ['Chrome', 'Chrome', [2, 0, 0, 0]],
        ['Safari', 'Safari', [1, 0, 0, 0]],
        // The null bucket comes after real values; /run shows it as null.
        [null, 'null', [0, 1, 0, 0]],
      ],
    );
  });

  test('breakdown_limit keeps the largest values and sums the rest into Other', async () => {
    const events = ['/a', '/a', '/a', '/b', '/b', '/c', '/d'].map((path, i) =>
      ev('$pageview', `2024-03-1${2 + (i % 2)}T10:00:00Z`, `p${i}`, { $pathname: path }),
    );
    const db = await database(events);
    const result = await series(
      db,
      trends({ breakdownFilter: { breakdown: '$pathname', breakdown_limit: 2 } }),
    );
    assert.deepEqual(
      result.map((s) => [s.breakdown_value, s.count]),
      [
        ['/a', 3],
        ['/b', 2],
        ['Other', 2],
      ],
    );
    const totals = await series(
      db,
      trends({
        trendsFilter: { display: 'ActionsPie' },
        breakdownFilter: { breakdown: '$pathname', breakdown_limit: 2 },
      }),
    );
    assert.deepEqual(
      totals.map((s) => [s.breakdown_value, s.aggregated_value, s.count, s.data]),
      [
        ['/a', 3, 0, []],
        ['/b', 2, 0, []],
        ['Other', 2, 0, []],
      ],
    );
  });

  test('property math: sum, average, median and p90 of a property, 0 where nothing happened', async () => {
    const db = await database([
      ev('purchase', '2024-03-12T10:00:00Z', 'a', { amount: 10 }),
      ev('purchase', '2024-03-12T11:00:00Z', 'b', { amount: 20 }),
      ev('purchase', '2024-03-12T12:00:00Z', 'c', { amount: '40' }),
      ev('purchase', '2024-03-13T12:00:00Z', 'c', { amount: 'not a number' }),
    ]);
    const math = async (name: string) => {
      const [s] = await series(
        db,
        trends({ series: [{ kind: 'EventsNode', event: 'purchase', math: name, math_property: 'amount' }] }),
      );
      return s!.data;
    };
    assert.deepEqual(await math('sum'), [70, 0, 0, 0]);
    assert.deepEqual(await math('min'), [10, 0, 0, 0]);
    assert.deepEqual(await math('max'), [40, 0, 0, 0]);
    assert.equal((await math('avg'))[0]!.toFixed(6), (70 / 3).toFixed(6));
    assert.deepEqual(await math('median'), [20, 0, 0, 0]);
    assert.deepEqual(await math('p90'), [36, 0, 0, 0]);
  });

  test('weekly active users count people active in the 7 days up to each day', async () => {
    const db = await database([
      ev('$pageview', '2024-03-05T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-13T10:00:00Z', 'b'),
    ]);
    const [s] = await series(
      db,
      trends({ dateRange: { date_from: '-5d' }, series: [pageviews({ math: 'weekly_active' })] }),
    );
    // a's 5 March counts until 11 March; b from 13 March.
    assert.deepEqual(s!.days, [
      '2024-03-10',
      '2024-03-11',
      '2024-03-12',
      '2024-03-13',
      '2024-03-14',
      '2024-03-15',
    ]);
    assert.deepEqual(s!.data, [1, 1, 0, 1, 1, 1]);
  });

  test('compare adds the previous period after the current one, on its own days', async () => {
    const db = await database([
      ev('signed_up', '2024-03-14T10:00:00Z', 'a'),
      ev('signed_up', '2024-03-07T10:00:00Z', 'b'),
      ev('signed_up', '2024-03-06T10:00:00Z', 'c'),
    ]);
    const query = {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'signed_up' }],
      dateRange: { date_from: '-7d' },
      compareFilter: { compare: true },
    };
    const [current, previous] = await series(db, query);
    assert.equal(current!.compare_label, 'current');
    assert.equal(previous!.compare_label, 'previous');
    assert.deepEqual(current!.days[0], '2024-03-08');
    assert.deepEqual(previous!.days, [
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
      '2024-03-04',
      '2024-03-05',
      '2024-03-06',
      '2024-03-07',
      '2024-03-08',
    ]);
    assert.equal(current!.count, 1);
    assert.equal(previous!.count, 2);
    const bold = await series(db, { ...query, trendsFilter: { display: 'BoldNumber' } });
    assert.deepEqual(
      bold.map((s) => [s.aggregated_value, s.count, s.data, s.days, s.compare_label]),
      [
        [1, 0, [], [], 'current'],
        [2, 0, [], [], 'previous'],
      ],
    );
  });

  test('a BoldNumber counts from exactly date_from to now, not whole days', async () => {
    const db = await database([
      ev('signed_up', '2024-03-08T09:30:00Z', 'a'), // 7 days and an hour ago
      ev('signed_up', '2024-03-08T11:30:00Z', 'b'),
      ev('signed_up', '2024-03-15T11:00:00Z', 'c'), // later today, after "now"
    ]);
    const query = {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'signed_up' }],
      dateRange: { date_from: '-7d' },
    };
    const [bold] = await series(db, { ...query, trendsFilter: { display: 'BoldNumber' } });
    const [line] = await series(db, query);
    const [pie] = await series(db, { ...query, trendsFilter: { display: 'ActionsPie' } });
    assert.equal(bold!.aggregated_value, 1);
    assert.equal(line!.count, 3);
    assert.equal(pie!.aggregated_value, 3);
  });

  test('an all-time total is not limited by how many days it spans', async () => {
    const db = await database([
      ev('signed_up', '1990-01-01T00:00:00Z', 'a'),
      ev('signed_up', '2024-03-14T00:00:00Z', 'b'),
    ]);
    const query = {
      kind: 'TrendsQuery',
      series: [{ kind: 'EventsNode', event: 'signed_up' }],
      dateRange: { date_from: 'all' },
    };
    const [bold] = await series(db, { ...query, trendsFilter: { display: 'BoldNumber' } });
    assert.equal(bold!.aggregated_value, 2);
    const [months] = await series(db, { ...query, interval: 'month' });
    assert.equal(months!.days[0], '1990-01-01');
    assert.equal(months!.count, 2);
  });

  test('cumulative lines count each person once, at their first day', async () => {
    const db = await database([
      ev('$pageview', '2024-03-12T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-13T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-14T10:00:00Z', 'b'),
    ]);
    const query = trends({ trendsFilter: { display: 'ActionsLineGraphCumulative' } });
    const [total] = await series(db, query);
    const [dau] = await series(db, { ...query, series: [pageviews({ math: 'dau' })] });
    assert.deepEqual(total!.data, [1, 2, 3, 3]);
    assert.equal(total!.count, 3);
    assert.deepEqual(dau!.data, [1, 1, 2, 2]);
  });

  test('person property filters and breakdowns read the persons table', async () => {
    const db = await database(
      [
        ev('$pageview', '2024-03-12T10:00:00Z', 'a'),
        ev('$pageview', '2024-03-12T10:00:00Z', 'b'),
        ev('$pageview', '2024-03-12T10:00:00Z', 'c'),
      ],
      [
        person('a', '2024-01-01T00:00:00Z', { plan: 'pro' }),
        person('b', '2024-01-01T00:00:00Z', { plan: 'free' }),
      ],
    );
    const filtered = await series(
      db,
      trends({ properties: [{ key: 'plan', value: 'pro', operator: 'exact', type: 'person' }] }),
    );
    assert.equal(filtered[0]!.count, 1);
    const byPlan = await series(
      db,
      trends({ breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' } }),
    );
    assert.deepEqual(
      byPlan.map((s) => [s.breakdown_value, s.count]),
      [
        ['free', 1],
        ['pro', 1],
        [null, 1],
      ],
    );
  });

  test('the breakdown property as a variable narrows the results to that value', async () => {
    const db = await database([
      ev('$pageview', '2024-03-12T10:00:00Z', 'a', { org_id: 'acme' }),
      ev('$pageview', '2024-03-12T10:00:00Z', 'b', { org_id: 'globex' }),
      ev('$pageview', '2024-03-12T10:00:00Z', 'c'),
    ]);
    const query = trends({ breakdownFilter: { breakdown: 'org_id' } });
    const acme = await series(db, query, { variables: { org_id: 'acme' } });
    assert.deepEqual(
      acme.map((s) => [s.breakdown_value, s.count]),
      [['acme', 1]],
    );
    const unset = await series(db, query, { variables: { org_id: '' } });
    assert.deepEqual(
      unset.map((s) => [s.breakdown_value, s.count]),
      [[null, 1]],
    );
    const hostile = await series(db, query, { variables: { org_id: "'; DROP TABLE events; --" } });
    assert.deepEqual(hostile, []);
    assert.equal((await series(db, query)).length, 3);
  });

  test('date variables replace the stored range', async () => {
    const db = await database([ev('$pageview', '2024-03-01T10:00:00Z', 'a')]);
    const [s] = await series(db, trends(), { variables: { date_from: '2024-02-28', date_to: '2024-03-02' } });
    assert.deepEqual(s!.days, ['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    assert.deepEqual(s!.data, [0, 0, 1, 0]);
  });
});
