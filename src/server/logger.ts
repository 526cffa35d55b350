/**
 * JSON-lines logging with pino. Header paths that can carry credentials are redacted by name, and every
 * line is scrubbed of the secrets given here by value as it is written, so a key that slips into an
 * error message or a URL still never reaches the log.
 */
import pino, { type DestinationStream, type LogFn, type Logger } from 'pino';
import { setAccessWriter, type AccessFields } from './access-line.js';
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
  const destination = options.destination ?? batchedStdout();
  const stdout = destination instanceof LineBatch ? destination : undefined;
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ph-embed' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        ...(escaped.length > 0 && { streamWrite: (line: string) => scrub(line, escaped) }),
        // A warning or an error is written at once, not with the next batch.
        ...(stdout && {
          logMethod(args: Parameters<LogFn>, method: LogFn, level: number) {
            method.apply(this, args);
            if (level >= WARN_LEVEL) stdout.flushSync();
          },
        }),
      },
    },
    destination,
  );
  setAccessWriter(logger, accessWriter(logger, destination, escaped));
  return logger;
}

/**
 * The access line (access-line.ts) as pino writes it for `info(fields, 'request')`: level, time, the
 * bindings, the fields, the message. logger.test.ts holds the two to each other, so a change to pino's
 * options here (a mixin, formatters) that the line does not follow fails there.
 */
function accessWriter(logger: Logger, out: DestinationStream, secrets: readonly string[]) {
  const bindings = logger as unknown as Record<symbol, string>;
  return (fields: AccessFields): void => {
    if (!logger.isLevelEnabled('info')) return;
    const tenant = fields.tenant === undefined ? '' : `,"tenant":${JSON.stringify(fields.tenant)}`;
    const line =
      `{"level":${INFO_LEVEL},"time":${Date.now()}${bindings[pino.symbols.chindingsSym]},` +
      `"reqId":${JSON.stringify(fields.reqId)},"method":${JSON.stringify(fields.method)},` +
      `"path":${JSON.stringify(fields.path)},"status":${fields.status},"ms":${fields.ms}${tenant},` +
      `"msg":"request"}\n`;
    out.write(secrets.length > 0 ? scrub(line, secrets) : line);
  };
}

const INFO_LEVEL = 30;
const WARN_LEVEL = 40;
let stdoutBatch: LineBatch | undefined;

/** stdout in batches (LineBatch), one for every logger of the process; what is gathered is written at exit. */
function batchedStdout(): LineBatch {
  if (!stdoutBatch) {
    const batch = new LineBatch(pino.destination({ dest: 1, sync: true }));
    process.once('exit', () => batch.flushSync());
    stdoutBatch = batch;
  }
  return stdoutBatch;
}

/**
 * Lines gathered until there are 4 KB of them or 100 ms have passed, then handed to sonic-boom in one
 * synchronous write (it handles partial writes and a busy pipe). Line by line, the access line of every
 * cache hit was a system call of its own, the largest single cost of a hit; sonic-boom's own
 * `minLength` batching measures the whole batch again on every line (docs/DECISIONS.md).
 */
class LineBatch implements DestinationStream {
  #lines: string[] = [];
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly out: BatchTarget) {}

  write(line: string): void {
    this.#lines.push(line);
    this.#chars += line.length;
    if (this.#chars >= BATCH_CHARS) this.flushSync();
    else this.#timer ??= setTimeout(() => this.flushSync(), BATCH_MS).unref();
  }

  flushSync(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#lines.length === 0) return;
    const text = this.#lines.join('');
    this.#lines = [];
    this.#chars = 0;
    this.out.write(text);
  }
}

const BATCH_CHARS = 4096;
const BATCH_MS = 100;

type BatchTarget = Pick<DestinationStream, 'write'>;

function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
