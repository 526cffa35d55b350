/**
 * Runs a HogQL endpoint query on the local database and answers as PostHog's HogQL runner does:
 * `results` as rows of cells, `columns`, `types` as `[name, ClickHouse type]` pairs, and `hasMore`
 * (plus `limit`/`offset` when the request paginates). One row beyond the page is fetched to know
 * whether there is more. The query's own LIMIT is a ceiling that pagination never reads past.
 */
import {
  DuckDBTimestampTZValue,
  TIMESTAMPTZ,
  UBIGINT,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { LocalDatabase } from '../db.js';
import { LocalQueryError } from '../errors.js';
import { clickHouseType, plainValue } from './columns.js';
import type { PropertyTypes } from './property-types.js';
import { translateHogQL } from './translate.js';
import { bindVariables, type VariableDefinition } from './variables.js';

/** PostHog's row caps for API queries: without a LIMIT, 100 rows; never more than 50,000. */
export const DEFAULT_RETURNED_ROWS = 100;
export const MAX_SELECT_RETURNED_ROWS = 50_000;

export interface HogQLRunOptions {
  definitions?: readonly VariableDefinition[];
  variables?: Record<string, unknown>;
  now: Date;
  limit?: number;
  offset?: number;
  propertyTypes?: PropertyTypes;
  signal?: AbortSignal;
}

export interface HogQLResult {
  results: unknown[][];
  columns: string[];
  types: Array<[string, string]>;
  hasMore: boolean;
  limit?: number;
  offset?: number;
}

export async function runHogQLQuery(
  db: LocalDatabase,
  query: string,
  options: HogQLRunOptions,
): Promise<HogQLResult> {
  const { limit, offset } = options;
  if (offset !== undefined && limit === undefined)
    throw new LocalQueryError('offset', 'offset requires limit', 'invalid_input');
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new LocalQueryError('limit', 'limit must be a whole number of at least 1', 'invalid_input');
  }
  if (offset !== undefined && (!Number.isSafeInteger(offset) || offset < 0)) {
    throw new LocalQueryError('offset', 'offset must be a whole number of at least 0', 'invalid_input');
  }
  const { translated, params, types } = prepare(query, options);

  // The query's own LIMIT is a ceiling; without one (and without a requested page) PostHog shows 100 rows.
  const skip = offset ?? 0;
  const available = translated.limit === undefined ? Infinity : Math.max(0, translated.limit - skip);
  const pageSize = Math.min(
    limit ?? translated.limit ?? DEFAULT_RETURNED_ROWS,
    available,
    MAX_SELECT_RETURNED_ROWS,
  );
  // One row beyond the page says whether there is more, unless the ceiling says there cannot be.
  const fetch = pageSize < available ? pageSize + 1 : pageSize;
  params.ph_limit = BigInt(fetch);
  types.ph_limit = UBIGINT;
  params.ph_offset = BigInt(translated.offset + skip);
  types.ph_offset = UBIGINT;

  const sql = `${translated.sql}\nLIMIT $ph_limit OFFSET $ph_offset`;
  let answer;
  try {
    answer = await db.selectOnly(sql, params, types, options.signal);
  } catch (error) {
    if (error instanceof LocalQueryError || options.signal?.aborted) throw error;
    throw new LocalQueryError('query', duckDbMessage(error), 'invalid_input');
  }
  const hasMore = answer.rows.length > pageSize;
  const rows = answer.rows.slice(0, pageSize);
  const result: HogQLResult = {
    results: rows.map((row) => row.map((cell, i) => plainValue(cell, answer.types[i]!))),
    columns: answer.columns,
    types: answer.columns.map((name, i) => [
      name,
      clickHouseType(answer.types[i]!, translated.columnHints.get(name)),
    ]),
    hasMore,
  };
  if (limit !== undefined) {
    result.limit = limit;
    result.offset = skip;
  }
  return result;
}

/** DuckDB's first line says what is wrong (`Binder Error: ...`) without the query text. */
function duckDbMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim().slice(0, 500);
}

/** The column names a query answers with, its variables at their defaults (for `GET .../endpoints/{name}/`). */
export async function describeHogQLQuery(
  db: LocalDatabase,
  query: string,
  options: Pick<HogQLRunOptions, 'definitions' | 'propertyTypes' | 'now'>,
): Promise<string[]> {
  const definitions = (options.definitions ?? []).map((definition) => ({ ...definition, required: false }));
  const { translated, params, types } = prepare(query, { ...options, definitions, variables: {} });
  // DuckDB only settles the result's columns once the parameters' types are known: bind, fetch nothing.
  return (await db.selectOnly(`${translated.sql}\nLIMIT 0`, params, types)).columns;
}

/** Translates the query and binds what it uses: its variables, and the clock when it reads now(). */
function prepare(query: string, options: HogQLRunOptions) {
  const bound = bindVariables(options.definitions ?? [], options.variables ?? {});
  const translated = translateHogQL(query, {
    eventPropertyTypes: options.propertyTypes?.events,
    personPropertyTypes: options.propertyTypes?.persons,
    variables: bound,
  });
  const params: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const name of translated.variables) {
    const variable = bound.get(name)!;
    params[variable.param] = variable.value;
    types[variable.param] = variable.type;
  }
  if (translated.usesNow) {
    params.ph_now = new DuckDBTimestampTZValue(BigInt(options.now.getTime()) * 1000n);
    types.ph_now = TIMESTAMPTZ;
  }
  return { translated, params, types };
}
