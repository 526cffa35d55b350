/**
 * Serves `POST /v1/endpoints/{name}/run` straight from node:http through the run lane (run-lane.ts),
 * with no web Request or Response in between. Only plain requests take it: a path whose name needs
 * no decoding and no normalising; anything else (other routes, methods, `%` or `..` in the path) is
 * left to the Hono app, so both give the same answer to every request.
 *
 * The body (at most MAX_RUN_BODY_BYTES) is read before the lane starts, so a cache hit can be decided
 * at once. The checks still come first in effect: a body that is too big, or a client that went away,
 * is only reported when the route asks for the body, after the token has been checked.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { MAX_RUN_BODY_BYTES, declaresTooMuch, payloadTooLarge } from '../routes/run-request.js';
import type { Answer, ProxyCall } from './call.js';
import type { RunLane } from './run-lane.js';

const RUN_PATH = /^\/v1\/endpoints\/([a-zA-Z][a-zA-Z0-9_-]{0,127})\/run$/;

/** Takes the request and answers it (true), or leaves it for the general listener (false). */
export type NodeRunLane = (req: IncomingMessage, res: ServerResponse, path?: string) => boolean;

export function nodeRunLane(lane: RunLane): NodeRunLane {
  return (req, res, url = req.url ?? '') => {
    // A body some middleware already read (express.json()) is the general listener's to re-send.
    if (req.method !== 'POST' || req.readableEnded || (req as { body?: unknown }).body !== undefined) {
      return false;
    }
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const name = RUN_PATH.exec(path)?.[1];
    if (name === undefined) return false;
    const call = new NodeCall(req, res, path);
    call.read(MAX_RUN_BODY_BYTES, () => {
      const answer = lane(call, name);
      if (!(answer instanceof Promise)) return write(res, answer);
      answer.then(
        (settled) => write(res, settled),
        // The lane answers every failure itself; this only runs if writing that answer failed.
        (error: unknown) => res.destroy(error instanceof Error ? error : undefined),
      );
    });
    return true;
  };
}

class NodeCall implements ProxyCall {
  readonly method = 'POST';
  bufferedText: string | undefined;
  /** Why the body could not be read whole (too big, the client went away), for readText to report. */
  #failure: unknown;
  #aborter: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly path: string,
  ) {}

  /** Reads the body, at most `maxBytes`, then calls `ready` once (early when the body is over the cap). */
  read(maxBytes: number, ready: () => void): void {
    const { req } = this;
    // Refused on its declared length by the route, after the checks; nothing needs reading.
    if (declaresTooMuch(req.headers['content-length'], req.headers['transfer-encoding'], maxBytes)) {
      this.#failure = payloadTooLarge(maxBytes);
      return ready();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // Measured on cache hits (docs/DECISIONS.md): listeners added with `on` and taken off here cost less
    // than `once` wrappers, and a body in one chunk (the usual case) is decoded without a copy.
    const done = (failure?: unknown) => {
      req.off('data', onData).off('end', onEnd).off('error', done).off('close', onClose);
      if (failure !== undefined) this.#failure = failure;
      else
        this.bufferedText = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
      ready();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Over the cap: stop keeping it, and let the rest drain so the connection stays usable.
      req.resume();
      done(payloadTooLarge(maxBytes));
    };
    const onEnd = () => done();
    const onClose = () => done(new Error('the client closed the request before its body ended'));
    req.on('data', onData).on('end', onEnd).on('error', done).on('close', onClose);
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  get host(): string {
    return this.req.headers.host ?? '';
  }

  get socketAddress(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  async readText(maxBytes: number): Promise<string> {
    if (this.bufferedText === undefined) throw this.#failure;
    if (Buffer.byteLength(this.bufferedText) > maxBytes) throw payloadTooLarge(maxBytes);
    return this.bufferedText;
  }

  signal(): AbortSignal {
    if (!this.#aborter) {
      const aborter = new AbortController();
      this.#aborter = aborter;
      if ((this.req.socket as Socket).destroyed) aborter.abort();
      else this.res.once('close', () => this.res.writableFinished || aborter.abort());
    }
    return this.#aborter.signal;
  }
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const headers: Record<string, string | number> = answer.headers;
  if (answer.body !== null) headers['Content-Length'] = Buffer.byteLength(answer.body);
  res.writeHead(answer.status, headers);
  res.end(answer.body ?? undefined);
}
