/** Hand-made datasets for the engine's edge-case tests. */
import { LocalDatabase, type EventRow, type PersonRow } from '../../../../src/server/local/db.js';
import { runInsightQuery, type InsightRunOptions } from '../../../../src/server/local/insights/index.js';

let uuid = 0;

/** One event: `ev('$pageview', '2024-03-12T00:00:00Z', 'alice', { $browser: 'Chrome' })`. */
export function ev(
  event: string,
  at: string,
  person: string,
  properties: Record<string, unknown> = {},
): EventRow {
  uuid += 1;
  return {
    uuid: `e${uuid}`,
    event,
    timestamp: new Date(at),
    distinct_id: person,
    person_id: person,
    properties,
  };
}

export function person(id: string, createdAt: string, properties: Record<string, unknown> = {}): PersonRow {
  return { id, created_at: new Date(createdAt), properties };
}

export async function database(events: EventRow[], persons: PersonRow[] = []): Promise<LocalDatabase> {
  const db = await LocalDatabase.create();
  await db.insertEvents(events);
  await db.insertPersons(persons);
  return db;
}

/** Friday 15 March 2024, 10:30 UTC: the "now" of every hand-made test. */
export const NOW = new Date('2024-03-15T10:30:00Z');

export function run(
  db: LocalDatabase,
  query: Record<string, unknown>,
  options: Partial<InsightRunOptions> = {},
): Promise<unknown> {
  return runInsightQuery(db, query, { variables: {}, now: NOW, timezone: 'UTC', ...options });
}

export type Series = {
  label: string;
  data: number[];
  days: string[];
  labels: string[];
  count: number;
  aggregated_value?: number;
  breakdown_value?: unknown;
  compare_label?: string;
};

export async function series(
  db: LocalDatabase,
  query: Record<string, unknown>,
  options: Partial<InsightRunOptions> = {},
) {
  return (await run(db, query, options)) as Series[];
}

export const pageviews = (extra: Record<string, unknown> = {}) => ({
  kind: 'EventsNode',
  event: '$pageview',
  ...extra,
});
