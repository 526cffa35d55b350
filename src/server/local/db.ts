import {
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTimestampTZValue,
  StatementType,
  TIMESTAMPTZ,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { LocalQueryError } from './errors.js';

/**
 * `properties` already written as JSON, by a producer that guarantees it says what `properties` says.
 * The generator sets it: serializing 200,000 objects again would cost a third of the start-up.
 */
export const PROPERTIES_JSON: unique symbol = Symbol('ph-embed properties JSON');

/** One row of `events`, as PostHog exports it. `properties` is a plain object, stored as JSON. */
export interface EventRow {
  uuid: string;
  event: string;
  timestamp: Date;
  distinct_id: string;
  person_id: string;
  properties: Record<string, unknown>;
  [PROPERTIES_JSON]?: string;
}

/** One row of `persons`. */
export interface PersonRow {
  id: string;
  created_at: Date;
  properties: Record<string, unknown>;
}

/** What `selectOnly` returns: DuckDB's column names and types, and the rows as plain JS values. */
export interface SelectResult {
  columns: string[];
  types: DuckDBType[];
  rows: unknown[][];
}

/** Named (`$name`) or positional (`?`) parameters. Values are bound, never pasted into SQL text. */
export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];

const SCHEMA = [
  `CREATE TABLE events (
     uuid VARCHAR NOT NULL,
     event VARCHAR NOT NULL,
     timestamp TIMESTAMPTZ NOT NULL,
     distinct_id VARCHAR NOT NULL,
     person_id VARCHAR NOT NULL,
     properties JSON
   )`,
  `CREATE TABLE persons (id VARCHAR NOT NULL, created_at TIMESTAMPTZ, properties JSON)`,
];

/** DuckDB's standard vector size: a full data chunk. */
const CHUNK_ROWS = 2048;

type EventColumns = [string[], string[], DuckDBTimestampTZValue[], string[], string[], string[]];
const emptyEventColumns = (): EventColumns => [[], [], [], [], [], []];

const toMicros = (d: Date) => new DuckDBTimestampTZValue(BigInt(d.getTime()) * 1000n);

/**
 * The local engine's DuckDB: an in-memory database holding `events` and `persons`.
 *
 * Life cycle: `create()`, load rows (`insertEvents`, `insertPersons`, or SQL over a file while
 * external access is still on), then `lock()`. After `lock()` no query can read files, attach
 * databases or change settings, so even a hostile SQL endpoint can only read the two tables.
 */
export class LocalDatabase {
  private locked = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async create(): Promise<LocalDatabase> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    // Timestamps are stored in UTC; queries convert to the endpoint's time zone explicitly. GLOBAL, so
    // the connections `selectOnly` opens after `lock()` (when nothing can be SET any more) start in UTC too.
    await connection.run(`SET GLOBAL TimeZone = 'UTC'`);
    for (const statement of SCHEMA) await connection.run(statement);
    return new LocalDatabase(instance, connection);
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /**
   * Appends events in bulk, a data chunk of 2,048 rows at a time: one native call per column per chunk
   * instead of one per value, which halves the load time of the generated 200,000 events.
   */
  async insertEvents(rows: Iterable<EventRow>): Promise<number> {
    const appender = await this.connection.createAppender('events');
    const chunk = DuckDBDataChunk.create([VARCHAR, VARCHAR, TIMESTAMPTZ, VARCHAR, VARCHAR, VARCHAR]);
    let columns = emptyEventColumns();
    let count = 0;
    const flush = () => {
      chunk.setColumns(columns);
      appender.appendDataChunk(chunk);
      columns = emptyEventColumns();
    };
    for (const row of rows) {
      columns[0].push(row.uuid);
      columns[1].push(row.event);
      columns[2].push(toMicros(row.timestamp));
      columns[3].push(row.distinct_id);
      columns[4].push(row.person_id);
      columns[5].push(row[PROPERTIES_JSON] ?? JSON.stringify(row.properties));
      count += 1;
      if (columns[0].length === CHUNK_ROWS) flush();
    }
    if (columns[0].length > 0) flush();
    appender.closeSync();
    return count;
  }

  async insertPersons(rows: Iterable<PersonRow>): Promise<number> {
    const appender = await this.connection.createAppender('persons');
    let count = 0;
    for (const row of rows) {
      appender.appendVarchar(row.id);
      appender.appendTimestampTZ(toMicros(row.created_at));
      appender.appendVarchar(JSON.stringify(row.properties));
      appender.endRow();
      count += 1;
    }
    appender.closeSync();
    return count;
  }

  /** Runs a statement that returns nothing worth reading (loading, indexing). Refused once locked. */
  async exec(sql: string, params?: SqlParams): Promise<void> {
    if (this.locked) throw new Error('the local database is locked: no more writes');
    await this.connection.run(sql, params);
  }

  /**
   * Runs a query and returns plain JS rows. BIGINT/HUGEINT counts come back as `bigint` from DuckDB;
   * they are turned into numbers here (every count the engine produces fits in a double).
   */
  async all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) out[key] = plain(value);
      return out as T;
    });
  }

  /**
   * Runs untrusted SQL that must be exactly one SELECT (or WITH ... SELECT). DuckDB's own parser splits
   * the text into statements and reports the statement's type, so nothing else can slip through; the
   * statement checked is the very one that runs. Each call gets its own connection, so an abort can
   * `interrupt()` this query without touching anyone else's. Values are bound with explicit types.
   */
  async selectOnly(
    sql: string,
    params: Record<string, DuckDBValue>,
    types: Record<string, DuckDBType>,
    signal?: AbortSignal,
  ): Promise<SelectResult> {
    signal?.throwIfAborted();
    const connection = await this.instance.connect();
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      // An abort that came while connecting found no listener yet.
      signal?.throwIfAborted();
      const prepared = await prepareSelect(connection, sql);
      try {
        prepared.bind(params, types);
        signal?.throwIfAborted();
        const reader = await prepared.runAndReadAll();
        return { columns: reader.columnNames(), types: reader.columnTypes(), rows: reader.getRowsJS() };
      } finally {
        prepared.destroySync();
      }
    } finally {
      signal?.removeEventListener('abort', interrupt);
      connection.closeSync();
    }
  }

  /**
   * Turns off DuckDB's access to the outside world and freezes its settings. Call once the data is in.
   * Order matters: `lock_configuration` last, or the first setting could be undone.
   */
  async lock(): Promise<void> {
    await this.connection.run(`SET enable_external_access = false`);
    await this.connection.run(`SET allow_community_extensions = false`);
    await this.connection.run(`SET autoload_known_extensions = false`);
    await this.connection.run(`SET autoinstall_known_extensions = false`);
    await this.connection.run(`SET lock_configuration = true`);
    this.locked = true;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Prepares `sql` if, and only if, DuckDB's parser finds exactly one statement and it is a SELECT. */
async function prepareSelect(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1)
    throw new LocalQueryError('query', 'Only one statement is allowed', 'invalid_input');
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    prepared.destroySync();
    throw new LocalQueryError('query', 'Only SELECT queries are allowed', 'invalid_input');
  }
  return prepared;
}

/** bigint -> number, recursively through lists and structs; everything else as DuckDB gave it. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
