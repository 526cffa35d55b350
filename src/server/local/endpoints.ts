/**
 * The local engine's endpoints: a folder of JSON files, one per endpoint, each
 * `{name, description, query, variables?, data_freshness_seconds?}`. `query` is exactly what PostHog
 * stores (possibly wrapped in InsightVizNode / DataTableNode / DataVisualizationNode), so a query
 * copied out of PostHog runs here unchanged. SQL endpoints declare their `{variables.x}` here.
 *
 * Every file is checked at start-up; a bad one stops the engine with the file and the field named.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { QueryKind } from '../../data/types.js';
import { ENDPOINT_NAME_PATTERN } from '../endpoint-name.js';
import { LocalQueryError } from './errors.js';
import { translateHogQL } from './hogql/translate.js';
import {
  CODE_NAME_PATTERN,
  VARIABLE_TYPES,
  bindVariables,
  type VariableDefinition,
} from './hogql/variables.js';

export class EndpointFileError extends Error {
  override readonly name = 'EndpointFileError';
}

export interface LocalEndpoint {
  name: string;
  description: string;
  /** The query as the file stores it (wrappers included), for `GET .../endpoints/{name}/`. */
  query: Record<string, unknown>;
  /** The query inside its wrappers: what runs. */
  source: Record<string, unknown>;
  kind: QueryKind;
  variables: VariableDefinition[];
  data_freshness_seconds: number;
}

const WRAPPERS = new Set(['InsightVizNode', 'DataTableNode', 'DataVisualizationNode']);
const KINDS = [
  'TrendsQuery',
  'FunnelsQuery',
  'RetentionQuery',
  'LifecycleQuery',
  'StickinessQuery',
  'HogQLQuery',
] as const;
/** PostHog's default freshness for an endpoint (a day); the files may say otherwise. */
const DEFAULT_FRESHNESS_S = 86_400;

const variableSchema = z.strictObject({
  code_name: z.string().regex(CODE_NAME_PATTERN, 'must be letters, digits or _, not starting with a digit'),
  type: z.enum(VARIABLE_TYPES),
  default: z.unknown().optional(),
  required: z.boolean().optional(),
});

const fileSchema = z.strictObject({
  name: z
    .string()
    .regex(ENDPOINT_NAME_PATTERN, 'must start with a letter and hold only letters, digits, _ or -'),
  description: z.string().max(1000),
  query: z.record(z.string(), z.unknown()),
  variables: z.array(variableSchema).optional(),
  data_freshness_seconds: z.number().int().positive().optional(),
});

/** Loads and checks every `*.json` file in `dir`, by name. */
export async function loadEndpoints(dir: string): Promise<Map<string, LocalEndpoint>> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  } catch (error) {
    throw new EndpointFileError(
      `endpoints folder ${dir} cannot be read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const endpoints = new Map<string, LocalEndpoint>();
  const problems: string[] = [];
  for (const file of files) {
    try {
      const endpoint = parseEndpointFile(file, await readFile(join(dir, file), 'utf8'));
      endpoints.set(endpoint.name, endpoint);
    } catch (error) {
      if (!(error instanceof EndpointFileError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new EndpointFileError(problems.join('\n'));
  return endpoints;
}

/** Checks one file's text; `file` is its name, which must be `<name>.json`. */
export function parseEndpointFile(file: string, text: string): LocalEndpoint {
  const fail = (field: string, problem: string): never => {
    throw new EndpointFileError(`endpoint file ${file}: ${field}: ${problem}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('(file)', `not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(issue.path.join('.') || '(file)', issue.message);
  }
  const data = parsed.data;
  if (`${data.name}.json` !== file) fail('name', `must match the file name (${file})`);
  const source = unwrap(data.query);
  if (!source)
    return fail(
      'query',
      'must hold a query, possibly under InsightVizNode/DataTableNode/DataVisualizationNode source',
    );
  const kind = KINDS.find((k) => k === source.kind);
  if (!kind) return fail('query.kind', `must be one of ${KINDS.join(', ')}`);
  const variables = data.variables ?? [];
  const names = variables.map((v) => v.code_name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) fail('variables', `${duplicate} is declared twice`);
  if (kind !== 'HogQLQuery' && variables.length > 0) {
    fail(
      'variables',
      'only SQL (HogQLQuery) endpoints declare variables; insights take date_from, date_to and the breakdown',
    );
  }
  if (kind === 'HogQLQuery') checkSql(source, variables, fail);
  return {
    name: data.name,
    description: data.description,
    query: data.query,
    source,
    kind,
    variables,
    data_freshness_seconds: data.data_freshness_seconds ?? DEFAULT_FRESHNESS_S,
  };
}

function checkSql(
  source: Record<string, unknown>,
  variables: VariableDefinition[],
  fail: (f: string, p: string) => never,
) {
  if (typeof source.query !== 'string' || source.query.trim() === '')
    fail('query.query', 'must be the SQL text');
  try {
    // Defaults must fit their types, and the SQL must translate with exactly these variables.
    const bound = bindVariables(
      variables.map((v) => ({ ...v, required: false })),
      {},
    );
    const translated = translateHogQL(source.query as string, { variables: bound });
    const unused = variables.filter((v) => !translated.variables.has(v.code_name)).map((v) => v.code_name);
    if (unused.length > 0) fail('variables', `not used in the query: ${unused.join(', ')}`);
  } catch (error) {
    if (!(error instanceof LocalQueryError)) throw error;
    fail(error.attr === 'query' ? 'query.query' : error.attr, error.message);
  }
}

function unwrap(query: Record<string, unknown>): Record<string, unknown> | undefined {
  let node: unknown = query;
  for (let depth = 0; depth < 4; depth++) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const record = node as Record<string, unknown>;
    if (!WRAPPERS.has(record.kind as string)) return record;
    node = record.source;
  }
  return undefined;
}
