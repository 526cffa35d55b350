/**
 * A DuckDB result in PostHog's HogQL shape: ClickHouse type names in `types`, and cell values as
 * PostHog's JSON has them (date-times as ISO strings in UTC, dates as `YYYY-MM-DD`, counts as numbers).
 */
import { DuckDBTypeId, type DuckDBListType, type DuckDBType } from '@duckdb/node-api';
import type { ColumnHint } from './translate.js';

const SIMPLE: Partial<Record<DuckDBTypeId, string>> = {
  [DuckDBTypeId.BOOLEAN]: 'Bool',
  [DuckDBTypeId.TINYINT]: 'Int8',
  [DuckDBTypeId.SMALLINT]: 'Int16',
  [DuckDBTypeId.INTEGER]: 'Int32',
  [DuckDBTypeId.BIGINT]: 'Int64',
  // DuckDB widens integer sums to HUGEINT; ClickHouse's sum of Int64 stays Int64.
  [DuckDBTypeId.HUGEINT]: 'Int64',
  [DuckDBTypeId.UTINYINT]: 'UInt8',
  [DuckDBTypeId.USMALLINT]: 'UInt16',
  [DuckDBTypeId.UINTEGER]: 'UInt32',
  [DuckDBTypeId.UBIGINT]: 'UInt64',
  [DuckDBTypeId.FLOAT]: 'Float32',
  [DuckDBTypeId.DOUBLE]: 'Float64',
  [DuckDBTypeId.DECIMAL]: 'Float64',
  [DuckDBTypeId.VARCHAR]: 'String',
  [DuckDBTypeId.UUID]: 'UUID',
  [DuckDBTypeId.DATE]: 'Date',
  [DuckDBTypeId.TIMESTAMP]: 'DateTime64(6)',
  [DuckDBTypeId.TIMESTAMP_TZ]: "DateTime64(6, 'UTC')",
};

export function clickHouseType(type: DuckDBType, hint?: ColumnHint): string {
  if (hint === 'count' && isInteger(type)) return 'UInt64';
  const name =
    type.typeId === DuckDBTypeId.LIST
      ? `Array(${clickHouseType((type as DuckDBListType).valueType)})`
      : (SIMPLE[type.typeId] ?? type.toString());
  return hint === 'nullable' ? `Nullable(${name})` : name;
}

function isInteger(type: DuckDBType): boolean {
  return [DuckDBTypeId.BIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.INTEGER].includes(
    type.typeId,
  );
}

/** One cell as PostHog's JSON has it. */
export function plainValue(value: unknown, type: DuckDBType): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) {
    if (type.typeId === DuckDBTypeId.DATE) return value.toISOString().slice(0, 10);
    return isoDateTime(value);
  }
  if (Array.isArray(value)) {
    const inner = type.typeId === DuckDBTypeId.LIST ? (type as DuckDBListType).valueType : type;
    return value.map((item) => plainValue(item, inner));
  }
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValue(item, type)]));
  }
  return value;
}

/** `2024-01-31T10:00:00Z`, with milliseconds only when there are some (as Django REST framework writes it). */
function isoDateTime(value: Date): string {
  const iso = value.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
