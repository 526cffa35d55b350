/**
 * Loads a file of events exported from PostHog (`PH_EMBED_EVENTS`) into the local database, through
 * DuckDB's own readers: CSV, JSON lines or Parquet, chosen by the file's extension. Column names are
 * PostHog's: `uuid`, `event`, `timestamp`, `distinct_id`, `person_id` and `properties` (a JSON object,
 * or a string holding one), plus optional `person_properties` from which `persons` is built.
 *
 * This runs before `lock()`, while DuckDB may still read files. The path is always a bound parameter.
 * Every problem becomes a `LoadEventsError` that names the file and what is wrong with it.
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { LocalDatabase } from './db.js';

export class LoadEventsError extends Error {
  override readonly name = 'LoadEventsError';
}

export interface LoadedEvents {
  events: number;
  persons: number;
}

type Format = 'csv' | 'jsonl' | 'parquet';

const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

const FORMAT_NAMES: Record<Format, string> = { csv: 'CSV', jsonl: 'JSON lines', parquet: 'Parquet' };

/** `maximum_depth=1` keeps `properties` as JSON text instead of guessing a STRUCT from a sample. */
const READERS: Record<Format, string> = {
  csv: `read_csv($path, header = true, all_varchar = true)`,
  jsonl: `read_json($path, format = 'newline_delimited', maximum_depth = 1)`,
  parquet: `read_parquet($path)`,
};

const REQUIRED = ['uuid', 'event', 'timestamp', 'distinct_id'] as const;
const STAGING = 'ph_embed_import';
const CONVERTED = 'ph_embed_import_events';

export async function loadEventsFile(db: LocalDatabase, path: string): Promise<LoadedEvents> {
  const file = basename(path);
  const fail = (problem: string): never => {
    throw new LoadEventsError(`PH_EMBED_EVENTS file ${file}: ${problem}`);
  };
  if (db.isLocked) fail('the database is already locked; load events before lock()');
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) return fail('unknown format: the name must end in .csv, .jsonl, .ndjson or .parquet');
  try {
    if (!(await stat(path)).isFile()) fail('is not a file');
  } catch (error) {
    if (error instanceof LoadEventsError) throw error;
    fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }

  try {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT * FROM ${READERS[format]}`, { path });
  } catch (error) {
    fail(`is not a readable ${FORMAT_NAMES[format]} file: ${firstLine(error)}`);
  }
  try {
    const columns = await describe(db);
    const missing = REQUIRED.filter((name) => !columns.has(name));
    if (missing.length > 0) {
      fail(
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${[...columns.keys()].join(', ')})`,
      );
    }
    // Converted once into a second table, so the checks and the inserts read plain columns.
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${CONVERTED} AS ${selectList(columns)}`);
    await check(db, fail);
    await db.exec(
      `INSERT INTO events
       SELECT uuid, event, timestamp, distinct_id, person_id, coalesce(properties, '{}') FROM ${CONVERTED}`,
    );
    await db.exec(
      `INSERT INTO persons
       SELECT person_id, min(timestamp),
         coalesce(arg_max(person_properties, timestamp) FILTER (WHERE person_properties IS NOT NULL), '{}')
       FROM ${CONVERTED} GROUP BY person_id`,
    );
    const [counts] = await db.all<LoadedEvents>(
      `SELECT count(*) AS events, count(DISTINCT person_id) AS persons FROM ${CONVERTED}`,
    );
    return counts!;
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${STAGING}`);
    await db.exec(`DROP TABLE IF EXISTS ${CONVERTED}`);
  }
}

/** Column name (lower case) -> DuckDB type, from the staged file. */
async function describe(db: LocalDatabase): Promise<Map<string, string>> {
  const rows = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${STAGING}`);
  return new Map(rows.map((row) => [row.column_name.toLowerCase(), row.column_type.toUpperCase()]));
}

/**
 * One SELECT turning the staged columns into the `events` shape, whatever types the reader chose.
 * Only the known column names are written into the SQL, never a name read from the file.
 */
function selectList(columns: Map<string, string>): string {
  const text = (name: string) => asText(name, columns.get(name)!);
  const personId = columns.has('person_id')
    ? `coalesce(${text('person_id')}, ${text('distinct_id')})`
    : text('distinct_id');
  const properties = columns.has('properties')
    ? asJson('properties', columns.get('properties')!)
    : `'{}'::JSON`;
  const personProperties = columns.has('person_properties')
    ? asJson('person_properties', columns.get('person_properties')!)
    : 'NULL::JSON';
  return `SELECT rowid + 1 AS row_number,
      ${text('uuid')} AS uuid,
      ${text('event')} AS event,
      ${text('timestamp')} AS raw_timestamp,
      ${asTimestamp('timestamp', columns.get('timestamp')!)} AS timestamp,
      ${text('distinct_id')} AS distinct_id,
      ${personId} AS person_id,
      ${properties} AS properties,
      ${columns.has('properties') ? text('properties') : 'NULL'} AS raw_properties,
      ${personProperties} AS person_properties
    FROM ${STAGING}`;
}

function asText(name: string, type: string): string {
  if (type === 'JSON') return `json_extract_string("${name}", '$')`;
  return type === 'VARCHAR' ? `"${name}"` : `CAST("${name}" AS VARCHAR)`;
}

function asTimestamp(name: string, type: string): string {
  if (type.startsWith('TIMESTAMP') || type === 'DATE') return `CAST("${name}" AS TIMESTAMPTZ)`;
  return `TRY_CAST(${asText(name, type)} AS TIMESTAMPTZ)`;
}

/** A JSON object, stored either as an object or as a string holding one. */
function asJson(name: string, type: string): string {
  if (type === 'JSON') {
    return `CASE WHEN json_type("${name}") = 'VARCHAR' THEN TRY_CAST(json_extract_string("${name}", '$') AS JSON) ELSE "${name}" END`;
  }
  if (type === 'VARCHAR') return `TRY_CAST("${name}" AS JSON)`;
  return `to_json("${name}")`;
}

/** Refuses the file at its first bad row, naming the row and the problem. */
async function check(db: LocalDatabase, fail: (problem: string) => never): Promise<void> {
  const [empty] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${CONVERTED}`);
  if (empty!.n === 0) fail('holds no events');
  const problems: Array<[string, string]> = [
    ['uuid IS NULL', 'has no uuid'],
    ['event IS NULL', 'has no event'],
    ['distinct_id IS NULL', 'has no distinct_id'],
    ['timestamp IS NULL', 'has a missing or unreadable timestamp'],
    ['properties IS NULL AND raw_properties IS NOT NULL', 'has properties that are not valid JSON'],
    [
      "properties IS NOT NULL AND json_type(properties) <> 'OBJECT'",
      'has properties that are not a JSON object',
    ],
  ];
  for (const [condition, problem] of problems) {
    const [bad] = await db.all<{ row_number: number; raw_timestamp: string | null }>(
      `SELECT row_number, raw_timestamp FROM ${CONVERTED} WHERE ${condition} ORDER BY row_number LIMIT 1`,
    );
    if (!bad) continue;
    const detail =
      problem.includes('timestamp') && bad.raw_timestamp !== null ? ` (${quote(bad.raw_timestamp)})` : '';
    fail(`row ${bad.row_number} ${problem}${detail}`);
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim();
}
