/**
 * SQL endpoint variables: the definitions an endpoint file declares, and the values a `/run` request
 * sends, checked against them and turned into typed DuckDB parameters. Values are only ever bound.
 * Errors follow PostHog's wording and name the variable.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBTimestampTZValue,
  LIST,
  TIMESTAMPTZ,
  VARCHAR,
  listValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { LocalQueryError } from '../errors.js';

export const VARIABLE_TYPES = ['String', 'Number', 'Boolean', 'List', 'Date'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface VariableDefinition {
  code_name: string;
  type: VariableType;
  default?: unknown;
  required?: boolean;
}

export interface BoundVariable {
  /** The DuckDB parameter name, without `$`. */
  param: string;
  isList: boolean;
  value: DuckDBValue;
  type: DuckDBType;
}

/** PostHog's rule for variable code names; also what makes `$v_<code_name>` a valid parameter name. */
export const CODE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Refuses names the endpoint does not declare, as PostHog does: `Unknown variable(s): a, b`. */
export function checkKnownVariables(
  definitions: readonly VariableDefinition[],
  requested: Record<string, unknown>,
): void {
  const known = new Set(definitions.map((d) => d.code_name));
  const unknown = Object.keys(requested)
    .filter((name) => !known.has(name))
    .sort();
  if (unknown.length > 0) {
    throw new LocalQueryError('variables', `Unknown variable(s): ${unknown.join(', ')}`, 'invalid_input');
  }
}

/** Binds every declared variable: the request's value, else the default, else NULL (or 400 if required). */
export function bindVariables(
  definitions: readonly VariableDefinition[],
  requested: Record<string, unknown>,
): Map<string, BoundVariable> {
  checkKnownVariables(definitions, requested);
  const bound = new Map<string, BoundVariable>();
  for (const definition of definitions) {
    const given = Object.hasOwn(requested, definition.code_name);
    const value = given ? requested[definition.code_name] : definition.default;
    if (value === undefined && definition.required) {
      throw new LocalQueryError(
        `variables.${definition.code_name}`,
        `Required variable(s) '${definition.code_name}' not provided`,
        'invalid_input',
      );
    }
    bound.set(definition.code_name, bindOne(definition, value ?? null));
  }
  return bound;
}

function bindOne(definition: VariableDefinition, value: unknown): BoundVariable {
  const param = `v_${definition.code_name}`;
  const wrong = (expected: string) =>
    new LocalQueryError(
      `variables.${definition.code_name}`,
      `Variable '${definition.code_name}' must be ${expected}`,
      'invalid_input',
    );
  const scalar = (duckValue: DuckDBValue, type: DuckDBType): BoundVariable => ({
    param,
    isList: false,
    value: duckValue,
    type,
  });
  switch (definition.type) {
    case 'String':
      if (value === null) return scalar(null, VARCHAR);
      if (typeof value !== 'string') throw wrong('a string');
      return scalar(value, VARCHAR);
    case 'Number': {
      if (value === null) return scalar(null, DOUBLE);
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw wrong('a number');
      return Number.isSafeInteger(number) ? scalar(BigInt(number), BIGINT) : scalar(number, DOUBLE);
    }
    case 'Boolean':
      if (value === null) return scalar(null, BOOLEAN);
      if (value === true || value === 'true') return scalar(true, BOOLEAN);
      if (value === false || value === 'false') return scalar(false, BOOLEAN);
      throw wrong('true or false');
    case 'Date': {
      if (value === null) return scalar(null, TIMESTAMPTZ);
      const ms =
        typeof value === 'string' && DATE.test(value.trim()) ? Date.parse(dateOnlyAsUtc(value.trim())) : NaN;
      if (!Number.isFinite(ms)) throw wrong('a date such as 2024-01-31 or 2024-01-31T12:00:00Z');
      return scalar(new DuckDBTimestampTZValue(BigInt(ms) * 1000n), TIMESTAMPTZ);
    }
    case 'List': {
      if (value === null) return { param, isList: true, value: null, type: LIST(VARCHAR) };
      if (!Array.isArray(value) || value.length > 1000)
        throw wrong('a list of at most 1000 strings or numbers');
      if (value.every((item) => typeof item === 'string')) {
        return { param, isList: true, value: listValue(value), type: LIST(VARCHAR) };
      }
      if (value.every((item) => typeof item === 'number' && Number.isFinite(item))) {
        return { param, isList: true, value: listValue(value), type: LIST(DOUBLE) };
      }
      throw wrong('a list of strings or a list of numbers');
    }
  }
}

/** `2024-01-31` means midnight UTC (Date.parse agrees); `2024-01-31 10:00` without a zone also means UTC. */
function dateOnlyAsUtc(value: string): string {
  const iso = value.replace(' ', 'T');
  return /T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso;
}
