import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { LocalDatabase } from '../../../src/server/local/db.js';
import { LoadEventsError, loadEventsFile } from '../../../src/server/local/load-events.js';

const HEADER = 'uuid,event,timestamp,distinct_id,person_id,properties,person_properties';
const CSV = [
  HEADER,
  `e1,$pageview,2024-03-01T10:00:00Z,anon-1,p1,"{""$browser"":""Chrome"",""plan"":""pro""}",`,
  `e2,signed_up,2024-03-01 10:05:00.250+00:00,alice@acme.com,p1,"{}","{""email"":""alice@acme.com"",""plan"":""pro""}"`,
  `e3,$pageview,2024-03-02T08:00:00Z,bob@globex.com,,"{""$browser"":""Safari""}",`,
].join('\n');

const JSON_LINES = [
  {
    uuid: 'j1',
    event: '$pageview',
    timestamp: '2024-03-01T10:00:00Z',
    distinct_id: 'd1',
    person_id: 'p1',
    properties: { $browser: 'Firefox', nested: { a: 1 } },
  },
  {
    uuid: 'j2',
    event: 'purchase',
    timestamp: '2024-03-01T11:00:00.123456Z',
    distinct_id: 'd1',
    person_id: 'p1',
    properties: '{"amount": 99, "plan": "pro"}',
    person_properties: { email: 'd1@hooli.com' },
  },
]
  .map((row) => JSON.stringify(row))
  .join('\n');

describe('loadEventsFile', () => {
  let dir: string;
  const write = async (name: string, content: string) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  const load = async (path: string) => {
    const db = await LocalDatabase.create();
    try {
      const counts = await loadEventsFile(db, path);
      const events = await db.all<Record<string, unknown>>(
        `SELECT uuid, event, strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, distinct_id, person_id, properties::VARCHAR AS properties FROM events ORDER BY uuid`,
      );
      const persons = await db.all<Record<string, unknown>>(
        `SELECT id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, properties::VARCHAR AS properties FROM persons ORDER BY id`,
      );
      return { counts, events, persons };
    } finally {
      db.close();
    }
  };
  const refuses = async (path: string, pattern: RegExp) => {
    const db = await LocalDatabase.create();
    try {
      await assert.rejects(loadEventsFile(db, path), (error: unknown) => {
        assert.ok(error instanceof LoadEventsError, String(error));
        assert.match(error.message, pattern);
        return true;
      });
      const [row] = await db.all<{ n: number }>(
        `SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM persons) AS n`,
      );
      assert.equal(row!.n, 0, 'nothing is half-loaded');
    } finally {
      db.close();
    }
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ph-embed-load-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads CSV with PostHog column names, person_id falling back to distinct_id, and builds persons', async () => {
    // A quote in the name: the path is bound, never pasted into SQL.
    const { counts, events, persons } = await load(await write("it's events.csv", CSV));
    assert.deepEqual(counts, { events: 3, persons: 2 });
    assert.deepEqual(events[0], {
      uuid: 'e1',
      event: '$pageview',
      ts: '2024-03-01T10:00:00.000000Z',
      distinct_id: 'anon-1',
      person_id: 'p1',
      properties: '{"$browser":"Chrome","plan":"pro"}',
    });
    assert.equal(events[1]!.ts, '2024-03-01T10:05:00.250000Z');
    assert.equal(events[2]!.person_id, 'bob@globex.com');
    assert.deepEqual(persons, [
      { id: 'bob@globex.com', created_at: '2024-03-02T08:00:00Z', properties: '{}' },
      { id: 'p1', created_at: '2024-03-01T10:00:00Z', properties: '{"email":"alice@acme.com","plan":"pro"}' },
    ]);
  });

  for (const extension of ['jsonl', 'ndjson']) {
    it(`loads JSON lines (.${extension}) with properties as an object or as a JSON string`, async () => {
      const { counts, events, persons } = await load(await write(`events.${extension}`, JSON_LINES));
      assert.deepEqual(counts, { events: 2, persons: 1 });
      assert.equal(events[0]!.properties, '{"$browser":"Firefox","nested":{"a":1}}');
      assert.equal(events[1]!.properties, '{"amount": 99, "plan": "pro"}');
      assert.equal(events[1]!.ts, '2024-03-01T11:00:00.123456Z');
      assert.deepEqual(persons, [
        { id: 'p1', created_at: '2024-03-01T10:00:00Z', properties: '{"email":"d1@hooli.com"}' },
      ]);
    });
  }

  it('loads Parquet', async () => {
    const path = join(dir, 'events.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT 'q' || i AS uuid, 'signed_up' AS event, TIMESTAMPTZ '2024-03-01 00:00:00+00' + INTERVAL (i) HOUR AS timestamp,
              'd' || (i % 3) AS distinct_id, 'p' || (i % 3) AS person_id, '{"org_id": "acme"}' AS properties
            FROM range(10) t(i)) TO '${path}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const { counts, events } = await load(path);
    assert.deepEqual(counts, { events: 10, persons: 3 });
    assert.equal(events.find((e) => e.uuid === 'q5')!.ts, '2024-03-01T05:00:00.000000Z');
    assert.equal(events[0]!.properties, '{"org_id": "acme"}');
  });

  it('names the missing columns', async () => {
    const path = await write('no-time.csv', 'uuid,event,distinct_id\ne1,x,d1\n');
    await refuses(
      path,
      /^PH_EMBED_EVENTS file no-time\.csv: missing column timestamp \(found: uuid, event, distinct_id\)$/,
    );
  });

  it('names the row with a bad timestamp and shows the value', async () => {
    const path = await write(
      'bad-time.csv',
      `${HEADER}\ne1,x,2024-03-01T10:00:00Z,d,p,{},\ne2,x,yesterday,d,p,{},\n`,
    );
    await refuses(path, /bad-time\.csv: row 2 has a missing or unreadable timestamp \("yesterday"\)/);
  });

  it('refuses properties that are not a JSON object', async () => {
    await refuses(
      await write('bad-json.csv', `${HEADER}\ne1,x,2024-03-01T10:00:00Z,d,p,{oops,\n`),
      /bad-json\.csv: row 1 has properties that are not valid JSON/,
    );
    await refuses(
      await write('list.csv', `${HEADER}\ne1,x,2024-03-01T10:00:00Z,d,p,[1],\n`),
      /list\.csv: row 1 has properties that are not a JSON object/,
    );
  });

  it('refuses a file that is not in the format its name says', async () => {
    await refuses(await write('fake.parquet', CSV), /fake\.parquet: is not a readable Parquet file/);
    await refuses(await write('fake.jsonl', CSV), /fake\.jsonl: is not a readable JSON lines file/);
  });

  it('refuses unknown extensions, missing files, empty files and a locked database', async () => {
    await refuses(await write('events.txt', CSV), /events\.txt: unknown format/);
    await refuses(join(dir, 'absent.csv'), /absent\.csv: cannot be read \(ENOENT\)/);
    await refuses(await write('empty.csv', `${HEADER}\n`), /empty\.csv: holds no events/);
    const db = await LocalDatabase.create();
    await db.lock();
    await assert.rejects(
      loadEventsFile(db, await write('late.csv', CSV)),
      /late\.csv: the database is already locked/,
    );
    db.close();
  });
});
