/**
 * Reading a stored insight query: small typed accessors that name the offending field when a value is
 * missing, malformed or something the local engine does not do, plus the series (EventsNode) reader
 * every kind shares.
 */
import { LocalQueryError } from '../errors.js';
import type { Interval } from './time-zone.js';

export type Json = Record<string, unknown>;

export function unsupported(attr: string, value: unknown): never {
  throw new LocalQueryError(attr, `${attr}: ${JSON.stringify(value)} is not supported by the local engine`);
}

export function invalid(attr: string, message: string): never {
  throw new LocalQueryError(attr, `${attr}: ${message}`, 'invalid_input');
}

const isSet = (value: unknown) => value !== undefined && value !== null;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional nested object (absent and null read as empty). */
export function objectAt(parent: Json, key: string, attr: string): Json {
  const value = parent[key];
  if (!isSet(value)) return {};
  if (!isObject(value)) invalid(attr, 'must be an object');
  return value;
}

export function stringAt(parent: Json, key: string, attr: string): string | undefined {
  const value = parent[key];
  if (!isSet(value)) return undefined;
  if (typeof value !== 'string') invalid(attr, 'must be a string');
  return value;
}

export function numberAt(parent: Json, key: string, attr: string): number | undefined {
  const value = parent[key];
  if (!isSet(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(attr, 'must be a number');
  return value;
}

export function booleanAt(parent: Json, key: string, attr: string): boolean {
  const value = parent[key];
  if (!isSet(value)) return false;
  if (typeof value !== 'boolean') invalid(attr, 'must be true or false');
  return value;
}

/** Refuses every listed field that is set: they change the answer and the engine does not do them. */
export function refuseSet(parent: Json, keys: readonly string[], prefix: string): void {
  for (const key of keys) {
    const value = parent[key];
    if (isSet(value) && value !== false && !(Array.isArray(value) && value.length === 0)) {
      unsupported(`${prefix}${key}`, value);
    }
  }
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  attr: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) unsupported(attr, value);
  return value as T;
}

const INTERVALS = ['hour', 'day', 'week', 'month'] as const;

export function intervalOf(query: Json, fallback: Interval = 'day'): Interval {
  return oneOf(stringAt(query, 'interval', 'interval'), INTERVALS, 'interval') ?? fallback;
}

/** One `EventsNode` of `series`, with the fields every kind reads. */
export interface EventsNode {
  /** null means "All events". */
  event: string | null;
  customName: string | null;
  math: string | null;
  mathProperty: string | null;
  mathPropertyType: 'event' | 'person';
  properties: unknown;
  optional: boolean;
  attr: string;
}

const SERIES_REFUSED = [
  'math_hogql',
  'math_group_type_index',
  'math_multiplier',
  'math_property_revenue_currency',
  'fixedProperties',
];

export function readSeries(query: Json, attr = 'series', min = 1): EventsNode[] {
  const series = query.series;
  if (!Array.isArray(series) || series.length < min) invalid(attr, `needs at least ${min} series`);
  return series.map((node, i) => readEventsNode(node, `${attr}[${i}]`));
}

export function readEventsNode(node: unknown, attr: string): EventsNode {
  if (!isObject(node)) invalid(attr, 'must be an object');
  const kind = node.kind ?? 'EventsNode';
  if (kind !== 'EventsNode') unsupported(`${attr}.kind`, kind);
  refuseSet(node, SERIES_REFUSED, `${attr}.`);
  const event = node.event;
  if (event !== undefined && event !== null && typeof event !== 'string')
    invalid(`${attr}.event`, 'must be a string');
  const propertyType = stringAt(node, 'math_property_type', `${attr}.math_property_type`);
  if (
    propertyType !== undefined &&
    propertyType !== 'event_properties' &&
    propertyType !== 'person_properties'
  ) {
    unsupported(`${attr}.math_property_type`, propertyType);
  }
  return {
    event: event ?? null,
    customName: stringAt(node, 'custom_name', `${attr}.custom_name`) ?? null,
    math: stringAt(node, 'math', `${attr}.math`) ?? null,
    mathProperty: stringAt(node, 'math_property', `${attr}.math_property`) ?? null,
    mathPropertyType: propertyType === 'person_properties' ? 'person' : 'event',
    properties: node.properties,
    optional: booleanAt(node, 'optionalInFunnel', `${attr}.optionalInFunnel`),
    attr,
  };
}

/** PostHog's label for a series: the event name, or "All events". */
export function seriesLabel(node: EventsNode): string {
  return node.event ?? 'All events';
}
