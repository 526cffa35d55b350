/**
 * The local engine behind the proxy's `Upstream` interface: endpoint files instead of PostHog's
 * endpoints, DuckDB instead of ClickHouse, and answers in PostHog's exact shapes, so the proxy and the
 * elements cannot tell the difference. Errors are PostHog's too: an unknown endpoint is PostHog's 404,
 * a query or variable the engine refuses is a 400 `{type, code, detail, attr}` naming the field.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isEndpointName } from '../endpoint-name.js';
import { NOT_FOUND_BODY, UpstreamError } from '../upstreams/errors.js';
import type {
  EndpointDefinition,
  RawRunResponse,
  RunBody,
  Upstream,
  UpstreamCallOptions,
} from '../upstreams/types.js';
import type { LocalDatabase } from './db.js';
import type { LocalEndpoint } from './endpoints.js';
import { LocalQueryError } from './errors.js';
import { readPropertyTypes, type PropertyTypes } from './hogql/property-types.js';
import { describeHogQLQuery, runHogQLQuery } from './hogql/run.js';
import { runInsightQuery } from './insights/index.js';

export interface LocalUpstreamOptions {
  db: LocalDatabase;
  endpoints: ReadonlyMap<string, LocalEndpoint>;
  /** A fixed clock (tests, reproducible demos); by default each run uses the current time. */
  now?: Date;
  /** The time zone day and week boundaries follow, as a PostHog project's does. */
  timezone?: string;
}

export class LocalUpstream implements Upstream {
  readonly kind = 'local';
  private readonly db: LocalDatabase;
  private readonly endpoints: ReadonlyMap<string, LocalEndpoint>;
  private readonly fixedNow: Date | undefined;
  private readonly timezone: string;
  private readonly createdAt = new Date().toISOString();
  private propertyTypes: Promise<PropertyTypes> | undefined;
  private readonly columns = new Map<string, Promise<string[]>>();

  constructor(options: LocalUpstreamOptions) {
    this.db = options.db;
    this.endpoints = options.endpoints;
    this.fixedNow = options.now;
    this.timezone = options.timezone ?? 'UTC';
  }

  async getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition> {
    options.signal?.throwIfAborted();
    return this.definition(this.endpoint(name));
  }

  async listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]> {
    options.signal?.throwIfAborted();
    const names = [...this.endpoints.keys()].sort();
    return Promise.all(names.map((name) => this.definition(this.endpoints.get(name)!)));
  }

  async run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse> {
    const { signal } = options;
    signal?.throwIfAborted();
    const endpoint = this.endpoint(name);
    const now = this.fixedNow ?? new Date();
    const envelope = {
      name: endpoint.name,
      is_cached: false,
      last_refresh: now.toISOString(),
      next_allowed_client_refresh: now.toISOString(),
      timezone: this.timezone,
      endpoint_version: 1,
      endpoint_version_created_at: this.createdAt,
      execution_id: randomUUID(),
    };
    try {
      if (endpoint.kind === 'HogQLQuery') {
        const result = await runHogQLQuery(this.db, endpoint.source.query as string, {
          definitions: endpoint.variables,
          variables: body.variables ?? {},
          now,
          limit: body.limit,
          offset: body.offset,
          propertyTypes: await this.readPropertyTypes(),
          signal,
        });
        return { ...result, ...envelope };
      }
      if (body.limit !== undefined || body.offset !== undefined) {
        const field = body.limit !== undefined ? 'limit' : 'offset';
        throw new LocalQueryError(
          field,
          `Limit/offset parameters are only supported for HogQLQuery, not ${endpoint.kind}`,
          'invalid_input',
        );
      }
      const results = await runInsightQuery(this.db, endpoint.source, {
        variables: body.variables ?? {},
        now,
        timezone: this.timezone,
      });
      // The engine cannot stop an insight half-way; an abandoned one is at least not answered.
      signal?.throwIfAborted();
      return { results, ...envelope };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof LocalQueryError) throw badRequest(error);
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  private endpoint(name: string): LocalEndpoint {
    const endpoint = isEndpointName(name) ? this.endpoints.get(name) : undefined;
    if (!endpoint)
      throw new UpstreamError(`endpoint ${name} not found`, { status: 404, body: { ...NOT_FOUND_BODY } });
    return endpoint;
  }

  /** What PostHog's `GET .../endpoints/{name}/` returns for it. */
  private async definition(endpoint: LocalEndpoint): Promise<EndpointDefinition> {
    const definition: EndpointDefinition = {
      id: stableId(endpoint.name),
      name: endpoint.name,
      description: endpoint.description,
      query: withStoredVariables(endpoint),
      is_active: true,
      current_version: 1,
      versions_count: 1,
      is_materialized: false,
      data_freshness_seconds: endpoint.data_freshness_seconds,
      created_at: this.createdAt,
      updated_at: this.createdAt,
    };
    if (endpoint.kind === 'HogQLQuery') {
      // `columns` is optional: a query that cannot run now is reported when it is run, not here.
      const columns = await this.sqlColumns(endpoint).catch(() => undefined);
      if (columns) definition.columns = columns;
    }
    return definition;
  }

  private sqlColumns(endpoint: LocalEndpoint): Promise<string[]> {
    let columns = this.columns.get(endpoint.name);
    if (!columns) {
      columns = this.readPropertyTypes().then((propertyTypes) =>
        describeHogQLQuery(this.db, endpoint.source.query as string, {
          definitions: endpoint.variables,
          propertyTypes,
          now: this.fixedNow ?? new Date(),
        }),
      );
      this.columns.set(endpoint.name, columns);
    }
    return columns;
  }

  /** Read once, on first use, so start-up does not wait for it. */
  private readPropertyTypes(): Promise<PropertyTypes> {
    this.propertyTypes ??= readPropertyTypes(this.db);
    return this.propertyTypes;
  }
}

/** PostHog's 400 for a query it will not run, as its exception handler writes it. */
function badRequest(error: LocalQueryError): UpstreamError {
  return new UpstreamError(error.message, {
    status: 400,
    body: { type: 'validation_error', code: error.code, detail: error.message, attr: error.attr },
  });
}

/**
 * PostHog keeps SQL variables in the query (`variables: {<id>: {variableId, code_name, value}}`); the
 * files declare them beside it. The stored shape is rebuilt here, defaults as values, so the proxy
 * lists them exactly as it lists PostHog's.
 */
function withStoredVariables(endpoint: LocalEndpoint): Record<string, unknown> {
  if (endpoint.variables.length === 0) return endpoint.query;
  const variables = Object.fromEntries(
    endpoint.variables.map((variable) => {
      const variableId = stableId(`${endpoint.name}.${variable.code_name}`);
      const value = variable.default ?? null;
      return [
        variableId,
        { variableId, code_name: variable.code_name, value, ...(value === null ? { isNull: true } : {}) },
      ];
    }),
  );
  return replaceSource(endpoint.query, { ...endpoint.source, variables });
}

function replaceSource(
  node: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  if (node.kind === 'HogQLQuery') return source;
  return { ...node, source: replaceSource(node.source as Record<string, unknown>, source) };
}

/** A UUID that stays the same for the same endpoint (PostHog's ids are UUIDs). */
function stableId(key: string): string {
  const hex = createHash('sha256').update(`ph-embed local ${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
