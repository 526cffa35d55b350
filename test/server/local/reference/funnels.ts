/**
 * Reference FunnelsQuery: PostHog's funnel UDF (posthog/user_scripts/aggregate_funnel.py
 * `calculate_funnel_from_user_events`) transcribed as a loop over each person's events.
 */
import {
  DEFAULT_BREAKDOWN_LIMIT,
  readBreakdown,
  type BreakdownSpec,
} from '../../../../src/server/local/insights/breakdown.js';
import { QueryDateRange, type DateContext } from '../../../../src/server/local/insights/dates.js';
import {
  intervalOf,
  readSeries,
  type EventsNode,
  type Json,
} from '../../../../src/server/local/insights/input.js';
import { byteCompare, matches, property, selectEvents, type RefDataset, type RefEvent } from './dataset.js';
import { groupBy, quantile } from './trends.js';

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_678_400,
};

interface Person {
  /** Furthest step, 1-based. */
  reached: number;
  /** Step times (microseconds) of the first funnel that got that far. */
  times: number[];
  breakdown: string;
}

export function referenceFunnels(data: RefDataset, query: Json, dates: DateContext): unknown {
  const filter = (query.funnelsFilter ?? {}) as Json;
  const steps = readSeries(query, 'series', 2);
  const strict = filter.funnelOrderType === 'strict';
  const windowUs =
    ((filter.funnelWindowInterval as number) ?? 14) *
    UNIT_SECONDS[(filter.funnelWindowIntervalUnit as string) ?? 'day']! *
    1e6;
  const breakdown = readBreakdown(query);
  const firstTouch = filter.breakdownAttributionType !== 'last_touch';
  const range = new QueryDateRange((query.dateRange ?? {}) as Json, intervalOf(query), dates);
  const events = selectEvents(data, {
    from: dates.zone.toInstant(range.dateFrom()),
    to: dates.zone.toInstant(range.dateTo()),
    filters: [query.properties],
  });
  const people: Person[] = [];
  for (const personEvents of groupBy(events, (e) => e.person).values()) {
    const marked = personEvents
      .map((e) => ({ e, steps: stepsOf(data, e, steps) }))
      .filter(({ steps: s }) => strict || s.length > 0)
      .sort((a, b) => a.e.t - b.e.t || lowest(a.steps) - lowest(b.steps) || mask(a.steps) - mask(b.steps));
    const walked = walk(marked, steps.length, windowUs, strict);
    if (walked.reached === 0) continue;
    people.push({
      ...walked,
      breakdown: breakdown
        ? touch(
            data,
            marked.map(({ e }) => e),
            breakdown,
            firstTouch,
          )
        : '',
    });
  }
  if (filter.funnelVizType === 'time_to_convert') return timeToConvert(people, filter, steps.length);
  if (!breakdown) return people.length === 0 ? [] : format(steps, people, null);
  const limit = breakdown.limit ?? DEFAULT_BREAKDOWN_LIMIT;
  const ranked = [...groupBy(people, (p) => p.breakdown).entries()].sort(
    ([a, pa], [b, pb]) => byCounts(pa, pb, steps.length) || byteCompare(a, b),
  );
  const kept = new Set(ranked.slice(0, limit).map(([value]) => value));
  const merged = [...groupBy(people, (p) => (kept.has(p.breakdown) ? p.breakdown : 'Other')).entries()];
  merged.sort(([a, pa], [b, pb]) => byCounts(pa, pb, steps.length) || byteCompare(a, b));
  return merged.map(([value, group]) => format(steps, group, value));
}

function stepsOf(data: RefDataset, e: RefEvent, steps: EventsNode[]): number[] {
  return steps.flatMap((step, i) =>
    (step.event === null || step.event === e.event) && matches(data, e, step.properties) ? [i + 1] : [],
  );
}

const lowest = (steps: number[]) => (steps.length === 0 ? 0 : 2 ** (Math.min(...steps) - 1));
const mask = (steps: number[]) => steps.reduce((m, s) => m | (2 ** (s - 1)), 0);

