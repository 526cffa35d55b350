/**
 * The OpenAPI document PostHog serves at `GET .../endpoints/{name}/openapi.json`, built the way
 * products/endpoints/backend/openapi.py builds it: SQL variables typed from their InsightVariable
 * (String, Number, Boolean, List, Date), required when they have no default; insights take their
 * breakdown properties (Trends and Retention only) and, when not materialized, date_from and date_to.
 * `Variables` is left out when there are none, with `additionalProperties: false` when present.
 * The fake's run route accepts exactly the keys of this schema, so the two cannot drift apart. Liberties:
 * - the fixtures hold saved-insight queries wrapped in InsightVizNode or DataTableNode, which endpoint
 *   versions do not store, so the query is unwrapped first;
 * - openapi.py offers one breakdown only and names a SQL variable without a code_name by its id, while
 *   /run (strategies.py `allowed_variables`) takes every breakdown `iter_breakdowns` yields and only
 *   code_names; the fake documents what /run accepts.
 */

export type InsightVariableType = 'String' | 'Number' | 'Boolean' | 'List' | 'Date';

const TYPE_TO_OPENAPI: Record<InsightVariableType, Record<string, unknown>> = {
  String: { type: 'string' },
  Number: { type: 'number' },
  Boolean: { type: 'boolean' },
  List: { type: 'array', items: { type: 'string' } },
  Date: { type: 'string', format: 'date' },
};

/** strategies.py BREAKDOWN_SUPPORTED_QUERY_TYPES: only these take their breakdown properties as variables. */
export const BREAKDOWN_KINDS: ReadonlySet<string> = new Set(['TrendsQuery', 'RetentionQuery']);

/** The `Variables` schema: one property per variable the endpoint's /run accepts. */
export type VariablesSchema = {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  additionalProperties: false;
  required?: string[];
};

export interface OpenApiInput {
  endpoint: Record<string, unknown>;
  projectId: string;
  origin: string;
  /** InsightVariable types by variable id, as PostHog's table holds them. */
  variableTypes: Readonly<Record<string, InsightVariableType>>;
}

export function openApiDocument({ endpoint, projectId, origin, variableTypes }: OpenApiInput) {
  const name = String(endpoint.name);
  const description = typeof endpoint.description === 'string' ? endpoint.description : '';
  const schemas: Record<string, Record<string, unknown>> = {
    EndpointRunRequest: {
      type: 'object',
      properties: {
        client_query_id: { type: 'string' },
        filters_override: { $ref: '#/components/schemas/DashboardFilter' },
        refresh: { type: 'string', enum: ['cache', 'force', 'direct'], default: 'cache' },
        version: { type: 'integer' },
        limit: { type: 'integer', minimum: 1 },
        debug: { type: 'boolean', default: false },
      },
    },
    DashboardFilter: {
      type: 'object',
      properties: {
        date_from: { type: 'string' },
        date_to: { type: 'string' },
        properties: { type: 'array' },
      },
    },
  };
  const variables = variablesSchema(unwrap(endpoint.query), endpoint.is_materialized === true, variableTypes);
  if (variables) {
    (schemas.EndpointRunRequest!.properties as Record<string, unknown>).variables = {
      $ref: '#/components/schemas/Variables',
    };
    schemas.Variables = variables;
    if (variables.required) schemas.EndpointRunRequest!.required = ['variables'];
  }
  return {
    openapi: '3.0.3',
    info: {
      title: name,
      description: description || `PostHog Endpoint: ${name}`,
      version: String(endpoint.current_version ?? 1),
    },
    servers: [{ url: origin }],
    paths: {
      [`/api/projects/${projectId}/endpoints/${name}/run`]: {
        post: {
          operationId: `run_${name.replace(/-/g, '_')}`,
          security: [{ PersonalAPIKey: [] }],
          requestBody: {
            required: Boolean(variables?.required),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/EndpointRunRequest' } } },
          },
          responses: { '200': { description: 'Query results' }, '400': { description: 'Invalid request' } },
        },
      },
    },
    components: {
      securitySchemes: { PersonalAPIKey: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
  };
}

/** Undefined when the endpoint takes no variables, as PostHog leaves `Variables` out then. */
export function variablesSchema(
  query: Record<string, unknown>,
  materialized: boolean,
  variableTypes: Readonly<Record<string, InsightVariableType>> = {},
): VariablesSchema | undefined {
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  if (query.kind === 'HogQLQuery') {
    const stored = (query.variables ?? {}) as Record<string, Record<string, unknown>>;
    for (const [id, variable] of Object.entries(stored)) {
      const codeName = variable.code_name;
      // strategies.py: /run knows a SQL variable by its code_name only.
      if (typeof codeName !== 'string' || codeName === '') continue;
      const type = variableTypes[id];
      properties[codeName] = {
        ...(type ? TYPE_TO_OPENAPI[type] : { type: 'string' }),
        description: `Variable: ${codeName}`,
      };
      if (variable.value !== undefined && variable.value !== null)
        properties[codeName].example = variable.value;
      else required.push(codeName);
    }
  } else {
    const breakdowns = BREAKDOWN_KINDS.has(String(query.kind)) ? breakdownProperties(query) : [];
    for (const breakdown of breakdowns) {
      properties[breakdown] = {
        type: 'string',
        description: `Filter by ${breakdown} breakdown value`,
        example: 'Chrome',
      };
      if (materialized) required.push(breakdown);
    }
    if (!materialized) {
      properties.date_from = { type: 'string', example: '2024-01-01' };
      properties.date_to = { type: 'string', example: '2024-01-31' };
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  const schema: VariablesSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = required;
  return schema;
}

/**
 * strategies.py `iter_breakdowns`: a legacy `breakdown` alone if set, else every property of the
 * `breakdowns` list that has one.
 */
export function breakdownProperties(query: Record<string, unknown>): string[] {
  const filter = (query.breakdownFilter ?? {}) as { breakdown?: unknown; breakdowns?: unknown };
  if (typeof filter.breakdown === 'string' && filter.breakdown !== '') return [filter.breakdown];
  if (!Array.isArray(filter.breakdowns)) return [];
  return filter.breakdowns
    .map((item: { property?: unknown } | null) => item?.property)
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

/** The fixtures hold saved-insight queries (InsightVizNode, DataTableNode); endpoint versions store the inner one. */
export function unwrap(query: unknown): Record<string, unknown> {
  let node = (query ?? {}) as Record<string, unknown>;
  while (typeof node.source === 'object' && node.source !== null && node.kind !== 'HogQLQuery') {
    node = node.source as Record<string, unknown>;
  }
  return node;
}
