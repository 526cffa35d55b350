import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalDatabase } from '../../../src/server/local/db.js';
import { LocalQueryError } from '../../../src/server/local/errors.js';
import { generateDataset } from '../../../src/server/local/generator.js';
import { runHogQLQuery } from '../../../src/server/local/hogql/run.js';

const NOW = new Date('2026-02-01T12:00:00Z');

describe('hostile SQL against the locked local database', () => {
  let db: LocalDatabase;
  let dir: string;
  let fingerprint: string;
  const target = (name: string) => join(dir, name).replaceAll("'", "''");

  /** Everything a hostile query could change: rows, their content, the settings that lock the database. */
  const snapshot = async () =>
    JSON.stringify(
      await db.all(`SELECT
        (SELECT count(*) FROM events) AS events,
        (SELECT count(*) FROM persons) AS persons,
        (SELECT sum(hash(uuid, event, timestamp, properties)) FROM events) AS events_hash,
        (SELECT sum(hash(id, properties)) FROM persons) AS persons_hash,
        (SELECT count(*) FROM duckdb_tables()) AS tables,
        (SELECT count(*) FROM duckdb_databases()) AS databases,
        current_setting('enable_external_access') AS external_access,
        current_setting('lock_configuration') AS locked`),
    );

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ph-embed-hostile-'));
    const data = generateDataset({ seed: 3, now: NOW, events: 5000 });
    db = await LocalDatabase.create();
    await db.insertEvents(data.events);
    await db.insertPersons(data.persons);
    await db.lock();
    fingerprint = await snapshot();
  });
  after(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const HOSTILE: string[] = [
    'SELECT 1; DROP TABLE events',
    'SELECT 1; SELECT 2',
    `COPY events TO '${'/tmp'}/ph-embed-copied.csv'`,
    'COPY (SELECT * FROM events) TO {out}',
    "ATTACH ':memory:' AS other",
    'ATTACH {out} AS other',
    'INSTALL httpfs',
    'LOAD httpfs',
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    'SELECT * FROM "/etc/passwd"',
    "SELECT * FROM glob('/*')",
    "SELECT * FROM query('DROP TABLE events')",
    "SELECT * FROM query_table('events')",
    'SET enable_external_access = true',
    'SET threads = 1',
    'RESET lock_configuration',
    'PRAGMA enable_profiling',
    'PRAGMA version',
    'CREATE TABLE stolen AS SELECT * FROM events',
    'INSERT INTO events SELECT * FROM events',
    "UPDATE events SET event = 'x'",
    'DELETE FROM events',
    'DROP TABLE events',
    'CALL pragma_version()',
    'EXPORT DATABASE {out}',
    'WITH gone AS (DELETE FROM events RETURNING *) SELECT count(*) FROM gone',
    "SELECT getenv('HOME')",
    "SELECT current_setting('enable_external_access')",
    'SELECT 1 /* ; DROP TABLE events */',
    "SELECT '--'; DROP TABLE events",
    String.raw`SELECT E'\\' , 'x' ; DROP TABLE events; --'`,
    "SELECT properties.`a'); DROP TABLE events; --` FROM events",
    'SELECT $1',
    'SELECT ?',
    'CHECKPOINT',
    'VACUUM',
    'DETACH memory',
    'USE system',
    'BEGIN TRANSACTION',
  ];

  it('refuses or defuses each hostile query through the HogQL runner, and nothing changes', async () => {
    for (const [i, text] of HOSTILE.entries()) {
      const query = text.replaceAll('{out}', `'${target(`out-${i}`)}'`);
      try {
        const result = await runHogQLQuery(db, query, { now: NOW });
        // Whatever ran was a plain read: it must not have touched anything.
        assert.ok(Array.isArray(result.results), query);
      } catch (error) {
        assert.ok(error instanceof LocalQueryError, `${query}: ${String(error)}`);
      }
      assert.equal(await snapshot(), fingerprint, `database changed after: ${query}`);
      assert.equal(existsSync(join(dir, `out-${i}`)), false, `a file was written by: ${query}`);
    }
    assert.equal(existsSync('/tmp/ph-embed-copied.csv'), false);
  });

  it('refuses every non-SELECT at the DuckDB layer too, without the HogQL translator in front', async () => {
    const refusedByType = [
      'COPY (SELECT 1) TO {out}',
      'ATTACH {out} AS other',
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET threads = 1',
      'PRAGMA enable_profiling',
      'CREATE TABLE stolen AS SELECT * FROM events',
      'INSERT INTO events SELECT * FROM events',
      "UPDATE events SET event = 'x'",
      'DELETE FROM events',
      'DROP TABLE events',
      'CALL pragma_version()',
      'EXPORT DATABASE {out}',
      'SELECT 1; DROP TABLE events',
    ];
    for (const [i, text] of refusedByType.entries()) {
      const sql = text.replaceAll('{out}', `'${target(`raw-${i}`)}'`);
      // Refused by statement type, or earlier by the lock while DuckDB binds it (COPY, ATTACH, EXPORT).
      await assert.rejects(db.selectOnly(sql, {}, {}), /Only|disabled|Permission|locked/, sql);
      assert.equal(existsSync(join(dir, `raw-${i}`)), false, sql);
    }
    // SELECTs that try to reach out are stopped by the lock itself.
    for (const sql of [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM glob('/*')",
      "SELECT * FROM '/etc/passwd'",
    ]) {
      await assert.rejects(db.selectOnly(sql, {}, {}), /disabled|Permission|not exist/i, sql);
    }
    assert.equal(await snapshot(), fingerprint);
  });

  it("treats '; DROP TABLE events; -- in a variable as a plain string that matches nothing", async () => {
    const result = await runHogQLQuery(
      db,
      'SELECT count() FROM events WHERE properties.org_id = {variables.org_id}',
      {
        now: NOW,
        definitions: [{ code_name: 'org_id', type: 'String' }],
        variables: { org_id: "'; DROP TABLE events; --" },
      },
    );
    assert.deepEqual(result.results, [[0]]);
    assert.equal(await snapshot(), fingerprint);
  });
});
