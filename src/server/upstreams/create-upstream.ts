/**
 * Builds the upstream the config names. The local engine is imported only when chosen, so runtimes
 * that never use it (a Worker in front of PostHog, say) never load DuckDB.
 */
import type { Config } from '../config.js';
import { FixturesUpstream } from './fixtures.js';
import { PostHogUpstream } from './posthog.js';
import type { Upstream } from './types.js';

/** An upstream that holds resources (the local engine's database) and must be closed on shutdown. */
export type ClosableUpstream = Upstream & { close?(): void };

export async function createUpstream(
  config: Config,
  logger?: { info(details: object, message: string): void },
): Promise<ClosableUpstream> {
  if (config.upstream === 'fixtures') return new FixturesUpstream(config.fixturesDir);
  if (config.upstream === 'local') {
    const { createLocalUpstream } = await import('../local/index.js');
    return createLocalUpstream({
      endpointsDir: config.endpointsDir,
      eventsFile: config.eventsFile,
      seed: config.seed,
      logger,
    });
  }
  const personalApiKey = config.personalApiKey();
  // loadConfig refuses the posthog upstream without these; this guards callers that build a Config by hand.
  if (!config.posthogHost || !config.posthogProjectId || !personalApiKey) {
    throw new Error(
      'the posthog upstream needs POSTHOG_HOST, POSTHOG_PROJECT_ID and POSTHOG_PERSONAL_API_KEY',
    );
  }
  return new PostHogUpstream({
    host: config.posthogHost,
    projectId: config.posthogProjectId,
    personalApiKey,
    timeoutMs: config.timeoutMs,
  });
}
