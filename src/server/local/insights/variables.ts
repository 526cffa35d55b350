/**
 * The variables an insight endpoint takes (products/endpoints/backend/logic/strategies.py
 * `InsightEndpointStrategy`): `date_from` / `date_to`, which replace the query's date range, and, for
 * trends and retention, each breakdown property, whose value narrows the results to that breakdown
 * value (an empty string meaning "not set"). Anything else is refused as PostHog refuses it.
 */
import { LocalQueryError } from '../errors.js';
import { isObject, type Json } from './input.js';

const BREAKDOWN_VARIABLE_KINDS = ['TrendsQuery', 'RetentionQuery'];

/** A copy of `query` with the variables applied. */
export function applyVariables(query: Json, variables: Record<string, unknown>): Json {
  const names = Object.keys(variables);
  if (names.length === 0) return query;
  const breakdown = breakdownVariable(query);
  const unknown = names.filter(
    (name) => name !== 'date_from' && name !== 'date_to' && name !== breakdown?.property,
  );
  if (unknown.length > 0) {
    throw new LocalQueryError(
      'variables',
      `Unknown variable(s): ${unknown.sort().join(', ')}`,
      'invalid_input',
    );
  }
  const result: Json = { ...query };
  const dateFrom = dateVariable(variables, 'date_from');
  const dateTo = dateVariable(variables, 'date_to');
  if (dateFrom !== undefined || dateTo !== undefined) {
    result.dateRange = { date_from: dateFrom ?? null, date_to: dateTo ?? null };
  }
  if (breakdown && variables[breakdown.property] !== undefined && variables[breakdown.property] !== null) {
    const value = variables[breakdown.property];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new LocalQueryError(`variables.${breakdown.property}`, 'must be a string', 'invalid_input');
    }
    const filter =
      value === ''
        ? { key: breakdown.property, type: breakdown.type, operator: 'is_not_set' }
        : { key: breakdown.property, type: breakdown.type, operator: 'exact', value: String(value) };
    result.properties = { type: 'AND', values: [query.properties ?? [], filter] };
  }
  return result;
}

/**
 * The variable names an insight endpoint accepts, for listings such as `GET /v1/endpoints`:
 * `date_from`, `date_to` and, for trends and retention, the breakdown property.
 */
export function insightVariableNames(query: Json): string[] {
  const breakdown = breakdownVariable(query);
  return ['date_from', 'date_to', ...(breakdown ? [breakdown.property] : [])];
}

function dateVariable(variables: Record<string, unknown>, name: string): string | undefined {
  const value = variables[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new LocalQueryError(`variables.${name}`, 'must be a date string', 'invalid_input');
  return value;
}

function breakdownVariable(query: Json): { property: string; type: string } | undefined {
  if (!BREAKDOWN_VARIABLE_KINDS.includes(String(query.kind))) return undefined;
  const filter = query.breakdownFilter;
  if (!isObject(filter) || typeof filter.breakdown !== 'string') return undefined;
  return {
    property: filter.breakdown,
    type: typeof filter.breakdown_type === 'string' ? filter.breakdown_type : 'event',
  };
}
