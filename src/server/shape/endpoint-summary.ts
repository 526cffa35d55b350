/**
 * One entry of `GET /v1/endpoints`: what an endpoint is and which variables it takes, without its
 * query text. Variables follow DESIGN.md section 2: SQL endpoints name theirs (`code_name`), insight
 * endpoints take `date_from`/`date_to` and their breakdown property.
 */
import type { EndpointSummary } from '../../data/types.js';
import { isRecord } from '../is-record.js';
import type { EndpointDefinition } from '../upstreams/types.js';
import { readQueryInfo, unwrapQuery } from './query-info.js';
import { text } from './values.js';

/** What a browser learns about one variable: its saved default, when it is a plain value. */
export interface VariableSummary {
  default?: string | number | boolean | null;
}

/** The summary, or undefined for endpoints the proxy cannot run (inactive, or an unsupported kind). */
export function summarizeEndpoint(definition: EndpointDefinition): EndpointSummary | undefined {
  if (definition.is_active === false) return undefined;
  const info = readQueryInfo(definition.query);
  if (!info.kind) return undefined;
  const summary: EndpointSummary = { name: definition.name, kind: info.kind };
  const description = text(definition.description, 500);
  if (description) summary.description = description;
  if (info.display) summary.display = info.display;
  const query = unwrapQuery(definition.query) ?? {};
  summary.variables = info.kind === 'HogQLQuery' ? sqlVariables(query) : insightVariables(query);
  return summary;
}

function sqlVariables(query: Record<string, unknown>): Record<string, VariableSummary> {
  const variables: Record<string, VariableSummary> = {};
  const stored = isRecord(query.variables) ? query.variables : {};
  for (const variable of Object.values(stored)) {
    if (!isRecord(variable) || typeof variable.code_name !== 'string') continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(variable.code_name)) continue;
    variables[variable.code_name] = withDefault(variable.value);
  }
  return variables;
}

function insightVariables(query: Record<string, unknown>): Record<string, VariableSummary> {
  const range = isRecord(query.dateRange) ? query.dateRange : {};
  const variables: Record<string, VariableSummary> = {
    date_from: withDefault(range.date_from),
    date_to: withDefault(range.date_to),
  };
  const breakdown = breakdownProperty(query.breakdownFilter);
  if (breakdown) variables[breakdown] = {};
  return variables;
}

/** PostHog accepts the breakdown property as a variable only when there is exactly one. */
function breakdownProperty(filter: unknown): string | undefined {
  if (!isRecord(filter)) return undefined;
  if (typeof filter.breakdown === 'string' && filter.breakdown !== '') return text(filter.breakdown, 200);
  if (Array.isArray(filter.breakdowns) && filter.breakdowns.length === 1 && isRecord(filter.breakdowns[0])) {
    return text(filter.breakdowns[0].property, 200);
  }
  return undefined;
}

function withDefault(value: unknown): VariableSummary {
  if (value === undefined) return {};
  if (value === null || typeof value === 'boolean') return { default: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { default: value } : {};
  const asText = text(value, 500);
  return asText === undefined ? {} : { default: asText };
}
