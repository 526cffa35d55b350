/**
 * Serves `POST /v1/endpoints/{name}/run` straight from node:http through the run lane (run-lane.ts),
 * with no web Request or Response in between. Only plain requests take it: a path whose name needs
 * no decoding and no normalising; anything else (other routes, methods, `%` or `..` in the path) is
 * left to the Hono app, so both give the same answer to every request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { payloadTooLarge } from '../routes/run-request.js';
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
    lane(new NodeCall(req, res, path), name).then(
      (answer) => write(res, answer),
      // The lane answers every failure itself; this only runs if writing that answer failed.
      (error: unknown) => res.destroy(error instanceof Error ? error : undefined),
    );
    return true;
  };
}

class NodeCall implements ProxyCall {
  readonly method = 'POST';
  #aborter: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly path: string,
  ) {}

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

  readText(maxBytes: number): Promise<string> {
    const { req } = this;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= maxBytes) return void chunks.push(chunk);
        // Over the cap: stop keeping it, and let the rest drain so the connection stays usable.
        req.off('data', onData);
        req.resume();
        reject(payloadTooLarge(maxBytes));
      };
      req.on('data', onData);
      req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.once('error', reject);
    });
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
