/**
 * Checks a run's variables against the endpoint's schema before anything runs: unknown names,
 * wrong types, values out of range and missing required ones are a 400 `invalid_variables` that
 * names the variable. Values are checked, never rewritten: what passes is sent as it came.
 */
import { ApiError } from '../errors/api-error.js';
import type { VariableSchema, VariableSpec } from './spec.js';

/** Without a `maxLength`, strings (and list items) longer than this are refused. */
export const DEFAULT_MAX_STRING_LENGTH = 4096;
/** Without a `max`, lists longer than this are refused. */
export const DEFAULT_MAX_LIST_ITEMS = 1000;

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function validateVariables(schema: VariableSchema, values: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(values)) {
    const spec = schema.variables.get(name);
    if (!spec) throw unknownVariable(name, schema);
    const problem = value === null ? nullProblem(spec) : checkValue(spec, value);
    if (problem) throw invalid(`Variable ${quote(name)} ${problem}`);
  }
  for (const [name, spec] of schema.variables) {
    if (spec.required && !Object.hasOwn(values, name)) throw invalid(`Variable ${quote(name)} is required`);
  }
}

function nullProblem(spec: VariableSpec): string | undefined {
  return spec.required ? 'is required and cannot be null' : undefined;
}

function checkValue(spec: VariableSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case undefined:
      return checkUntyped(spec, value);
    case 'String':
      return typeof value === 'string' ? checkString(spec, value, true) : 'must be a string';
    case 'Number':
      return typeof value === 'number' && Number.isFinite(value)
        ? checkNumber(spec, value)
        : 'must be a number';
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'Date':
      return typeof value === 'string' && isDate(value)
        ? checkEnum(spec, value)
        : 'must be a date such as 2024-01-31 or 2024-01-31T12:00:00Z';
    case 'List':
      return checkList(spec, value);
  }
}

/** A source that names a variable without typing it still gets no objects and no nesting. */
function checkUntyped(spec: VariableSpec, value: unknown): string | undefined {
  if (typeof value === 'string') return checkString(spec, value, true);
  if (typeof value === 'number')
    return Number.isFinite(value) ? checkEnum(spec, value) : 'must be a finite number';
  if (typeof value === 'boolean') return undefined;
  if (Array.isArray(value)) return checkList(spec, value);
  return 'must be a string, number, boolean, null or list of strings';
}

function checkString(spec: VariableSpec, value: string, withBounds: boolean): string | undefined {
  const longest = Math.min(spec.maxLength ?? Infinity, withBounds ? (spec.max ?? Infinity) : Infinity);
  const limit = Number.isFinite(longest) ? longest : DEFAULT_MAX_STRING_LENGTH;
  if (value.length > limit) return `must be at most ${limit} characters`;
  if (withBounds && spec.min !== undefined && value.length < spec.min) {
    return `must be at least ${spec.min} characters`;
  }
  if (spec.pattern !== undefined && !fullMatch(spec.pattern, value))
    return 'does not have the expected format';
  return checkEnum(spec, value);
}

function checkNumber(spec: VariableSpec, value: number): string | undefined {
  if (spec.min !== undefined && value < spec.min) return `must be at least ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `must be at most ${spec.max}`;
  return checkEnum(spec, value);
}

function checkList(spec: VariableSpec, value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'must be a list of strings';
  const most = spec.max ?? DEFAULT_MAX_LIST_ITEMS;
  if (value.length > most) return `must hold at most ${most} items`;
  if (spec.min !== undefined && value.length < spec.min) return `must hold at least ${spec.min} items`;
  for (const item of value) {
    if (typeof item !== 'string') return 'must be a list of strings';
    const problem = checkString(spec, item, false);
    if (problem) return `has an invalid item (each item ${problem})`;
  }
  return undefined;
}

function checkEnum(spec: VariableSpec, value: string | number): string | undefined {
  if (spec.enum === undefined || spec.enum.includes(value)) return undefined;
  const shown = spec.enum.slice(0, 10).map((item) => JSON.stringify(item));
  return `must be one of ${shown.join(', ')}${spec.enum.length > 10 ? ', ...' : ''}`;
}

function isDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60
  );
}

/** Patterns come from the operator's config or PostHog's spec and are cached once compiled. */
const compiled = new Map<string, RegExp | null>();

function fullMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regex = null;
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex !== null && regex.test(value);
}

function unknownVariable(name: string, schema: VariableSchema): ApiError {
  const known = [...schema.variables.keys()];
  const hint =
    known.length === 0
      ? 'this endpoint takes no variables'
      : `this endpoint takes ${known.slice(0, 12).map(quote).join(', ')}${known.length > 12 ? ', ...' : ''}`;
  return invalid(`Unknown variable ${quote(name)}: ${hint}`);
}

function invalid(message: string): ApiError {
  return new ApiError(400, 'invalid_variables', message);
}

/** Names are echoed to the browser: printable and short. */
export function quote(name: string): string {
  return JSON.stringify(name.replace(/[^\x20-\x7e]/g, '?').slice(0, 64));
}
