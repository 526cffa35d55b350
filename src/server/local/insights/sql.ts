/**
 * Small helpers for the SQL the insight builders write. Two rules hold everywhere:
 * every value from a query or request is bound as a parameter (`SqlParams`), and the only text pasted
 * into SQL from a query is a property key, through `jsonPath`, whose escaping is tested with hostile keys.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { LocalQueryError } from '../errors.js';

/** Collects bound values and hands out their `$pN` placeholders. */
export class SqlParams {
  readonly values: Record<string, DuckDBValue> = {};
  private next = 1;

  bind(value: DuckDBValue): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }

  /** A whole number as a BIGINT parameter (a JS bigint alone would bind as the slower HUGEINT). */
  bigint(value: bigint): string {
    return `${this.bind(value)}::BIGINT`;
  }

  /** An instant as a TIMESTAMPTZ parameter. */
  instant(ms: number): string {
    return `${this.bind(new Date(ms).toISOString())}::TIMESTAMPTZ`;
  }

  /** A wall time as a TIMESTAMP (no zone) parameter, comparable with `localTime` buckets. */
  wall(ms: number): string {
    return `${this.bind(new Date(ms).toISOString().slice(0, 23).replace('T', ' '))}::TIMESTAMP`;
  }
}

/**
 * A SQL string literal holding the JSONPath `$."key"`. Property keys start with `$` (which JSONPath
 * reads as the root), may contain dots, quotes and backslashes, and come from query JSON: the key is
 * quoted for JSONPath (`"` and `\` escaped) and then for SQL (`'` doubled). DuckDB reads a quoted `*`
 * as a wildcard and a NUL would end the text, so those two keys are refused.
 */
export function jsonPath(key: string): string {
  if (key === '*' || key.includes('\0')) {
    throw new LocalQueryError(
      'properties',
      `property name ${JSON.stringify(key)} is not supported by the local engine`,
    );
  }
  const quoted = key.replace(/[\\"]/g, (c) => `\\${c}`);
  return `'$."${quoted.replace(/'/g, "''")}"'`;
}

/** An event property as text (numbers and booleans as their JSON text), NULL when missing or null. */
export function eventProperty(key: string, table = 'e'): string {
  return `json_extract_string(${table}.properties, ${jsonPath(key)})`;
}

/** A person property; the query must join `persons AS p`. */
export function personProperty(key: string): string {
  return `json_extract_string(p.properties, ${jsonPath(key)})`;
}
