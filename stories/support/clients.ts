/**
 * Fake proxy clients for the stories of `<ph-endpoint-chart>` and `<ph-endpoint-provider>`: the
 * component tests' `FakeClient`, set up for each state a chart can be in. Nothing leaves the page.
 */
import { PhApiError } from '../../src/data/errors.js';
import { FakeClient, FIXTURE_NAMES } from '../../test/helpers/fake-client.js';
import { emptied } from './results.js';

/** How the story's client answers. */
export type Answers = 'samples' | 'pending' | 'empty' | 'error';

export const ANSWERS: readonly Answers[] = ['samples', 'pending', 'empty', 'error'];

/** A new client per render, so a held request or a stored answer never leaks between stories. */
export function clientAnswering(answers: Answers): FakeClient {
  const client = new FakeClient();
  if (answers === 'pending') client.hold = true;
  if (answers === 'empty') for (const name of FIXTURE_NAMES) client.responses.set(name, emptied(name));
  if (answers === 'error') {
    // Not retryable, so the chart waits for Retry rather than polling on its own.
    client.failWith = new PhApiError({
      status: 502,
      code: 'upstream_error',
      message: 'PostHog could not run this endpoint. Try again in a moment.',
      retryable: false,
    });
  }
  return client;
}

export { FIXTURE_NAMES };
