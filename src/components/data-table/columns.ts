import { fill } from '../../internal/strings.js';
import type { RunResponse } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';

/** How a column's cells are formatted, aligned and sorted. */
export type ColumnKind = 'number' | 'datetime' | 'date' | 'bool' | 'json' | 'string';

export interface Column {
  name: string;
  kind: ColumnKind;
}

const WRAPPER = /^(Nullable|LowCardinality)\((.*)\)$/i;
const NUMBER_TYPE = /^(U?Int|Float|Decimal)\d*(\(|$)/i;
const JSON_TYPE = /^(Array|Tuple|Map|JSON|Object|Nested|Variant|Dynamic)(\(|$)/i;
/** A decimal as text: ClickHouse sends 64-bit integers and decimals this way when a double would round them. */
export const DECIMAL_TEXT = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A ClickHouse type as HogQL reports it ("Nullable(Int64)", "DateTime64(6, 'UTC')",
 * "Array(String)") to a column kind. Nullable and LowCardinality only wrap the real type.
 */
export function kindOfType(type: string): ColumnKind {
  let inner = type.trim();
  for (let match = WRAPPER.exec(inner); match; match = WRAPPER.exec(inner)) inner = match[2]!.trim();
  if (NUMBER_TYPE.test(inner)) return 'number';
  if (/^DateTime/i.test(inner)) return 'datetime';
  if (/^Date(32)?$/i.test(inner)) return 'date';
  if (/^Bool(ean)?$/i.test(inner)) return 'bool';
  if (JSON_TYPE.test(inner)) return 'json';
  return 'string';
}

/**
 * Without `types` (PostHog's saved-insight responses have none), a column's kind from its
 * values: all numbers (or number text among numbers), all booleans, any list or object, all ISO dates or date-times; anything
 * mixed is text. Nulls do not count.
 */
export function inferKind(values: readonly unknown[]): ColumnKind {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return 'string';
  // A 64-bit integer past 2^53 can arrive as text among numbers; text alone (a zip code) stays text.
  const numeric = (value: unknown) => typeof value === 'string' && DECIMAL_TEXT.test(value.trim());
  if (present.some((value) => typeof value === 'number')) {
    if (present.every((value) => typeof value === 'number' || numeric(value))) return 'number';
  }
  if (present.every((value) => typeof value === 'boolean')) return 'bool';
  if (present.some((value) => typeof value === 'object')) return 'json';
  const strings = present.filter((value): value is string => typeof value === 'string');
  if (strings.length < present.length) return 'string';
  if (strings.every((value) => DATE_ONLY.test(value.trim()))) return 'date';
  if (strings.every((value) => DATE_TIME.test(value.trim()))) return 'datetime';
  return 'string';
}

/** The rows as lists of cells, whatever arrived; a row that is not a list is dropped. */
export function rowsOf(results: unknown): unknown[][] {
  return Array.isArray(results) ? results.filter((row): row is unknown[] => Array.isArray(row)) : [];
}

/**
 * Names and kinds for every column: names from `columns`, else from `[name, type]` pairs, else
 * "Column N"; kinds from `types` (plain strings or pairs), else inferred from the values.
 */
export function describeColumns(
  result: Pick<RunResponse, 'columns' | 'types'>,
  rows: readonly unknown[][],
  text: PhStrings,
): Column[] {
  const types = Array.isArray(result.types) ? result.types : [];
  const names = Array.isArray(result.columns) ? result.columns : [];
  const width = rows.reduce(
    (widest, row) => Math.max(widest, row.length),
    Math.max(names.length, types.length),
  );
  return Array.from({ length: width }, (_, i) => {
    const typed = types[i];
    const [typeName, type] = Array.isArray(typed) ? typed : [undefined, typed];
    const name = names[i] ?? typeName;
    return {
      name: typeof name === 'string' && name !== '' ? name : fill(text.column, { n: String(i + 1) }),
      kind: typeof type === 'string' ? kindOfType(type) : inferKind(rows.map((row) => row[i])),
    };
  });
}
