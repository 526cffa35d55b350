/**
 * The reference engine's data: plain arrays and loops, no SQL. It answers the same insight queries as
 * src/server/local/insights/ so tests can check the DuckDB engine against an independent computation.
 * It shares only the date-range rules (dates.ts, labels.ts) and the query readers with the engine;
 * every per-event decision (filters, local time, buckets, aggregation) is made here again.
 */
import type { EventRow, PersonRow } from '../../../../src/server/local/db.js';
import { isObject, type Json } from '../../../../src/server/local/insights/input.js';
import {
  startOfInterval,
  type Interval,
  type Zone,
} from '../../../../src/server/local/insights/time-zone.js';

export interface RefEvent {
  event: string;
  /** Instant in milliseconds. */
  t: number;
  person: string;
  properties: Record<string, unknown>;
}

export interface RefDataset {
  events: RefEvent[];
  persons: Map<string, PersonRow>;
}

export function dataset(events: EventRow[], persons: PersonRow[]): RefDataset {
  return {
    events: events
      .map((e) => ({
        event: e.event,
        t: e.timestamp.getTime(),
        person: e.person_id,
        properties: e.properties,
      }))
      .sort((a, b) => a.t - b.t),
    persons: new Map(persons.map((p) => [p.id, p])),
  };
}

/** A property as text, as DuckDB's `json_extract_string` gives it: null when missing or JSON null. */
export function text(properties: Record<string, unknown> | undefined, key: string): string | null {
  const value = properties?.[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function property(data: RefDataset, event: RefEvent, key: string, type: string): string | null {
  return type === 'person'
    ? text(data.persons.get(event.person)?.properties, key)
    : text(event.properties, key);
}

/** A property as a number, or null when it is not one (DuckDB's `TRY_CAST(... AS DOUBLE)`). */
export function numeric(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Evaluates a `properties` value (list, AND/OR group, or single filter) against one event. */
export function matches(data: RefDataset, event: RefEvent, node: unknown): boolean {
  if (node === undefined || node === null) return true;
  if (Array.isArray(node)) return node.every((item) => matches(data, event, item));
  if (!isObject(node)) return true;
  if (node.type === 'AND') return (node.values as unknown[]).every((item) => matches(data, event, item));
  if (node.type === 'OR') {
    const values = node.values as unknown[];
    return values.length === 0 || values.some((item) => matches(data, event, item));
  }
  return filterMatches(property(data, event, node.key as string, (node.type as string) ?? 'event'), node);
}

function filterMatches(value: string | null, filter: Json): boolean {
  const operator = (filter.operator as string) ?? 'exact';
  if (operator === 'is_set') return value !== null;
  if (operator === 'is_not_set') return value === null;
  const values = (Array.isArray(filter.value) ? filter.value : [filter.value]) as Array<
    string | number | boolean
  >;
  if (values.length === 0) return true;
  const negative = operator === 'is_not' || operator === 'not_icontains' || operator === 'not_regex';
  if (value === null) return negative;
  const any = values.some((v) => positive(value, operator, v));
  return negative ? !any : any;
}

function positive(value: string, operator: string, v: string | number | boolean): boolean {
  switch (operator) {
    case 'exact':
    case 'is_not':
      return typeof v === 'number' ? numeric(value) === v : value === String(v);
    case 'icontains':
    case 'not_icontains':
      return value.toLowerCase().includes(String(v).toLowerCase());
    case 'regex':
    case 'not_regex':
      return new RegExp(String(v)).test(value);
    default: {
      const n = numeric(value);
      if (n === null) return false;
      const target = Number(v);
      return operator === 'gt'
        ? n > target
        : operator === 'lt'
          ? n < target
          : operator === 'gte'
            ? n >= target
            : n <= target;
    }
  }
}

const offsets = new Map<string, number>();
const SLOT_MS = 15 * 60_000;

/**
 * An instant on the endpoint's wall clock. Zone offsets only change on quarter hours, so one Intl
 * lookup per quarter hour serves every event in it.
 */
export function wallOf(zone: Zone, instant: number): number {
  const slot = Math.floor(instant / SLOT_MS) * SLOT_MS;
  const key = `${zone.name}@${slot}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = zone.toWall(slot) - slot;
    offsets.set(key, offset);
  }
  return instant + offset;
}

/** The interval an event falls in, on the endpoint's wall clock. */
export function bucketOf(zone: Zone, instant: number, interval: Interval): number {
  return startOfInterval(wallOf(zone, instant), interval);
}

/** Events in [from, to] (instants, inclusive) of an event name (null: all) matching the filters. */
export function selectEvents(
  data: RefDataset,
  options: { from?: number; to?: number; event?: string | null; filters?: unknown[] },
): RefEvent[] {
  return data.events.filter(
    (e) =>
      (options.from === undefined || e.t >= options.from) &&
      (options.to === undefined || e.t <= options.to) &&
      (options.event === undefined || options.event === null || e.event === options.event) &&
      (options.filters ?? []).every((f) => matches(data, e, f)),
  );
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
