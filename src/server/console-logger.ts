/**
 * The logger `createHandler` uses when none is given: JSON lines through `console`, which every
 * runtime has (pino is Node-only). Same call shapes as pino (`log.info(obj, msg)` or `log.info(msg)`),
 * same scrubbing of secrets by value, so a mount in a Worker logs as safely as the Node server.
 */
import type { LogLevel } from './config-schema.js';
import type { ProxyLogger } from './logger.js';

const LEVELS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

export interface ConsoleLoggerOptions {
  level?: LogLevel;
  /** Values that must never be written (the PostHog key, embed-token secrets). */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where lines go; defaults to console.log (console.error for warn and above). */
  write?: (line: string, level: number) => void;
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): ProxyLogger {
  const threshold = LEVELS[options.level ?? 'info'];
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // This is the one place outside the CLI that writes to the console: it is the log sink itself.
  const sink = globalThis.console;
  const write =
    options.write ??
    ((line: string, level: number) => (level >= LEVELS.warn ? sink.error(line) : sink.log(line)));
  return make({ service: 'ph-embed' }, threshold, secrets, write);
}

type Write = (line: string, level: number) => void;

function make(
  bindings: Record<string, unknown>,
  threshold: number,
  secrets: string[],
  write: Write,
): ProxyLogger {
  const at =
    (level: number) =>
    (first?: unknown, second?: unknown): void => {
      if (level < threshold) return;
      const fields = typeof first === 'object' && first !== null ? serializable(first) : {};
      const msg = typeof first === 'string' ? first : typeof second === 'string' ? second : undefined;
      let line = JSON.stringify({ level, time: Date.now(), ...bindings, ...fields, ...(msg ? { msg } : {}) });
      for (const secret of secrets) if (line.includes(secret)) line = line.split(secret).join('[redacted]');
      write(line, level);
    };
  const logger = {
    error: at(LEVELS.error),
    warn: at(LEVELS.warn),
    info: at(LEVELS.info),
    debug: at(LEVELS.debug),
    child: (extra: Record<string, unknown>) => make({ ...bindings, ...extra }, threshold, secrets, write),
  };
  return logger as unknown as ProxyLogger;
}

/** Errors become `{type, message}`: their stacks stay out of the line, like pino's err serializer minus stack. */
function serializable(fields: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { type: value.name, message: value.message } : value;
  }
  return out;
}
