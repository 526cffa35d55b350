import {
  formatAxisLabels,
  formatDayRange,
  guessInterval,
  isFiniteNumber,
  isRecord,
  parseDay,
} from '../../format/index.js';
import { fill } from '../../internal/strings.js';
import type { Interval } from '../../format/index.js';
import type { BreakdownValue, RetentionRow } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';

/**
 * How the Mean row averages a period. `simple` (PostHog's default `meanRetentionCalculation`)
 * averages the cohorts' percentages, each cohort counting once; `weighted` weights each cohort
 * by its size, which equals everyone who came back divided by everyone who could have.
 */
export type MeanCalculation = 'simple' | 'weighted';

export interface RetentionCell {
  count: number | null;
  /** `count / size`; null for an empty cohort or a missing count, so nothing divides by zero. */
  ratio: number | null;
  /** The period has not ended yet: its count can still grow, so the mean leaves it out. */
  partial: boolean;
}

export interface Cohort {
  /** The row's position in `result.results`. */
  index: number;
  /** The cohort's start, formatted for its period, or PostHog's own label. */
  label: string;
  /** The start as sent (ISO), for CSV. */
  raw: string;
  /** Period 0's count. */
  size: number | null;
  /** Only the periods the row has: later cohorts are shorter (the triangle). */
  cells: RetentionCell[];
}

export interface RetentionGroup {
  /** The breakdown value shown in the picker, or '' without a breakdown. */
  label: string;
  value: BreakdownValue | undefined;
  cohorts: Cohort[];
  /** One header per period column: the values' own labels, else "Day N" for the period. */
  periods: string[];
  /** The Mean row: a ratio per period, null where no complete, non-empty cohort reaches it. */
  mean: Array<number | null>;
  /** The cohorts' date range, for the caption. */
  range: string;
}

export interface RetentionView {
  interval: Interval;
  groups: RetentionGroup[];
  locale: string | undefined;
}

export interface RetentionOptions {
  locale?: string | undefined;
  timeZone?: string | undefined;
  sourceTimeZone?: string | undefined;
  mean: MeanCalculation;
  text: PhStrings;
  /** The current time, to tell finished periods from the running one. */
  now?: number;
}

const PERIOD_LABEL = /^(hour|day|week|month)\s+\d+$/i;
const PERIOD_TEMPLATE = {
  hour: 'periodHour',
  day: 'periodDay',
  week: 'periodWeek',
  month: 'periodMonth',
} as const;

/** The rows as the contract promises them, whatever arrived: bad rows dropped, bad counts null. */
function normalize(results: unknown): RetentionRow[] {
  if (!Array.isArray(results)) return [];
  return results.filter(isRecord).map((row) => ({
    date: typeof row.date === 'string' ? row.date : undefined,
    label: typeof row.label === 'string' ? row.label : undefined,
    values: (Array.isArray(row.values) ? row.values : []).map((value: unknown) => ({
      count: isRecord(value) && isFiniteNumber(value.count) ? value.count : null,
      label: isRecord(value) && typeof value.label === 'string' ? value.label : undefined,
    })),
    breakdown_value: row.breakdown_value as BreakdownValue | undefined,
  }));
}

/** PostHog names cohorts and periods "Day 3", "Week 2": trust that, else the dates' spacing. */
function intervalOf(rows: RetentionRow[]): Interval {
  for (const row of rows) {
    for (const name of [row.label, ...row.values.map((value) => value.label)]) {
      const match = PERIOD_LABEL.exec(name?.trim() ?? '');
      if (match) return match[1]!.toLowerCase() as Interval;
    }
  }
  return guessInterval(rows.flatMap((row) => (row.date ? [row.date] : [])));
}

/** When period `offset` of a cohort starting at `date` ends; undefined for an unreadable date. */
function periodEnd(date: string, interval: Interval, offset: number, zone?: string): number | undefined {
  const parsed = parseDay(date, zone);
  if (!parsed) return undefined;
  const start = new Date(parsed.kind === 'date' ? parsed.utc : parsed.time);
  const steps = offset + 1;
  if (interval === 'month') return start.setUTCMonth(start.getUTCMonth() + steps);
  const hours = { hour: 1, day: 24, week: 168 }[interval];
  return start.getTime() + steps * hours * 3_600_000;
}

function breakdownLabel(value: BreakdownValue | undefined, text: PhStrings): string {
  const parts = (Array.isArray(value) ? value : [value]).filter((part) => part !== null && part !== '');
  return parts.length === 0 ? text.breakdownNone : parts.join(', ');
}

