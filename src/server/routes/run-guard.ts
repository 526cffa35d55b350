/**
 * The security checks of `POST /v1/endpoints/{name}/run`, in the order that keeps refusals cheap:
 * everything that needs no upstream (name, allowlist, token scope, body, locked variables, a schema
 * from the config file) runs before the first upstream call, and the variables are checked against
 * the endpoint's own schema before it runs.
 */
import { assertLockedApply, assertMayRun, mergeLocked, type Grant } from '../auth/grant.js';
import { isEndpointName } from '../endpoint-name.js';
import { ApiError, notFound } from '../errors/api-error.js';
import type { ProxyLogger } from '../logger.js';
import type { EndpointDefinition, RunBody } from '../upstreams/types.js';
import type { VariableSchemas } from '../variables/schemas.js';
import type { VariableSchema } from '../variables/spec.js';
import { validateVariables } from '../variables/validate.js';
import { parseRunRequest } from './run-request.js';

export interface AdmittedRun {
  name: string;
  /** What goes upstream: the request with the token's locked variables merged in. */
  body: RunBody;
}

export interface RunGuardOptions {
  /** Names that may run; undefined allows all. */
  allowlist: ReadonlySet<string> | undefined;
  schemas: VariableSchemas;
}

/** Who asks, as authentication left it. */
export interface RunCaller {
  grant: Grant;
  log: ProxyLogger;
}

/** Every check that needs no upstream call; `readBody` is called only once the name and token pass. */
export async function admitRun(
  name: string,
  caller: RunCaller,
  readBody: () => Promise<string>,
  { allowlist, schemas }: RunGuardOptions,
): Promise<AdmittedRun> {
  if (!isEndpointName(name)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Endpoint names start with a letter and hold up to 128 letters, digits, _ or -',
    );
  }
  // Same answer as an unknown endpoint, so the allowlist does not reveal what exists.
  if (allowlist && !allowlist.has(name)) throw notFound('Endpoint not found');
  const { grant } = caller;
  assertMayRun(grant, name);
  const request = parseRunRequest(await readBody());
  const body: RunBody = { ...request };
  const variables = mergeLocked(grant, request.variables);
  if (variables !== undefined) body.variables = variables;
  if (body.refresh === 'force' && !grant.mayForceRefresh) {
    // Ignored rather than refused: the answer's meta.cache says what was served (docs/DECISIONS.md).
    caller.log.debug({ endpoint: name }, 'refresh: force ignored: the embed token does not allow it');
    delete body.refresh;
  }
  const configured = schemas.configured(name);
  if (configured) checkVariables(grant, name, body, configured);
  return { name, body };
}

/** The variables against the endpoint's schema (config file, PostHog's openapi.json, or definition). */
export async function checkRunVariables(
  caller: RunCaller,
  run: AdmittedRun,
  definition: EndpointDefinition,
  schemas: VariableSchemas,
): Promise<void> {
  if (schemas.configured(run.name)) return;
  // No variables, nothing to check: the schema is only fetched when variables are sent or locked.
  if (Object.keys(run.body.variables ?? {}).length === 0) return;
  const schema = await schemas.resolve(definition, { log: caller.log });
  checkVariables(caller.grant, run.name, run.body, schema);
}

function checkVariables(grant: Grant, name: string, body: RunBody, schema: VariableSchema): void {
  assertLockedApply(grant, name, (variable) => schema.variables.has(variable));
  validateVariables(schema, body.variables ?? {});
}
