/**
 * Mounts the web-standard handler in Node: `http.createServer(listener)`, or as Express/Connect
 * middleware (`app.use('/analytics', phEmbed({...}))`; Express strips the mount path from `req.url`,
 * and `basePath` does the same for a bare server). The request body is streamed with backpressure, a
 * client that hangs up aborts the request, and only `node:http` types are imported, so importing
 * this module costs nothing in other runtimes.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError, internalError } from '../errors/api-error.js';
import { createHandler, type HandlerOptions, type ProxyHandler } from '../handler.js';
import { nodeRunLane, type NodeRunLane } from './node-run-lane.js';

export type FetchHandler = (request: Request, env?: unknown) => Promise<Response>;
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

export interface NodeListenerOptions {
  /** Only requests under this path are served (and it is stripped); others go to `next` or get a 404. */
  basePath?: string;
}

/** Express/Connect middleware (or a plain `node:http` listener) serving the proxy. */
export function phEmbed(options: HandlerOptions): NodeListener {
  const { basePath, ...rest } = options;
  return toNodeListener(createHandler(rest), { basePath });
}

export function toNodeListener(handler: FetchHandler, options: NodeListenerOptions = {}): NodeListener {
  const basePath = options.basePath ? `/${options.basePath.replace(/^\/+|\/+$/g, '')}` : '';
  const lane = laneOf(handler);
  return (req, res, next) => {
    const path = req.url ?? '/';
    if (
      basePath &&
      basePath !== '/' &&
      path !== basePath &&
      !path.startsWith(`${basePath}/`) &&
      !path.startsWith(`${basePath}?`)
    ) {
      if (next) return next();
      return void send(res, withRequestId(new ApiError(404, 'endpoint_not_found', 'No such route')));
    }
    const inner = basePath && basePath !== '/' ? path.slice(basePath.length) || '/' : path;
    if (lane?.(req, res, inner)) return;
    serve(handler, req, res, inner.startsWith('/') ? inner : `/${inner}`).catch((error: unknown) => {
      if (next && !res.headersSent) return next(error);
      if (!res.headersSent) return void send(res, withRequestId(internalError()));
      res.destroy(error instanceof Error ? error : undefined);
    });
  };
}

/** The run lane of a ProxyHandler mounted at its root; other fetch handlers have none. */
export function laneOf(handler: FetchHandler): NodeRunLane | undefined {
  const proxy = handler as Partial<ProxyHandler>;
  return proxy.lane && proxy.basePath === '' ? nodeRunLane(proxy.lane) : undefined;
}

async function serve(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const aborter = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  const request = new Request(new URL(path, `${protocolOf(req)}://${req.headers.host ?? 'localhost'}`), {
    method: req.method,
    headers: headersOf(req),
    body: bodyOf(req),
    signal: aborter.signal,
    duplex: 'half',
  } as RequestInit);
  const response = await handler(request, { incoming: req, outgoing: res });
  await send(res, response, req.method === 'HEAD');
}

async function send(res: ServerResponse, response: Response, headOnly = false): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body || headOnly) {
    await response.body?.cancel();
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
      if (res.destroyed) break;
    }
  } finally {
    reader.releaseLock();
  }
  res.end();
}

/** Answers made here, outside the app, carry the headers the app's answers do. */
function withRequestId(error: ApiError): Response {
  return error.toResponse({ 'X-Request-Id': crypto.randomUUID(), 'X-Content-Type-Options': 'nosniff' });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** The body as a stream read on demand; a body an earlier middleware already parsed is re-sent as JSON. */
function bodyOf(req: IncomingMessage): RequestInit['body'] {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (req.readableEnded && parsed !== undefined) {
    if (typeof parsed === 'string') return parsed;
    return parsed instanceof Uint8Array ? new Uint8Array(parsed) : JSON.stringify(parsed);
  }
  let discard = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          if (discard) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          if (!discard) controller.close();
        });
        req.once('error', (error) => {
          if (!discard) controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        // The proxy stopped reading (a body over the limit): drop the rest rather than buffer it.
        discard = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

function protocolOf(req: IncomingMessage): 'http' | 'https' {
  return (req.socket as Socket & { encrypted?: boolean }).encrypted ? 'https' : 'http';
}

/**
 * Node answers a malformed request (a CR or LF inside a header, headers over its size limit) itself,
 * before any handler; this makes that answer the proxy's JSON error with a request id, and closes.
 */
export function handleClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const message = tooLarge ? 'The request headers are too large' : 'The request is malformed';
    const body = JSON.stringify({ error: { code: 'invalid_request', message, retryable: false } });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\n` +
        `X-Request-Id: ${crypto.randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
