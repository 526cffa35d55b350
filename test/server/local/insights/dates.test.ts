import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LocalQueryError } from '../../../../src/server/local/errors.js';
import {
  PreviousPeriodDateRange,
  QueryDateRange,
  type DateRangeInput,
} from '../../../../src/server/local/insights/dates.js';
import { formatDay, formatLabel } from '../../../../src/server/local/insights/labels.js';
import { retentionRange } from '../../../../src/server/local/insights/retention-range.js';
import {
  isoDateTime,
  isoWithOffset,
  startOfInterval,
  Zone,
  type Interval,
} from '../../../../src/server/local/insights/time-zone.js';

const NOW = Date.parse('2024-03-15T10:30:00Z'); // a Friday

function range(input: DateRangeInput, interval: Interval = 'day', zone = 'UTC', now = NOW) {
  const z = new Zone(zone);
  return new QueryDateRange(input, interval, { zone: z, now: z.toWall(now) });
}

const wall = (ms: number) => isoDateTime(ms);

describe('relative and absolute dates', () => {
  const cases: Array<[string, string]> = [
    ['-7d', '2024-03-08 00:00:00'],
    ['-30d', '2024-02-14 00:00:00'],
    ['-90d', '2023-12-16 00:00:00'],
    ['-8w', '2024-01-19 00:00:00'],
    ['-3m', '2023-12-15 00:00:00'],
    ['mStart', '2024-03-01 00:00:00'],
    ['-1mStart', '2024-02-01 00:00:00'],
    ['yStart', '2024-01-01 00:00:00'],
    ['dStart', '2024-03-15 00:00:00'],
    ['2024-01-05', '2024-01-05 00:00:00'],
    ['2024-1-5', '2024-01-05 00:00:00'],
    ['2024-01-05T12:34:56', '2024-01-05 12:34:56'],
  ];
  for (const [input, expected] of cases) {
    test(`date_from ${input} starts at ${expected}`, () => {
      assert.equal(wall(range({ date_from: input }).dateFrom()), expected);
    });
  }

  test('no date_from means the last 7 days, from the start of the day', () => {
    assert.equal(wall(range({}).dateFrom()), '2024-03-08 00:00:00');
  });

  test('a month back clamps to the shorter month', () => {
    assert.equal(
      wall(range({ date_from: '-1m' }, 'day', 'UTC', Date.parse('2024-03-31T08:00:00Z')).dateFrom()),
      '2024-02-29 00:00:00',
    );
  });

  test('an instant with an offset is shown on the endpoint clock', () => {
    assert.equal(
      wall(range({ date_from: '2024-01-05T12:00:00Z' }, 'day', 'Asia/Tokyo').dateFrom()),
      '2024-01-05 21:00:00',
    );
  });

  test('date_to runs to the end of its day, or of the current hour for hourly ranges', () => {
    assert.equal(new Date(range({}).dateTo()).toISOString(), '2024-03-15T23:59:59.999Z');
    assert.equal(
      new Date(range({ date_to: '2024-03-10' }).dateTo()).toISOString(),
      '2024-03-10T23:59:59.999Z',
    );
    assert.equal(new Date(range({}, 'hour').dateTo()).toISOString(), '2024-03-15T10:59:59.999Z');
  });

  test('hourly ranges keep hour precision and take events from date_from itself', () => {
    const r = range({ date_from: '-6h' }, 'hour');
    assert.equal(wall(r.dateFrom()), '2024-03-15 04:00:00');
    assert.equal(r.useStartOfInterval(), false);
    assert.equal(r.buckets().length, 7);
  });

  test('weekly ranges show whole weeks but take events from date_from', () => {
    const r = range({ date_from: '-8w' }, 'week');
    assert.equal(wall(r.buckets()[0]!), '2024-01-14 00:00:00'); // the Sunday before 19 Jan
    assert.equal(wall(r.eventsFrom()), '2024-01-19 00:00:00');
    assert.equal(r.buckets().length, 9);
  });

  test('unreadable dates name the field', () => {
    assert.throws(
      () => range({ date_from: 'last tuesday' }).dateFrom(),
      (e: unknown) =>
        e instanceof LocalQueryError && e.attr === 'dateRange.date_from' && e.code === 'invalid_input',
    );
    assert.throws(() => range({ date_from: '2024-02-30' }).dateFrom(), LocalQueryError);
  });
});

describe('the previous period', () => {
  const previous = (input: DateRangeInput, interval: Interval = 'day') => {
    const z = new Zone('UTC');
    const p = new PreviousPeriodDateRange(input, interval, { zone: z, now: NOW });
    return [new Date(p.dateFrom()).toISOString(), new Date(p.dateTo()).toISOString()];
  };

  test('-7d compares with the 8 days a week earlier (PostHog adds a day to line weeks up)', () => {
    assert.deepEqual(previous({ date_from: '-7d' }), [
      '2024-03-01T00:00:00.000Z',
      '2024-03-08T23:59:59.999Z',
    ]);
  });

  test('-30d compares with the 31 days before it', () => {
    assert.deepEqual(previous({ date_from: '-30d' }), [
      '2024-01-14T00:00:00.000Z',
      '2024-02-13T23:59:59.999Z',
    ]);
  });

  test('this month so far compares with the whole previous month', () => {
    assert.deepEqual(previous({ date_from: 'mStart' }), [
      '2024-02-01T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
    ]);
  });

  test('hourly ranges keep the time of day of both ends (get_compare_period_dates)', () => {
    // The current range is 14 Mar 00:00 to 15 Mar 10:59; going back by its length lands on 12 Mar 13:00,
    // which PostHog then resets to date_from's time of day.
    assert.deepEqual(previous({ date_from: '-1d' }, 'hour'), [
      '2024-03-12T00:00:00.000Z',
      '2024-03-13T10:59:59.999Z',
    ]);
  });
});

