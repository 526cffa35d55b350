/**
 * The security checks of `POST /v1/endpoints/{name}/run`, in the order that keeps refusals cheap:
 * everything that needs no upstream (name, allowlist, token scope, body, locked variables, a schema
 * from the config file) runs before the first upstream call, and the variables are checked against
 * the endpoint's own schema before it runs.
 */
import type { QueryKind } from '../../data/types.js';
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
  readonly grant: Grant;
  readonly log: ProxyLogger;
}

/** A call's caller; its scope's logger is made only when a check logs (a cache hit logs nothing here). */
export function callerOf(grant: Grant, scope: { readonly log: ProxyLogger }): RunCaller {
  return new ScopeCaller(grant, scope);
}

class ScopeCaller implements RunCaller {
  constructor(
    readonly grant: Grant,
    private readonly scope: { readonly log: ProxyLogger },
  ) {}

  get log(): ProxyLogger {
    return this.scope.log;
  }
}

/** Every check that needs no upstream call; `readBody` is called only once the name and token pass. */
export async function admitRun(
  name: string,
  caller: RunCaller,
  readBody: () => Promise<string>,
  options: RunGuardOptions,
): Promise<AdmittedRun> {
  admitName(name, caller.grant, options);
  return admitBody(name, caller, await readBody(), options);
}

/** The checks before the body is read: the name, the allowlist, the token's endpoints. */
export function admitName(
  name: string,
  grant: Grant,
  { allowlist }: Pick<RunGuardOptions, 'allowlist'>,
): void {
  if (!isEndpointName(name)) {
    throw new ApiError(
      400,
      'invalid_request',
      'Endpoint names start with a letter and hold up to 128 letters, digits, _ or -',
    );
  }
  // Same answer as an unknown endpoint, so the allowlist does not reveal what exists.
  if (allowlist && !allowlist.has(name)) throw notFound('Endpoint not found');
  assertMayRun(grant, name);
}

/** The checks of the body: its shape, the locked variables, `refresh`, a schema from the config file. */
export function admitBody(
  name: string,
  caller: RunCaller,
  text: string,
  { schemas }: Pick<RunGuardOptions, 'schemas'>,
): AdmittedRun {
  const { grant } = caller;
  const request = parseRunRequest(text);
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

/** `limit` and `offset` page SQL results; an insight has no pages. */
export function assertPagingApplies(body: RunBody, kind: QueryKind): void {
  if ((body.limit !== undefined || body.offset !== undefined) && kind !== 'HogQLQuery') {
    throw new ApiError(400, 'invalid_request', 'limit and offset apply to SQL endpoints only');
  }
}

/** The variables against the endpoint's schema (config file, PostHog's openapi.json, or definition). */
export async function checkRunVariables(
  caller: RunCaller,
  run: AdmittedRun,
  definition: EndpointDefinition,
  schemas: VariableSchemas,
): Promise<void> {
  if (!needsSchema(run, schemas)) return;
  const schema = await schemas.resolve(definition, { log: caller.log });
  checkVariables(caller.grant, run.name, run.body, schema);
}

/**
 * checkRunVariables decided at once: true when the variables pass, false when the schema is not known
 * without asking the upstream; throws the same refusals.
 */
export function checkRunVariablesNow(
  grant: Grant,
  run: AdmittedRun,
  definition: EndpointDefinition,
  schemas: VariableSchemas,
): boolean {
  if (!needsSchema(run, schemas)) return true;
  const schema = schemas.known(definition);
  if (!schema) return false;
  checkVariables(grant, run.name, run.body, schema);
  return true;
}

/** Not when the config file's schema was checked on admission, nor without variables: then the schema is never fetched. */
function needsSchema(run: AdmittedRun, schemas: VariableSchemas): boolean {
  return !schemas.configured(run.name) && Object.keys(run.body.variables ?? {}).length > 0;
}

function checkVariables(grant: Grant, name: string, body: RunBody, schema: VariableSchema): void {
  assertLockedApply(grant, name, (variable) => schema.variables.has(variable));
  validateVariables(schema, body.variables ?? {});
}
