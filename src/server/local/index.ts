/**
 * The local engine, the upstream used when no PostHog key is set (DESIGN.md section 6): endpoint files,
 * data generated or loaded from a file of exported events, DuckDB locked down before the first query.
 */
import { fileURLToPath } from 'node:url';
import { LocalDatabase } from './db.js';
import { loadEndpoints } from './endpoints.js';
import { streamDataset } from './generator.js';
import { loadEventsFile } from './load-events.js';
import { LocalUpstream } from './upstream.js';

export { EndpointFileError } from './endpoints.js';
export { LoadEventsError } from './load-events.js';
export { LocalUpstream } from './upstream.js';

/** The example endpoints shipped in `endpoints/` at the repository root. */
export const DEFAULT_ENDPOINTS_DIR = fileURLToPath(new URL('../../../endpoints/', import.meta.url));
/** The generator's seed when none is configured, so every fresh start shows the same world. */
export const DEFAULT_SEED = 42;

export interface CreateLocalUpstreamOptions {
  /** `PH_EMBED_ENDPOINTS_DIR`: a folder of `<name>.json` endpoint files. */
  endpointsDir?: string;
  /** `PH_EMBED_EVENTS`: a CSV, JSON lines or Parquet file of exported events, instead of generated ones. */
  eventsFile?: string;
  /** `PH_EMBED_SEED`: the generator's seed. */
  seed?: number;
  /** A fixed "now" for the generated data and every query (tests); by default the current time. */
  now?: Date;
  /** The time zone insights bucket days and weeks in. Default UTC. */
  timezone?: string;
  /** Where to say how many rows were loaded (a pino logger fits). */
  logger?: { info(details: object, message: string): void };
}

/**
 * Builds the local upstream: checks every endpoint file, loads the data (generated, or the events
 * file), then locks the database so no query can reach files, extensions or settings. Throws an
 * `EndpointFileError` or `LoadEventsError` that names the file and the problem.
 */
export async function createLocalUpstream(options: CreateLocalUpstreamOptions = {}): Promise<LocalUpstream> {
  const started = performance.now();
  const endpoints = await loadEndpoints(options.endpointsDir ?? DEFAULT_ENDPOINTS_DIR);
  const db = await LocalDatabase.create();
  try {
    let events: number;
    let persons: number;
    if (options.eventsFile) {
      ({ events, persons } = await loadEventsFile(db, options.eventsFile));
    } else {
      const dataset = streamDataset({ seed: options.seed ?? DEFAULT_SEED, now: options.now ?? new Date() });
      events = await db.insertEvents(dataset.events);
      persons = await db.insertPersons(dataset.persons);
    }
    await db.lock();
    options.logger?.info(
      {
        events,
        persons,
        endpoints: endpoints.size,
        source: options.eventsFile ? 'file' : 'generated',
        ms: Math.round(performance.now() - started),
      },
      `local engine ready: ${events} events, ${persons} persons, ${endpoints.size} endpoints`,
    );
    return new LocalUpstream({ db, endpoints, now: options.now, timezone: options.timezone });
  } catch (error) {
    db.close();
    throw error;
  }
}
