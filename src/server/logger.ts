/**
 * JSON-lines logging with pino. Header paths that can carry credentials are redacted by name, and every
 * line is scrubbed of the secrets given here by value as it is written, so a key that slips into an
 * error message or a URL still never reaches the log.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/** The part of a logger the app needs: pino's signature, so a child logger can be passed anywhere. */
export type ProxyLogger = Pick<Logger, 'error' | 'warn' | 'info' | 'debug' | 'child'>;

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stdout. Tests pass a stream to capture every line. */
  destination?: DestinationStream;
  /** Values that must never be written, such as the PostHog key. */
  secrets?: ReadonlyArray<string | undefined>;
}

const REDACTED = '[redacted]';

/**
 * Where credentials could sit in a logged object, by exact path. No `*` wildcards: pino's redaction
 * then walks every logged object, which cost 7 µs and 17 KB of garbage per line, the access line of
 * every cache hit included (measured; docs/DECISIONS.md). Nothing logs request headers today; these
 * paths are the net if something starts to, and the by-value scrub below catches the key and the
 * secrets wherever they appear.
 */
const REDACT_PATHS = [
  'authorization',
  'cookie',
  'Authorization',
  'Cookie',
  'headers.authorization',
  'headers.cookie',
  'headers.Authorization',
  'headers.Cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'request.headers.cookie',
  'posthogPersonalApiKey',
  'config.posthogPersonalApiKey',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // Secrets are matched in their JSON-escaped form, which is how they appear inside a written line.
  const escaped = secrets.map((s) => JSON.stringify(s).slice(1, -1));
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ph-embed' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: escaped.length > 0 ? { streamWrite: (line) => scrub(line, escaped) } : {},
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
