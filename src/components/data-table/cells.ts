import { dateTimeFormat, numberFormat } from '../../format/formatter-cache.js';
import { MISSING, parseDay } from '../../format/index.js';
import type { CsvCell } from '../../format/index.js';
import { DECIMAL_TEXT } from './columns.js';
import type { ColumnKind } from './columns.js';

export interface CellFormat {
  locale?: string | undefined;
  /** Where date-times are shown. */
  timeZone: string;
  /** The zone naive date-times are written in: the response's `timezone`. */
  sourceTimeZone: string;
}

/** Compact JSON for lists, tuples, maps and objects; never markup, since it is bound as text. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function formatNumeric(value: unknown, locale: string | undefined): string {
  const format = numberFormat(locale, { maximumFractionDigits: 6 });
  if (typeof value === 'number') return Number.isFinite(value) ? format.format(value) : MISSING;
  // Intl formats a decimal string exactly (ES2023), so a UInt64 past 2^53 keeps its digits.
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) {
    return format.format(value.trim() as unknown as number);
  }
  return typeof value === 'object' ? json(value) : String(value);
}

function formatWhen(value: unknown, kind: 'date' | 'datetime', options: CellFormat): string {
  if (typeof value !== 'string') return typeof value === 'object' ? json(value) : String(value);
  // A Date column shows the calendar date as written, so no time zone can move it a day.
  const parsed = parseDay(kind === 'date' ? value.trim().slice(0, 10) : value, options.sourceTimeZone);
  if (!parsed) return value;
  const day: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  if (parsed.kind === 'date')
    return dateTimeFormat(options.locale, { timeZone: 'UTC', ...day }).format(parsed.utc);
  return dateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    ...day,
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(parsed.time);
}

/** A cell as shown: Intl numbers and dates, JSON text for structures, a dash for null. */
export function formatCell(value: unknown, kind: ColumnKind, options: CellFormat): string {
  if (value === null || value === undefined) return MISSING;
  switch (kind) {
    case 'number':
      return formatNumeric(value, options.locale);
    case 'date':
    case 'datetime':
      return formatWhen(value, kind, options);
    case 'json':
      return typeof value === 'string' ? value : json(value);
    default:
      return typeof value === 'object' ? json(value) : String(value);
  }
}

/** A cell for CSV: numbers, booleans and text raw; structures as JSON. */
export function csvCell(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return json(value);
}

/** What a cell sorts by; null sorts last whichever the direction (as do unreadable numbers and dates). */
function sortKey(value: unknown, kind: ColumnKind, sourceTimeZone: string): number | string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      return Number.isFinite(number) ? number : null;
    }
    case 'bool':
      return value === true ? 1 : value === false ? 0 : null;
    case 'date':
    case 'datetime': {
      const parsed = typeof value === 'string' ? parseDay(value, sourceTimeZone) : undefined;
      return parsed ? (parsed.kind === 'date' ? parsed.utc : parsed.time) : null;
    }
    default:
      return typeof value === 'string' ? value : json(value);
  }
}

/** A typo in the `locale` attribute falls back to the browser's collation instead of throwing. */
function textCollator(locale: string | undefined): Intl.Collator {
  try {
    return new Intl.Collator(locale?.trim() || undefined, { numeric: true });
  } catch {
    return new Intl.Collator(undefined, { numeric: true });
  }
}

/**
 * The rows sorted by one column, stably (equal cells keep the query's order). Numbers and dates
 * compare as numbers, text with the locale's collation ("item 2" before "item 10").
 */
export function sortRows<R extends readonly unknown[]>(
  rows: readonly R[],
  column: number,
  kind: ColumnKind,
  direction: 'ascending' | 'descending',
  options: CellFormat,
): R[] {
  const collator = textCollator(options.locale);
  const keyed = rows.map((row) => ({ row, key: sortKey(row[column], kind, options.sourceTimeZone) }));
  const present = keyed.filter((entry) => entry.key !== null);
  const sign = direction === 'ascending' ? 1 : -1;
  present.sort((a, b) =>
    typeof a.key === 'number' && typeof b.key === 'number'
      ? sign * (a.key - b.key)
      : sign * collator.compare(String(a.key), String(b.key)),
  );
  return [...present, ...keyed.filter((entry) => entry.key === null)].map((entry) => entry.row);
}
