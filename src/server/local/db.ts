import {
  DuckDBInstance,
  DuckDBTimestampTZValue,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';

/** One row of `events`, as PostHog exports it. `properties` is a plain object, stored as JSON. */
export interface EventRow {
  uuid: string;
  event: string;
  timestamp: Date;
  distinct_id: string;
  person_id: string;
  properties: Record<string, unknown>;
}

/** One row of `persons`. */
export interface PersonRow {
  id: string;
  created_at: Date;
  properties: Record<string, unknown>;
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
    // Timestamps are stored in UTC; queries convert to the endpoint's time zone explicitly.
    await connection.run(`SET TimeZone = 'UTC'`);
    for (const statement of SCHEMA) await connection.run(statement);
    return new LocalDatabase(instance, connection);
  }

  get isLocked(): boolean {
    return this.locked;
  }

  /** Appends events in bulk (DuckDB's appender: far faster than INSERT for generated data). */
  async insertEvents(rows: Iterable<EventRow>): Promise<number> {
    const appender = await this.connection.createAppender('events');
    let count = 0;
    for (const row of rows) {
      appender.appendVarchar(row.uuid);
      appender.appendVarchar(row.event);
      appender.appendTimestampTZ(toMicros(row.timestamp));
      appender.appendVarchar(row.distinct_id);
      appender.appendVarchar(row.person_id);
      appender.appendVarchar(JSON.stringify(row.properties));
      appender.endRow();
      count += 1;
    }
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

/** bigint -> number, recursively through lists and structs; everything else as DuckDB gave it. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
