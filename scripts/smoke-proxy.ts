// The proxy `npm start` runs (`src/server/main.ts --demo`): demo mode on loopback, so tokens are on with
// a secret made for this run and `POST /demo/token` hands them out; the local DuckDB engine; silent; on
// a free port. Built from an explicit environment so a PostHog key or auth setting in the shell cannot
// switch the smoke test to the real API or take the tokens away.
import { loadConfig } from '../src/server/config.js';
import { withDemoSecret } from '../src/server/demo.js';
import { startServer } from '../src/server/main.js';
import type { RunningServer } from '../src/server/main.js';

export async function startLocalProxy(): Promise<RunningServer> {
  const env = withDemoSecret({
    HOST: '127.0.0.1',
    PORT: '0',
    PH_EMBED_DEMO: 'true',
    PH_EMBED_UPSTREAM: 'local',
    LOG_LEVEL: 'silent',
  });
  return startServer(loadConfig(env), { demo: true });
}
