import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { database, ev, run } from './helpers.js';

const funnel = (events: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'FunnelsQuery',
  series: events.map((event) => ({ kind: 'EventsNode', event })),
  dateRange: { date_from: '-14d' },
  ...extra,
});

type Step = {
  name: string;
  count: number;
  average_conversion_time: number | null;
  median_conversion_time: number | null;
  breakdown_value?: unknown;
};

describe('funnels on hand-made data', () => {
  test('only conversions inside the window count, from the latest start before them', async () => {
    const db = await database([
      ev('signed_up', '2024-03-02T10:00:00Z', 'a'),
      ev('purchase', '2024-03-03T10:00:00Z', 'a'), // exactly one day: inside
      ev('signed_up', '2024-03-02T10:00:00Z', 'b'),
      ev('purchase', '2024-03-03T10:00:01Z', 'b'), // one second too late
      ev('purchase', '2024-03-02T09:00:00Z', 'c'),
      ev('signed_up', '2024-03-02T10:00:00Z', 'c'), // wrong order
      ev('signed_up', '2024-03-04T10:00:00Z', 'd'),
      ev('signed_up', '2024-03-10T10:00:00Z', 'd'),
      ev('purchase', '2024-03-10T12:00:00Z', 'd'), // two hours after the second sign-up
    ]);
    const steps = (await run(
      db,
      funnel(['signed_up', 'purchase'], {
        funnelsFilter: { funnelWindowInterval: 1, funnelWindowIntervalUnit: 'day' },
      }),
    )) as Step[];
    assert.deepEqual(
      steps.map((s) => [s.name, s.count, s.average_conversion_time, s.median_conversion_time]),
      [
        ['signed_up', 4, null, null],
        ['purchase', 2, 46_800, 46_800],
      ],
    );
  });

  test('the default window is 14 days', async () => {
    const db = await database([
      ev('signed_up', '2024-03-01T10:00:00Z', 'a'),
      ev('purchase', '2024-03-15T10:00:00Z', 'a'),
      ev('signed_up', '2024-03-01T10:00:00Z', 'b'),
      ev('purchase', '2024-03-15T10:00:01Z', 'b'),
    ]);
    const steps = (await run(db, funnel(['signed_up', 'purchase']))) as Step[];
    assert.deepEqual(
      steps.map((s) => s.count),
      [2, 1],
    );
  });

  test('a strict funnel breaks when another event comes between steps', async () => {
    const db = await database([
      ev('$pageview', '2024-03-05T10:00:00Z', 'e'),
      ev('clicked', '2024-03-05T10:05:00Z', 'e'),
      ev('signed_up', '2024-03-05T10:10:00Z', 'e'),
      ev('$pageview', '2024-03-05T11:00:00Z', 'f'),
      ev('signed_up', '2024-03-05T11:01:00Z', 'f'),
    ]);
    const ordered = (await run(db, funnel(['$pageview', 'signed_up']))) as Step[];
    const strict = (await run(
      db,
      funnel(['$pageview', 'signed_up'], { funnelsFilter: { funnelOrderType: 'strict' } }),
    )) as Step[];
    assert.deepEqual(
      ordered.map((s) => s.count),
      [2, 2],
    );
    assert.deepEqual(
      strict.map((s) => s.count),
      [2, 1],
    );
    assert.equal(strict[1]!.average_conversion_time, 60);
  });

  test('breakdowns give one step list per value, each value a list, sorted by conversions', async () => {
    const db = await database([
      ev('signed_up', '2024-03-05T10:00:00Z', 'g', { variant: 'test' }),
      ev('purchase', '2024-03-05T11:00:00Z', 'g'),
      ev('signed_up', '2024-03-05T10:00:00Z', 'h', { variant: 'control' }),
      ev('signed_up', '2024-03-05T10:00:00Z', 'i'),
      ev('purchase', '2024-03-05T12:00:00Z', 'i', { variant: 'test' }), // first touch is the purchase's
    ]);
    const result = (await run(
      db,
      funnel(['signed_up', 'purchase'], { breakdownFilter: { breakdown: 'variant' } }),
    )) as Step[][];
    assert.deepEqual(
      result.map((steps) => [steps[0]!.breakdown_value, steps.map((s) => s.count)]),
      [
        [['test'], [2, 2]],
        [['control'], [1, 0]],
      ],
    );
  });

  test('time to convert: a histogram of whole-funnel times', async () => {
    const times = [100, 200, 400, 1000];
    const db = await database(
      times.flatMap((seconds, i) => [
        ev('signed_up', '2024-03-05T10:00:00Z', `p${i}`),
        ev('purchase', new Date(Date.parse('2024-03-05T10:00:00Z') + seconds * 1000).toISOString(), `p${i}`),
      ]),
    );
    const result = await run(
      db,
      funnel(['signed_up', 'purchase'], { funnelsFilter: { funnelVizType: 'time_to_convert' } }),
    );
    assert.deepEqual(result, {
      average_conversion_time: 425,
      bins: [
        [100, 3],
        [550, 0],
        [1000, 1],
      ],
    });
  });

  test('nobody in the funnel gives an empty list', async () => {
    const db = await database([ev('purchase', '2024-03-05T10:00:00Z', 'x')]);
    assert.deepEqual(await run(db, funnel(['signed_up', 'purchase'])), []);
  });
});
