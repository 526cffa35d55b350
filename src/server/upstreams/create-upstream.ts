/** Builds the upstream the config names. Step 3 adds `local`, step 4 wraps the result in a cache. */
import type { Config } from '../config.js';
import { FixturesUpstream } from './fixtures.js';
import { PostHogUpstream } from './posthog.js';
import type { Upstream } from './types.js';

export function createUpstream(config: Config): Upstream {
  if (config.upstream === 'fixtures') return new FixturesUpstream(config.fixturesDir);
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
