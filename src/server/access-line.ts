/**
 * The one access line per request. A logger made by createLogger (logger.ts) registers a writer that
 * puts the line together itself, the same bytes pino would write, because pino's general path was a
 * sixth of a cache hit's time (docs/DECISIONS.md); any other logger (one an embedder passed in) writes it
 * through pino. Kept apart from logger.ts so that the web handler, which must bundle without pino
 * (test/server/portability.test.ts), can write the line.
 */
import type { ProxyLogger } from './logger.js';

/** The fields of the access line, in the order they are written. */
export interface AccessFields {
  reqId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  tenant: string | undefined;
}

type AccessWriter = (fields: AccessFields) => void;

const writers = new WeakMap<object, AccessWriter>();

/** Makes `write` the way `logger`'s access lines are written. */
export function setAccessWriter(logger: object, write: AccessWriter): void {
  writers.set(logger, write);
}

/** Writes the line `logger.info(fields, 'request')` writes. */
export function writeAccessLine(logger: ProxyLogger, fields: AccessFields): void {
  const write = writers.get(logger);
  if (write) write(fields);
  else logger.info({ ...fields }, 'request');
}
