/**
 * Variable schemas from what PostHog says about an endpoint. The `openapi.json` PostHog serves per
 * endpoint (products/endpoints/backend/openapi.py) types each variable in `components.schemas.Variables`
 * and leaves that schema out when the endpoint takes none. Without it, the stored query still names
 * them: SQL `code_name`s, and for insights `date_from`, `date_to` and the breakdown property.
 */
import { isRecord } from '../is-record.js';
import { readQueryInfo, unwrapQuery } from '../shape/query-info.js';
import type { EndpointDefinition } from '../upstreams/types.js';
import { VARIABLE_NAME_PATTERN, type VariableSchema, type VariableSpec, type VariableType } from './spec.js';

/** PostHog's relative and absolute dates: `-7d`, `mStart`, `all`, `2024-01-31`, `2024-01-31T00:00:00Z`. */
const INSIGHT_DATE: VariableSpec = { type: 'String', pattern: '[A-Za-z0-9:+. _-]{1,64}', maxLength: 64 };
const BREAKDOWN_VALUE: VariableSpec = { type: 'String', maxLength: 1000 };
/** Breakdown properties are event or person property names, which may hold spaces and other text. */
const PROPERTY_NAME = /^[^\p{Cc}]{1,200}$/u;

/** The schema in an endpoint's OpenAPI document, or undefined when the document is not one. */
export function schemaFromOpenApi(
  document: unknown,
  definition: EndpointDefinition,
): VariableSchema | undefined {
  if (!isRecord(document) || !isRecord(document.components) || !isRecord(document.components.schemas)) {
    return undefined;
  }
  const variables = new Map<string, VariableSpec>();
  const schema = document.components.schemas.Variables;
  // PostHog omits `Variables` entirely for an endpoint that takes none.
  if (!isRecord(schema)) return { variables, source: 'openapi' };
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter(isString) : []);
  const insight = readQueryInfo(definition.query).kind !== 'HogQLQuery';
  for (const [name, property] of Object.entries(isRecord(schema.properties) ? schema.properties : {})) {
    if (!PROPERTY_NAME.test(name) || !isRecord(property)) continue;
    const spec =
      insight && (name === 'date_from' || name === 'date_to') ? { ...INSIGHT_DATE } : specOf(property);
    if (required.has(name)) spec.required = true;
    variables.set(name, spec);
  }
  return { variables, source: 'openapi' };
}

/** The variables the stored query names, typed where the query says (insight dates). */
export function schemaFromDefinition(definition: EndpointDefinition): VariableSchema {
  const variables = new Map<string, VariableSpec>();
  const info = readQueryInfo(definition.query);
  const query = unwrapQuery(definition.query) ?? {};
  if (info.kind === 'HogQLQuery') {
    for (const stored of Object.values(isRecord(query.variables) ? query.variables : {})) {
      if (!isRecord(stored) || !isString(stored.code_name) || !VARIABLE_NAME_PATTERN.test(stored.code_name)) {
        continue;
      }
      variables.set(stored.code_name, {});
    }
  } else if (info.kind) {
    variables.set('date_from', { ...INSIGHT_DATE });
    variables.set('date_to', { ...INSIGHT_DATE });
    const breakdown = breakdownProperty(query.breakdownFilter);
    if (breakdown) variables.set(breakdown, { ...BREAKDOWN_VALUE });
  }
  return { variables, source: 'definition' };
}

function specOf(property: Record<string, unknown>): VariableSpec {
  const spec: VariableSpec = {};
  const type = typeOf(property);
  if (type) spec.type = type;
  if (Array.isArray(property.enum)) {
    const values = property.enum.filter(
      (item): item is string | number =>
        isString(item) || (typeof item === 'number' && Number.isFinite(item)),
    );
    if (values.length > 0) spec.enum = values;
  }
  if (typeof property.minimum === 'number') spec.min = property.minimum;
  if (typeof property.maximum === 'number') spec.max = property.maximum;
  if (typeof property.maxLength === 'number' && property.maxLength >= 1) spec.maxLength = property.maxLength;
  if (isString(property.pattern)) spec.pattern = property.pattern;
  return spec;
}

/** PostHog's mapping, reversed: string (format date), number, boolean, array of strings. */
function typeOf(property: Record<string, unknown>): VariableType | undefined {
  switch (property.type) {
    case 'string':
      return property.format === 'date' ? 'Date' : 'String';
    case 'number':
    case 'integer':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'array':
      return 'List';
    default:
      return undefined;
  }
}

/** PostHog accepts the breakdown property as a variable only when there is exactly one. */
function breakdownProperty(filter: unknown): string | undefined {
  if (!isRecord(filter)) return undefined;
  let name: unknown = filter.breakdown;
  if (!isString(name) || name === '') {
    const list = Array.isArray(filter.breakdowns) ? filter.breakdowns : [];
    name = list.length === 1 && isRecord(list[0]) ? list[0].property : undefined;
  }
  return isString(name) && PROPERTY_NAME.test(name) ? name : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
