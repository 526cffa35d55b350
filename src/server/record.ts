/**
 * Record mode: the proxy runs against PostHog as usual and writes each endpoint it answers as a
 * `<name>.json` fixture, `{endpoint, run}` (what `GET .../endpoints/{name}/` and `/run` returned,
 * verbatim), into a folder the fixtures upstream can replay (PH_EMBED_FIXTURES_DIR). Two ways in:
 * PH_EMBED_RECORD_DIR wraps the live upstream so browsing the demo records what it shows, and
 * `recordEndpoints()` (the CLI's `record`) runs every endpoint once. Only whole answers are recorded:
 * a page of a SQL result (`limit`/`offset`) would replay as if it were all of it.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isEndpointName } from './endpoint-name.js';
import type { ProxyLogger } from './logger.js';
import type {
  EndpointDefinition,
  RawRunResponse,
  RunBody,
  Upstream,
  UpstreamCallOptions,
} from './upstreams/types.js';

export interface RecordingOptions {
  dir: string;
  logger: ProxyLogger;
}

export class RecordingUpstream implements Upstream {
  readonly kind: Upstream['kind'];
  readonly getOpenApi?: (name: string, options: UpstreamCallOptions) => Promise<unknown>;
  readonly #inner: Upstream;
  readonly #options: RecordingOptions;

  constructor(inner: Upstream, options: RecordingOptions) {
    this.kind = inner.kind;
    this.#inner = inner;
    this.#options = options;
    if (inner.getOpenApi) this.getOpenApi = inner.getOpenApi.bind(inner);
  }

  getEndpoint(name: string, options: UpstreamCallOptions): Promise<EndpointDefinition> {
    return this.#inner.getEndpoint(name, options);
  }

  listEndpoints(options: UpstreamCallOptions): Promise<EndpointDefinition[]> {
    return this.#inner.listEndpoints(options);
  }

  async run(name: string, body: RunBody, options: UpstreamCallOptions): Promise<RawRunResponse> {
    const raw = await this.#inner.run(name, body, options);
    if (body.limit === undefined && body.offset === undefined) {
      // Recording is a side job: a full disk must not fail the answer the browser is waiting for.
      try {
        const definition = await this.#inner.getEndpoint(name, {});
        await writeFixture(this.#options.dir, name, definition, raw);
      } catch (error) {
        this.#options.logger.error({ endpoint: name, err: error }, 'could not record the endpoint');
      }
    }
    return raw;
  }
}

export interface RecordEndpointsOptions {
  upstream: Upstream;
  dir: string;
  /** Endpoints to record; default: every endpoint the upstream lists. */
  names?: readonly string[];
  /** Variables sent with every run (e.g. `date_from`). */
  variables?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface RecordSummary {
  /** Paths written. */
  written: string[];
  failed: Array<{ name: string; message: string }>;
}

/** Runs each endpoint once and writes its fixture; one failure does not stop the others. */
export async function recordEndpoints(options: RecordEndpointsOptions): Promise<RecordSummary> {
  const { upstream, dir, signal } = options;
  const names =
    options.names ?? (await upstream.listEndpoints({ signal })).map((definition) => definition.name);
  const summary: RecordSummary = { written: [], failed: [] };
  for (const name of names) {
    try {
      const definition = await upstream.getEndpoint(name, { signal });
      const body: RunBody = options.variables ? { variables: options.variables } : {};
      const raw = await upstream.run(name, body, { signal });
      summary.written.push(await writeFixture(dir, name, definition, raw));
    } catch (error) {
      if (signal?.aborted) throw error;
      summary.failed.push({ name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}

/** Writes `<dir>/<name>.json` through a temporary file, so a reader never sees half a fixture. */
export async function writeFixture(
  dir: string,
  name: string,
  endpoint: EndpointDefinition,
  run: RawRunResponse,
): Promise<string> {
  // The name becomes a file name: PostHog's rule keeps `/`, `..` and `%` out of it.
  if (!isEndpointName(name)) throw new Error('not an endpoint name');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ endpoint: { ...endpoint, name }, run }, null, 2)}\n`);
  await rename(temporary, path);
  return path;
}
