// The proxy `npm start` runs, minus the demo: the local DuckDB engine, `auth: none` on loopback, on a
// free port, silent. Built from an explicit environment so a PostHog key in the shell cannot switch
// the smoke test to the real API.
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';
import type { RunningServer } from '../src/server/main.js';

export async function startLocalProxy(): Promise<RunningServer> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    PH_EMBED_UPSTREAM: 'local',
    PH_EMBED_AUTH: 'none',
    LOG_LEVEL: 'silent',
  });
  return startServer(config);
}