interface Entered {
  start: number | null;
  times: number[];
}

/** `process_event` over the person's events; returns the furthest step and its funnel's times. */
function walk(
  events: Array<{ e: RefEvent; steps: number[] }>,
  n: number,
  windowUs: number,
  strict: boolean,
): Omit<Person, 'breakdown'> {
  const empty: Entered = { start: null, times: [] };
  const entered: Entered[] = Array.from({ length: n + 1 }, () => empty);
  let best = { reached: 0, times: [] as number[] };
  for (const { e, steps } of events) {
    const t = e.t * 1000;
    entered[0] = { start: t, times: [] };
    for (const step of [...steps].reverse()) {
      const previous = entered[step - 1]!;
      const inWindow = previous.start !== null && t - previous.start <= windowUs;
      if (inWindow && entered[step]!.start !== previous.start) {
        entered[step] = { start: previous.start, times: [...previous.times, t] };
        if (step > best.reached) best = { reached: step, times: entered[step]!.times };
      }
    }
    if (strict) for (let i = 0; i <= n; i += 1) if (!steps.includes(i)) entered[i] = empty;
  }
  return best;
}

function touch(data: RefDataset, events: RefEvent[], spec: BreakdownSpec, first: boolean): string {
  const valued = events
    .map((e) => ({ t: e.t, value: property(data, e, spec.property, spec.type) ?? '' }))
    .filter(({ value }) => value !== '');
  if (valued.length === 0) return '';
  valued.sort((a, b) => a.t - b.t);
  return (first ? valued[0] : valued.at(-1))!.value;
}

const countAt = (people: Person[], k: number) => people.filter((p) => p.reached >= k).length;

function byCounts(a: Person[], b: Person[], n: number): number {
  for (let k = n; k >= 1; k -= 1) {
    const diff = countAt(b, k) - countAt(a, k);
    if (diff !== 0) return diff;
  }
  return 0;
}

function format(steps: EventsNode[], people: Person[], breakdown: string | null) {
  return steps.map((step, i) => {
    const diffs =
      i === 0
        ? []
        : people
            .filter((p) => p.reached > i)
            .map((p) => p.times[i]! - p.times[i - 1]!)
            .filter((d) => d > 0);
    const total = diffs.reduce((a, b) => a + BigInt(b), 0n);
    return {
      action_id: step.event,
      name: step.event,
      custom_name: step.customName,
      order: i,
      people: [],
      count: countAt(people, i + 1),
      type: 'events',
      average_conversion_time: diffs.length > 0 ? Number(total) / diffs.length / 1e6 : null,
      median_conversion_time: diffs.length > 0 ? quantile(diffs, 0.5) / 1e6 : null,
      ...(breakdown === null ? {} : { breakdown: [breakdown], breakdown_value: [breakdown] }),
    };
  });
}

function timeToConvert(people: Person[], filter: Json, n: number) {
  const from = (filter.funnelFromStep as number) ?? 0;
  const to = (filter.funnelToStep as number) ?? n - 1;
  const timings = people.filter((p) => p.reached >= to + 1).map((p) => p.times[to]! - p.times[from]!);
  const count = timings.length;
  const low = count ? Math.floor(Math.min(...timings) / 1e6) : 0;
  const high = count ? Math.ceil(Math.max(...timings) / 1e6) : 0;
  const binCount = filter.binCount as number | undefined;
  const bins =
    binCount === undefined
      ? Math.min(60, Math.max(1, Math.ceil(Math.cbrt(count))))
      : Math.min(90, Math.max(1, Math.floor(binCount)));
  const raw = Math.ceil((high - low) / bins);
  const width = raw > 0 ? raw : 60;
  const counts = new Map<number, number>();
  for (const us of timings) {
    const index = Math.floor((us / 1e6 - low) / width);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const total = timings.reduce((a, b) => a + BigInt(b), 0n);
  return {
    average_conversion_time: count > 0 ? Number(total) / count / 1e6 : null,
    bins: Array.from({ length: bins + 1 }, (_, i) => [low + i * width, counts.get(i) ?? 0]),
  };
}
