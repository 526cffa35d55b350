import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventRow } from '../../../src/server/local/db.js';
import { LocalDatabase, PROPERTIES_JSON } from '../../../src/server/local/db.js';
import { generateDataset, ONBOARDING_FLAG, streamDataset } from '../../../src/server/local/generator.js';

const NOW = new Date('2026-03-18T15:30:00Z');
const DAY = 86_400_000;
const FUNNEL = ['signed_up', 'project_created', 'invited_teammate', 'purchase'];

describe('generateDataset', () => {
  const small = generateDataset({ seed: 7, now: NOW, events: 30_000 });

  it('gives identical rows for the same seed and now, and different rows for another seed', () => {
    const again = generateDataset({ seed: 7, now: NOW, events: 30_000 });
    assert.deepEqual(again, small);
    const other = generateDataset({ seed: 8, now: NOW, events: 30_000 });
    assert.notDeepEqual(other.events.slice(0, 50), small.events.slice(0, 50));
  });

  it('makes about the requested number of events, in time order, inside the window ending now', () => {
    assert.ok(small.events.length >= 30_000 && small.events.length < 31_000, `${small.events.length} events`);
    const times = small.events.map((e) => e.timestamp.getTime());
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1]! <= times[i]!, `event ${i} out of order`);
    assert.ok(times[0]! >= NOW.getTime() - 90 * DAY);
    assert.ok(times.at(-1)! <= NOW.getTime());
    // Activity reaches both ends of the window, not just the middle.
    assert.ok(times[0]! < NOW.getTime() - 88 * DAY);
    assert.ok(times.at(-1)! > NOW.getTime() - DAY);
    assert.equal(new Set(small.events.map((e) => e.uuid)).size, small.events.length, 'uuids are unique');
  });

  it('has every event kind with the properties the endpoints read', () => {
    const counts = countBy(small.events, (e) => e.event);
    assert.deepEqual(Object.keys(counts).sort(), ['$pageview', ...FUNNEL].sort());
    assert.ok(counts['$pageview']! > counts['signed_up']! * 10);
    const pageview = small.events.find((e) => e.event === '$pageview')!;
    for (const key of [
      '$browser',
      '$os',
      '$current_url',
      '$pathname',
      '$geoip_country_code',
      '$session_id',
      'org_id',
    ]) {
      assert.equal(typeof pageview.properties[key], 'string', key);
    }
    for (const purchase of small.events.filter((e) => e.event === 'purchase')) {
      assert.ok(['starter', 'pro', 'enterprise'].includes(purchase.properties.plan as string));
      assert.equal(typeof purchase.properties.amount, 'number');
      assert.equal(typeof purchase.properties.org_id, 'string');
    }
    const variants = new Set(
      small.events.filter((e) => e.event === 'signed_up').map((e) => e.properties[ONBOARDING_FLAG]),
    );
    assert.deepEqual([...variants].sort(), ['control', 'test']);
  });

  it('hands over pageview properties already as JSON, saying exactly what the objects say', () => {
    let serialized = 0;
    for (const event of small.events) {
      const json = event[PROPERTIES_JSON];
      if (json === undefined) continue;
      serialized += 1;
      assert.deepEqual(JSON.parse(json), event.properties);
    }
    assert.equal(serialized, small.events.filter((e) => e.event === '$pageview').length);
  });

  it('spreads people over organisations of different sizes, with persons for every person_id', () => {
    const orgs = countBy(small.persons, (p) => p.properties.org_id as string);
    assert.deepEqual(Object.keys(orgs).sort(), [
      'acme',
      'globex',
      'hooli',
      'initech',
      'piedpiper',
      'umbrella',
    ]);
    assert.ok(orgs.acme! > 3 * orgs.piedpiper!, 'acme is much bigger than piedpiper');
    const ids = new Set(small.persons.map((p) => p.id));
    assert.equal(ids.size, small.persons.length);
    for (const event of small.events) assert.ok(ids.has(event.person_id));
    for (const person of small.persons) {
      assert.match(person.properties.email as string, /^[a-z0-9.]+@[a-z]+\.com$/);
      assert.ok(['free', 'starter', 'pro', 'enterprise'].includes(person.properties.plan as string));
    }
    const emails = small.persons.map((p) => p.properties.email);
    assert.equal(new Set(emails).size, emails.length, 'emails are unique');
  });

  it('has a funnel that loses people at every step, some converting only after 14 days', () => {
    const byPerson = groupBy(small.events, (e) => e.person_id);
    const reached = [0, 0, 0, 0];
    let late = 0;
    for (const events of byPerson.values()) {
      let at = -Infinity;
      for (const [step, name] of FUNNEL.entries()) {
        const next = events.find((e) => e.event === name && e.timestamp.getTime() >= at);
        if (!next) break;
        if (step === 1 && next.timestamp.getTime() - at > 14 * DAY) late += 1;
        at = next.timestamp.getTime();
        reached[step]! += 1;
      }
    }
    assert.ok(
      reached[0]! > reached[1]! && reached[1]! > reached[2]! && reached[2]! > reached[3]! && reached[3]! > 0,
      `${reached}`,
    );
    assert.ok(late > 0, 'someone creates a project more than 14 days after signing up');
  });

  it('has anonymous pageviews before sign-up under another distinct_id of the same person', () => {
    const anonymous = small.events.filter((e) => e.distinct_id.startsWith('anon-'));
    assert.ok(anonymous.length > 0);
    const signups = new Map(small.events.filter((e) => e.event === 'signed_up').map((e) => [e.person_id, e]));
    const matched = anonymous.filter((e) => signups.has(e.person_id));
    assert.ok(matched.length > 0);
    for (const event of matched) {
      const signup = signups.get(event.person_id)!;
      assert.notEqual(event.distinct_id, signup.distinct_id);
      assert.ok(event.timestamp <= signup.timestamp);
    }
  });

  it('is busier on weekdays, grows over the window and loses people along the way', () => {
    const weekday = small.events.filter((e) => ![0, 6].includes(e.timestamp.getUTCDay())).length / 5;
    const weekend = small.events.filter((e) => [0, 6].includes(e.timestamp.getUTCDay())).length / 2;
    assert.ok(weekday > 1.5 * weekend, `weekday ${weekday} per day vs weekend ${weekend}`);
    const firstMonth = small.events.filter((e) => e.timestamp.getTime() < NOW.getTime() - 60 * DAY).length;
    const lastMonth = small.events.filter((e) => e.timestamp.getTime() >= NOW.getTime() - 30 * DAY).length;
    assert.ok(lastMonth > 1.3 * firstMonth, `last 30 days ${lastMonth} vs first 30 days ${firstMonth}`);
    // Churn: plenty of people active in the first month never come back in the last two weeks.
    const early = new Set(
      small.events.filter((e) => e.timestamp.getTime() < NOW.getTime() - 60 * DAY).map((e) => e.person_id),
    );
    const recent = new Set(
      small.events.filter((e) => e.timestamp.getTime() >= NOW.getTime() - 14 * DAY).map((e) => e.person_id),
    );
    const gone = [...early].filter((id) => !recent.has(id)).length;
    assert.ok(gone > early.size * 0.1, `${gone} of ${early.size} early people gone`);
  });

  it('streams the same rows person by person, for loading', () => {
    const stream = streamDataset({ seed: 7, now: NOW, events: 30_000 });
    const byUuid = (rows: EventRow[]) => [...rows].sort((a, b) => (a.uuid < b.uuid ? -1 : 1));
    assert.deepEqual(byUuid([...stream.events]), byUuid(small.events));
    assert.deepEqual(stream.persons, small.persons);
  });

  it('makes about 200,000 events by default, streamed into DuckDB as the engine starts', async () => {
    const started = performance.now();
    const db = await LocalDatabase.create();
    try {
      const stream = streamDataset({ now: NOW });
      const events = await db.insertEvents(stream.events);
      await db.insertPersons(stream.persons);
      console.log(`generated and loaded ${events} events in ${Math.round(performance.now() - started)} ms`);
      assert.ok(events >= 200_000 && events < 201_000);
      const [row] = await db.all<{ n: number; days: number; persons: number }>(
        `SELECT count(*) AS n, count(DISTINCT CAST(timestamp AS DATE)) AS days,
           (SELECT count(*) FROM persons) AS persons FROM events`,
      );
      assert.deepEqual(row, { n: events, days: 91, persons: stream.persons.length });
    } finally {
      db.close();
    }
  });
});

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function groupBy(events: EventRow[], key: (event: EventRow) => string): Map<string, EventRow[]> {
  const groups = new Map<string, EventRow[]>();
  for (const event of events) {
    const list = groups.get(key(event)) ?? [];
    list.push(event);
    groups.set(key(event), list);
  }
  return groups;
}
