import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { database, ev, pageviews, person, run } from './helpers.js';

type RetentionRow = {
  label: string;
  date: string;
  values: Array<{ count: number; label: string }>;
  breakdown_value: unknown;
};

const retentionEvents = [
  ev('signed_up', '2024-03-12T10:00:00Z', 'a'),
  ev('$pageview', '2024-03-13T10:00:00Z', 'a'),
  ev('$pageview', '2024-03-15T10:00:00Z', 'a'),
  ev('signed_up', '2024-03-10T10:00:00Z', 'b'), // b's first sign-up is before the range
  ev('signed_up', '2024-03-13T10:00:00Z', 'b'),
  ev('$pageview', '2024-03-14T10:00:00Z', 'b'),
  ev('$pageview', '2024-03-13T08:00:00Z', 'c'), // same day as the cohort: not a return
  ev('signed_up', '2024-03-13T09:00:00Z', 'c'),
];

const retention = (retentionType: string) => ({
  kind: 'RetentionQuery',
  retentionFilter: {
    period: 'Day',
    totalIntervals: 4,
    retentionType,
    targetEntity: { id: 'signed_up', type: 'events' },
    returningEntity: { id: '$pageview', type: 'events' },
  },
});

const grid = (rows: RetentionRow[]) => rows.map((row) => row.values.map((v) => v.count));

describe('retention on hand-made data', () => {
  test('first-time retention: only the cohort of the first-ever target event', async () => {
    const db = await database(retentionEvents);
    const rows = (await run(db, retention('retention_first_time'))) as RetentionRow[];
    // A triangle, as PostHog sends it: later cohorts have no cells for periods not yet begun.
    assert.deepEqual(grid(rows), [[1, 1, 0, 1], [1, 0, 0], [0, 0], [0]]);
    assert.deepEqual(
      rows.map((row) => [row.label, row.date, row.breakdown_value]),
      [
        ['Day 0', '2024-03-12T00:00:00Z', null],
        ['Day 1', '2024-03-13T00:00:00Z', null],
        ['Day 2', '2024-03-14T00:00:00Z', null],
        ['Day 3', '2024-03-15T00:00:00Z', null],
      ],
    );
    assert.deepEqual(
      rows[0]!.values.map((v) => v.label),
      ['Day 0', 'Day 1', 'Day 2', 'Day 3'],
    );
  });

  test('recurring retention: every interval with a target event is a cohort', async () => {
    const db = await database(retentionEvents);
    const rows = (await run(db, retention('retention_recurring'))) as RetentionRow[];
    assert.deepEqual(grid(rows), [[1, 1, 0, 1], [2, 1, 0], [0, 0], [0]]);
  });

  test('cohort dates carry the endpoint zone', async () => {
    const db = await database(retentionEvents);
    const rows = (await run(db, retention('retention_first_time'), {
      timezone: 'Asia/Tokyo',
    })) as RetentionRow[];
    assert.equal(rows[0]!.date, '2024-03-12T00:00:00+09:00');
  });
});

describe('lifecycle on hand-made data', () => {
  test('new, returning, resurrecting and (negative) dormant per day', async () => {
    const db = await database(
      [
        ev('$pageview', '2024-03-12T10:00:00Z', 'a'),
        ev('$pageview', '2024-03-13T10:00:00Z', 'a'),
        ev('$pageview', '2024-03-15T10:00:00Z', 'a'),
        ev('$pageview', '2024-03-11T10:00:00Z', 'b'),
        ev('$pageview', '2024-03-12T10:00:00Z', 'b'),
        ev('$pageview', '2024-03-14T10:00:00Z', 'c'),
        ev('$pageview', '2024-03-14T11:00:00Z', 'd', { $process_person_profile: false }),
      ],
      [
        person('a', '2024-03-12T09:00:00Z'),
        person('b', '2024-01-01T00:00:00Z'),
        person('c', '2024-03-14T09:00:00Z'),
        person('d', '2024-03-14T09:00:00Z'),
      ],
    );
    const result = (await run(db, {
      kind: 'LifecycleQuery',
      series: [pageviews()],
      dateRange: { date_from: '-3d' },
      interval: 'day',
    })) as Array<{
      status: string;
      label: string;
      data: number[];
      count: number;
      days: string[];
    }>;
    assert.deepEqual(
      result.map((s) => [s.status, s.label, s.data, s.count]),
      [
        ['new', '$pageview - new', [1, 0, 1, 0], 2],
        ['returning', '$pageview - returning', [1, 1, 0, 0], 2],
        ['resurrecting', '$pageview - resurrecting', [0, 0, 0, 1], 1],
        ['dormant', '$pageview - dormant', [0, -1, -1, -1], -3],
      ],
    );
    assert.deepEqual(result[0]!.days, ['2024-03-12', '2024-03-13', '2024-03-14', '2024-03-15']);
  });
});

describe('stickiness on hand-made data', () => {
  test('people by the number of days they were active', async () => {
    const db = await database([
      ev('$pageview', '2024-03-12T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-12T11:00:00Z', 'a'),
      ev('$pageview', '2024-03-13T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-15T10:00:00Z', 'a'),
      ev('$pageview', '2024-03-12T10:00:00Z', 'b'),
      ev('$pageview', '2024-03-14T10:00:00Z', 'c'),
    ]);
    const [s] = (await run(db, {
      kind: 'StickinessQuery',
      series: [pageviews()],
      dateRange: { date_from: '-3d' },
    })) as Array<{
      data: number[];
      days: number[];
      labels: string[];
      count: number;
      label: string;
    }>;
    assert.deepEqual(s, {
      count: 3,
      data: [2, 0, 1, 0],
      days: [1, 2, 3, 4],
      label: '$pageview',
      labels: ['1 day', '2 days', '3 days', '4 days'],
      action: { order: 0, type: 'events', name: '$pageview', id: '$pageview', custom_name: null },
    });
  });
});