function meanOf(cohorts: Cohort[], period: number, how: MeanCalculation): number | null {
  const usable = cohorts.filter((cohort) => {
    const cell = cohort.cells[period];
    return cell !== undefined && cell.ratio !== null && !cell.partial;
  });
  if (usable.length === 0) return null;
  if (how === 'weighted') {
    const came = usable.reduce((sum, cohort) => sum + (cohort.cells[period]!.count ?? 0), 0);
    const could = usable.reduce((sum, cohort) => sum + (cohort.size ?? 0), 0);
    return came / could;
  }
  return usable.reduce((sum, cohort) => sum + cohort.cells[period]!.ratio!, 0) / usable.length;
}

function buildGroup(
  rows: Array<{ row: RetentionRow; index: number }>,
  interval: Interval,
  options: RetentionOptions,
): RetentionGroup {
  const { text, now = Date.now() } = options;
  const format = {
    locale: options.locale,
    timeZone: options.timeZone,
    sourceTimeZone: options.sourceTimeZone,
  };
  const dates = rows.map(({ row }) => row.date ?? '');
  const labels = formatAxisLabels(dates, interval, format);
  const cohorts = rows.map(({ row, index }, i): Cohort => {
    const size = row.values[0]?.count ?? null;
    return {
      index,
      label: row.date ? labels[i]! : (row.label ?? String(i + 1)),
      raw: row.date ?? row.label ?? '',
      size,
      cells: row.values.map(({ count }, period) => {
        const end = row.date ? periodEnd(row.date, interval, period, options.sourceTimeZone) : undefined;
        return {
          count,
          ratio: size !== null && size > 0 && count !== null ? count / size : null,
          partial: end !== undefined && end > now,
        };
      }),
    };
  });
  const width = Math.max(0, ...rows.map(({ row }) => row.values.length));
  const periods = Array.from(
    { length: width },
    (_, period) =>
      rows.map(({ row }) => row.values[period]?.label).find((label) => label) ??
      fill(text[PERIOD_TEMPLATE[interval]], { n: String(period) }),
  );
  const dated = dates.filter((date) => date !== '');
  const value = rows[0]?.row.breakdown_value;
  return {
    label: breakdownLabel(value, text),
    value,
    cohorts,
    periods,
    mean: periods.map((_, period) => meanOf(cohorts, period, options.mean)),
    range: dated.length > 0 ? formatDayRange(dated[0]!, dated.at(-1)!, interval, format) : '',
  };
}

/**
 * Everything the table draws, derived once per result. With a breakdown, PostHog repeats the
 * cohorts once per breakdown value; rows are grouped by value in the order they first appear.
 */
export function buildRetentionView(results: unknown, options: RetentionOptions): RetentionView {
  const rows = normalize(results);
  const interval = intervalOf(rows);
  const groups = new Map<string, Array<{ row: RetentionRow; index: number }>>();
  rows.forEach((row, index) => {
    const key = JSON.stringify(row.breakdown_value ?? null);
    groups.set(key, [...(groups.get(key) ?? []), { row, index }]);
  });
  return {
    interval,
    groups: [...groups.values()].map((group) => buildGroup(group, interval, options)),
    locale: options.locale,
  };
}

/** Percentages in CSV: 0 to 100, to four decimals, so a spreadsheet needs no rescaling. */
function percent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1_000_000) / 10_000;
}

/** CSV of one group: cohort, size, then each period's count and percentage, then the Mean row. */
export function retentionCsvRows(
  group: RetentionGroup,
  text: PhStrings,
  withBreakdown: boolean,
): { header: string[]; rows: Array<Array<string | number | null>> } {
  const lead = (first: string) => (withBreakdown ? [group.label, first] : [first]);
  const header = [
    ...(withBreakdown ? [text.breakdown] : []),
    text.cohort,
    text.size,
    ...group.periods.flatMap((period) => [period, `${period} %`]),
  ];
  const rows = group.cohorts.map((cohort) => [
    ...lead(cohort.raw),
    cohort.size,
    ...group.periods.flatMap((_, period) => {
      const cell = cohort.cells[period];
      return cell ? [cell.count, percent(cell.ratio)] : [null, null];
    }),
  ]);
  const mean = [...lead(text.mean), null, ...group.mean.flatMap((ratio) => [null, percent(ratio)])];
  return { header, rows: [...rows, mean] };
}
