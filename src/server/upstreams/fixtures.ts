/**
 * Replays recorded answers from a folder of `<name>.json` files, each `{endpoint, run}`: what
 * `GET .../endpoints/{name}/` and `/run` returned. Files are read per request, so a re-recorded fixture
 * is served without a restart. It behaves like PostHog where the proxy can tell: unknown names get
 * PostHog's 404 body, and SQL endpoints honour `limit`/`offset`.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isEndpointName } from '../endpoint-name.js';
import { isRecord } from '../is-record.js';
import { unwrapQuery } from '../shape/query-info.js';
import { NOT_FOUND_BODY, UpstreamError } from './errors.js';
import { parseJson } from './http-body.js';
import type { EndpointDefinition, RawRunResponse, RunBody, Upstream, UpstreamCallOptions } from './types.js';

interface FixtureFile {
  endpoint: EndpointDefinition;
  run: RawRunResponse;
}

export class FixturesUpstream implements Upstream {
  readonly kind = 'fixtures';

  constructor(private readonly dir: string) {}

  async getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition> {
    return (await this.#load(name, options.signal)).endpoint;
  }

  async listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]> {
    const names = (await readdir(this.dir))
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .filter(isEndpointName)
      .sort();
    const definitions: EndpointDefinition[] = [];
    for (const name of names) {
      try {
        definitions.push((await this.#load(name, options.signal)).endpoint);
      } catch (error) {
        // A file that is not a fixture is skipped rather than failing the whole list.
        if (!(error instanceof UpstreamError)) throw error;
      }
    }
    return definitions;
  }

  async run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse> {
    const { endpoint, run } = await this.#load(name, options.signal);
    if (body.limit === undefined && body.offset === undefined) return run;
    if (!isHogQL(endpoint.query)) {
      throw new UpstreamError('limit and offset are only for SQL endpoints', {
        status: 400,
        body: {
          type: 'validation_error',
          code: 'invalid_input',
          detail: 'limit and offset are only supported for HogQL endpoints.',
          attr: 'limit',
        },
      });
    }
    return paginate(run, body.limit, body.offset ?? 0);
  }

  async #load(name: string, signal: AbortSignal | undefined): Promise<FixtureFile> {
    // The name is checked before it comes anywhere near a path.
    if (!isEndpointName(name)) throw notFound();
    let text: string;
    try {
      text = await readFile(join(this.dir, `${name}.json`), { encoding: 'utf8', signal });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') throw notFound();
      throw error;
    }
    const parsed = parseJson(text);
    if (!isRecord(parsed) || !isRecord(parsed.endpoint) || !isRecord(parsed.run)) {
      throw new UpstreamError(`fixture ${name}.json lacks endpoint or run`, {
        status: 200,
        failure: 'bad_shape',
      });
    }
    return { endpoint: { ...parsed.endpoint, name }, run: parsed.run };
  }
}

function paginate(run: RawRunResponse, limit: number | undefined, offset: number): RawRunResponse {
  const rows = Array.isArray(run.results) ? run.results : [];
  const end = limit === undefined ? rows.length : offset + limit;
  return {
    ...run,
    results: rows.slice(offset, end),
    hasMore: end < rows.length,
    ...(limit === undefined ? {} : { limit }),
    offset,
  };
}

function isHogQL(query: unknown): boolean {
  return unwrapQuery(query)?.kind === 'HogQLQuery';
}

function notFound(): UpstreamError {
  return new UpstreamError('endpoint not found', { status: 404, body: NOT_FOUND_BODY });
}
