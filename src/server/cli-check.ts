/**
 * `ph-embed check` and `ph-embed record`, the two commands that talk to the upstream once and exit.
 * PostHog's refusals become sentences an operator can act on ("the key lacks the endpoint:read
 * scope"), never a status code alone, and never the key.
 */
import type { Config } from './config.js';
import { summarizeEndpoint } from './shape/endpoint-summary.js';
import { UpstreamConnectionError, UpstreamError, UpstreamTimeoutError } from './upstreams/errors.js';
import type { EndpointDefinition, Upstream } from './upstreams/types.js';
import { schemaFromDefinition, schemaFromOpenApi } from './variables/sources.js';
import { schemaFromConfig, type VariableSchema, type VariableSpec } from './variables/spec.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Lists what the key can see; 0 when all is well, 1 when the upstream refuses or the allowlist is off. */
export async function checkCommand(config: Config, upstream: Upstream, io: Output): Promise<number> {
  io.out(`config:    ${config.configFile ?? '(no config file)'}`);
  io.out(`upstream:  ${upstreamLabel(config)}`);
  const secrets = config.embedSecrets().length;
  io.out(
    `auth:      ${config.auth}${config.auth === 'token' ? ` (${secrets} secret${secrets === 1 ? '' : 's'}, tokens up to ${config.maxTokenTtlS} s)` : ''}`,
  );
  io.out(`cors:      ${config.corsOrigins.length > 0 ? config.corsOrigins.join(', ') : 'same origin only'}`);
  let definitions: EndpointDefinition[];
  try {
    definitions = await upstream.listEndpoints({});
  } catch (error) {
    io.err(`ph-embed: ${describeFailure(error, config)}`);
    return 1;
  }
  const allowlist = config.endpoints ? new Set(config.endpoints) : undefined;
  const rows: string[][] = [];
  for (const definition of definitions) {
    if (allowlist && !allowlist.has(definition.name)) continue;
    const summary = summarizeEndpoint(definition);
    const schema = await schemaOf(definition, config, upstream);
    rows.push([
      definition.name,
      summary?.kind ?? 'unsupported',
      summary?.display ?? '',
      describeVariables(schema),
    ]);
  }
  io.out('');
  io.out(`${rows.length} endpoint${rows.length === 1 ? '' : 's'}${allowlist ? ' (allowlisted)' : ''}:`);
  for (const line of table([['name', 'kind', 'display', 'variables'], ...rows])) io.out(line);
  const seen = new Set(definitions.map((definition) => definition.name));
  const missing = [...(allowlist ?? [])].filter((name) => !seen.has(name));
  if (missing.length > 0) {
    io.err(`ph-embed: the allowlist names endpoints the upstream does not have: ${missing.join(', ')}`);
    return 1;
  }
  return 0;
}

/** A sentence for what went wrong talking to the upstream. */
export function describeFailure(
  error: unknown,
  config: Pick<Config, 'posthogHost' | 'posthogProjectId' | 'personalApiKey'>,
): string {
  const host = config.posthogHost ?? 'the upstream';
  const project = config.posthogProjectId ?? '?';
  if (error instanceof UpstreamTimeoutError)
    return `${host} did not answer within ${error.timeoutMs} ms (PH_EMBED_TIMEOUT_MS)`;
  if (error instanceof UpstreamConnectionError)
    return `cannot reach ${host} (${error.code ?? 'connection failed'}): check POSTHOG_HOST`;
  if (!(error instanceof UpstreamError)) return error instanceof Error ? error.message : String(error);
  const detail = scrub(
    typeof error.body?.detail === 'string' ? error.body.detail : undefined,
    config.personalApiKey(),
  );
  const said = detail ? ` PostHog said: "${detail}"` : '';
  switch (error.failure === 'status' ? error.status : error.failure) {
    case 401:
      return `PostHog refused the personal API key (401): check POSTHOG_PERSONAL_API_KEY.${said}`;
    case 403:
      return `the key may not read endpoints of project ${project} (403): give it the endpoint:read scope and access to that project.${said}`;
    case 404:
      return `${host} has no project ${project} (404): check POSTHOG_PROJECT_ID and POSTHOG_HOST.${said}`;
    case 429:
      return `PostHog is rate-limiting this key (429); try again in ${error.retryAfterS ?? 60} s.${said}`;
    case 'redirect':
      return `${host} redirected: set POSTHOG_HOST to the final URL, such as https://us.posthog.com`;
    case 'not_json':
      return `${host} did not answer like PostHog (not JSON): check POSTHOG_HOST`;
    default:
      return `PostHog answered ${error.status}: ${error.message}.${said}`;
  }
}

async function schemaOf(
  definition: EndpointDefinition,
  config: Config,
  upstream: Upstream,
): Promise<VariableSchema> {
  const configured = config.endpointVariables[definition.name];
  if (configured) return schemaFromConfig(configured);
  try {
    const document = await upstream.getOpenApi?.(definition.name, {});
    const fromOpenApi = document === undefined ? undefined : schemaFromOpenApi(document, definition);
    if (fromOpenApi) return fromOpenApi;
  } catch {
    // The names from the definition still say what the endpoint takes.
  }
  return schemaFromDefinition(definition);
}

function describeVariables(schema: VariableSchema): string {
  if (schema.variables.size === 0) return '-';
  return [...schema.variables].map(([name, spec]) => `${name}${describeSpec(spec)}`).join(', ');
}

function describeSpec(spec: VariableSpec): string {
  const parts = [spec.type, spec.required ? 'required' : undefined].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function upstreamLabel(config: Config): string {
  if (config.upstream === 'posthog')
    return `posthog ${config.posthogHost} project ${config.posthogProjectId}`;
  if (config.upstream === 'fixtures') return `fixtures ${config.fixturesDir}`;
  return config.upstream;
}

function table(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map(
    (row) =>
      `  ${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}`,
  );
}

function scrub(text: string | undefined, key: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const line = text.replace(/\s+/g, ' ').slice(0, 200);
  return key ? line.split(key).join('[redacted]') : line;
}