describe('days and labels', () => {
  test('daily, hourly and monthly formats', () => {
    const day = range({ date_from: '-1d' });
    assert.deepEqual(
      day.buckets().map((b) => formatLabel(b, day)),
      ['14-Mar-2024', '15-Mar-2024'],
    );
    assert.deepEqual(
      day.buckets().map((b) => formatDay(b, day)),
      ['2024-03-14', '2024-03-15'],
    );
    const hour = range({ date_from: '-2h' }, 'hour');
    assert.equal(formatLabel(hour.buckets()[0]!, hour), '15-Mar 08:00');
    assert.equal(formatDay(hour.buckets()[0]!, hour), '2024-03-15 08:00:00');
    const month = range({ date_from: '-3m' }, 'month');
    assert.deepEqual(
      month.buckets().map((b) => formatLabel(b, month)),
      ['Dec 2023', 'Jan 2024', 'Feb 2024', 'Mar 2024'],
    );
  });

  test('week labels are clipped to the range and span months and years', () => {
    const weeks = range({ date_from: '2023-12-29' }, 'week');
    const labels = weeks.buckets().map((b) => formatLabel(b, weeks));
    assert.equal(labels[0], '29–30 Dec');
    assert.equal(labels[1], '31-Dec-2023 – 6-Jan-2024');
    assert.ok(labels.includes('25-Feb – 2-Mar'));
    assert.equal(labels.at(-1), '10–15 Mar');
  });
});

describe('time zones', () => {
  test('23:30 UTC is already the next day in Tokyo', () => {
    const tokyo = new Zone('Asia/Tokyo');
    assert.equal(
      isoDateTime(startOfInterval(tokyo.toWall(Date.parse('2024-03-14T23:30:00Z')), 'day')),
      '2024-03-15 00:00:00',
    );
  });

  test('day boundaries follow daylight saving time', () => {
    const ny = new Zone('America/New_York');
    // 10 March 2024: clocks go from 02:00 EST to 03:00 EDT, so that day has 23 hours.
    assert.equal(
      new Date(ny.toInstant(Date.parse('2024-03-10T00:00:00Z'))).toISOString(),
      '2024-03-10T05:00:00.000Z',
    );
    assert.equal(
      new Date(ny.toInstant(Date.parse('2024-03-11T00:00:00Z'))).toISOString(),
      '2024-03-11T04:00:00.000Z',
    );
    // A wall time that never happened takes the offset from before the change, like zoneinfo.
    assert.equal(
      new Date(ny.toInstant(Date.parse('2024-03-10T02:30:00Z'))).toISOString(),
      '2024-03-10T07:30:00.000Z',
    );
    // A repeated wall time (November) is the first of the two.
    assert.equal(
      new Date(ny.toInstant(Date.parse('2024-11-03T01:30:00Z'))).toISOString(),
      '2024-11-03T05:30:00.000Z',
    );
  });

  test('dates carry their offset', () => {
    assert.equal(isoWithOffset(Date.parse('2024-03-15T00:00:00Z'), new Zone('UTC')), '2024-03-15T00:00:00Z');
    assert.equal(
      isoWithOffset(Date.parse('2024-03-15T00:00:00Z'), new Zone('Asia/Tokyo')),
      '2024-03-15T00:00:00+09:00',
    );
    assert.equal(
      isoWithOffset(Date.parse('2024-03-11T00:00:00Z'), new Zone('America/New_York')),
      '2024-03-11T00:00:00-04:00',
    );
  });

  test('an unknown zone is refused', () => {
    assert.throws(
      () => new Zone('Mars/Olympus_Mons'),
      (e: unknown) => e instanceof LocalQueryError && e.attr === 'timezone',
    );
  });
});

describe('retention ranges', () => {
  const z = new Zone('UTC');
  test('the last cohort is the current interval and there are totalIntervals of them', () => {
    const r = retentionRange({}, 'week', 8, { zone: z, now: NOW });
    assert.equal(r.intervals, 8);
    assert.equal(isoDateTime(r.from), '2024-01-21 00:00:00');
    assert.equal(isoDateTime(r.to), '2024-03-17 00:00:00');
    assert.equal(isoDateTime(r.dates.at(-1)!), '2024-03-10 00:00:00');
  });

  test('a date_from sets the first cohort', () => {
    const r = retentionRange({ date_from: '-3d' }, 'day', 7, { zone: z, now: NOW });
    assert.deepEqual(r.dates.map(isoDateTime), [
      '2024-03-12 00:00:00',
      '2024-03-13 00:00:00',
      '2024-03-14 00:00:00',
      '2024-03-15 00:00:00',
    ]);
  });
});
