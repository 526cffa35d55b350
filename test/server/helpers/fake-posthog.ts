/**
 * A strict fake of PostHog's Endpoints API (DESIGN.md section 2) on a loopback port. It refuses what
 * PostHog refuses (wrong key, project, method, trailing slash, inactive endpoint, and every run body
 * PostHog would refuse: see fake-posthog-validate.ts), records every request, serves
 * test/fixtures/endpoints/, and can be scripted per test to answer with a given status or body, hang,
 * or drop the connection.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openApiDocument, type InsightVariableType } from './fake-openapi.js';
import { checkRun, isRefusal } from './fake-posthog-validate.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/endpoints/', import.meta.url));

export interface RecordedRequest {
  method: string;
  /** Path plus query string, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Route = 'run' | 'get' | 'list' | 'openapi';

/** A scripted answer: a status with a JSON or text body, or a misbehaviour. */
export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | { hang: true }
  | { destroy: true }
  /** Holds the answer until `wait` settles, then plays `then`. */
  | { wait: Promise<unknown>; then: Reply }
  /** Writes the answer by hand, for misbehaviour the other replies cannot express (truncation, huge bodies). */
  | { respond: (res: ServerResponse) => void };

export interface FakePostHog {
  /** Origin, e.g. http://127.0.0.1:39211 */
  url: string;
  key: string;
  projectId: string;
  requests: RecordedRequest[];
  /** Answers every request to `route` with `reply` until reset(). */
  script(route: Route, reply: Reply | ((req: RecordedRequest) => Reply | undefined)): void;
  /** Resolves with the first request (already recorded or still to come) that matches. */
  waitForRequest(match: (req: RecordedRequest) => boolean): Promise<RecordedRequest>;
  reset(): void;
  close(): Promise<void>;
}

export interface FakePostHogOptions {
  key: string;
  projectId?: string;
  /** Endpoints per page of the list; PostHog pages with `next`. */
  pageSize?: number;
  /** Served beside test/fixtures/endpoints/, by name (a SQL endpoint with variables, say). */
  endpoints?: Record<string, Fixture>;
  /** InsightVariable types by variable id, for SQL variables in `openapi.json` (default: string). */
  variableTypes?: Record<string, InsightVariableType>;
  /** false: answer `openapi.json` with a 404, as a PostHog from before it existed does. */
  openapi?: boolean;
}

export interface Fixture {
  endpoint: Record<string, unknown> & {
    query?: Record<string, unknown> & { kind?: string; source?: { kind?: string } };
  };
  run: Record<string, unknown> & { results: unknown[] };
}

/** PostHog's 404 for an unknown path, project or endpoint, and for an inactive endpoint's run. */
export const NOT_FOUND = { type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null };
/** PostHog's 401 for a wrong or revoked personal API key. */
export const UNAUTHENTICATED = {
  type: 'authentication_error',
  code: 'authentication_failed',
  detail: 'Incorrect authentication credentials.',
  attr: null,
};
const FORBIDDEN_PROJECT = {
  type: 'authentication_error',
  code: 'permission_denied',
  detail: "You don't have access to the project.",
  attr: null,
};
// PostHog's router makes the trailing slash optional; this fake insists on it, except for openapi.json.
const PATH =
  /^\/api\/(projects|environments)\/([^/]+)\/endpoints\/(?:([^/]+)\/(?:(run)\/|(openapi\.json)\/?)?)?$/;

export async function startFakePostHog(options: FakePostHogOptions): Promise<FakePostHog> {
  const projectId = options.projectId ?? '4242';
  const fixtures = loadFixtures();
  for (const [name, fixture] of Object.entries(options.endpoints ?? {})) fixtures.set(name, fixture);
  const requests: RecordedRequest[] = [];
  const scripts = new Map<Route, Reply | ((req: RecordedRequest) => Reply | undefined)>();
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<{
    match: (req: RecordedRequest) => boolean;
    resolve: (req: RecordedRequest) => void;
  }>();

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      for (const waiter of waiters) {
        if (!waiter.match(recorded)) continue;
        waiters.delete(waiter);
        waiter.resolve(recorded);
      }
      handle(recorded, res);
    });
  });

  function handle(req: RecordedRequest, res: ServerResponse): void {
    const url = new URL(req.url, 'http://fake');
    const match = PATH.exec(url.pathname);
    if (!match) return send(res, 404, NOT_FOUND);
    if (req.headers.authorization !== `Bearer ${options.key}`) return send(res, 401, UNAUTHENTICATED);
    const [, , project, name, run, openapi] = match;
    if (project !== projectId)
      return /^\d+$/.test(project ?? '') ? send(res, 403, FORBIDDEN_PROJECT) : send(res, 404, NOT_FOUND);
    const route: Route = run ? 'run' : openapi ? 'openapi' : name ? 'get' : 'list';
    const allowed = route === 'run' ? 'POST' : 'GET';
    if (req.method !== allowed && !(allowed === 'GET' && req.method === 'HEAD')) {
      return send(res, 405, {
        type: 'invalid_request',
        code: 'method_not_allowed',
        detail: `Method "${req.method}" not allowed.`,
        attr: null,
      });
    }
    const scripted = scripts.get(route);
    const reply = typeof scripted === 'function' ? scripted(req) : scripted;
    if (reply) return play(res, reply);
    if (route === 'list') return list(res, url);
    const fixture = fixtures.get(name ?? '');
    if (!fixture) return send(res, 404, NOT_FOUND);
    if (route === 'get') return send(res, 200, fixture.endpoint);
    if (route === 'openapi') {
      if (options.openapi === false) return send(res, 404, NOT_FOUND);
      const document = openApiDocument({
        endpoint: fixture.endpoint,
        projectId,
        origin: origin(),
        variableTypes: options.variableTypes ?? {},
      });
      return send(res, 200, document);
    }
    return runEndpoint(req, res, url, name ?? '', fixture);
  }

  function list(res: ServerResponse, url: URL): void {
    const all = [...fixtures.values()].map((fixture) => fixture.endpoint);
    const pageSize = options.pageSize ?? 100;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const next =
      offset + pageSize < all.length ? `${origin()}${url.pathname}?offset=${offset + pageSize}` : null;
    send(res, 200, { results: all.slice(offset, offset + pageSize), next });
  }

  function runEndpoint(req: RecordedRequest, res: ServerResponse, url: URL, name: string, fixture: Fixture) {
    // PostHog looks the endpoint up with is_active=True before it reads the body.
    if (fixture.endpoint.is_active === false) return send(res, 404, NOT_FOUND);
    const { headers, body } = req;
    const checked = checkRun({ name, endpoint: fixture.endpoint, headers, body, search: url.searchParams });
    if (isRefusal(checked)) return send(res, checked.status, checked.json);
    if (checked.limit === undefined) return send(res, 200, fixture.run);
    const offset = checked.offset ?? 0;
    const end = offset + checked.limit;
    send(res, 200, {
      ...fixture.run,
      results: fixture.run.results.slice(offset, end),
      hasMore: end < fixture.run.results.length,
      limit: checked.limit,
      offset,
    });
  }

  function play(res: ServerResponse, reply: Reply): void {
    if ('hang' in reply) {
      hanging.add(res);
      return;
    }
    if ('destroy' in reply) {
      res.socket?.destroy();
      return;
    }
    if ('respond' in reply) {
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
      reply.respond(res);
      return;
    }
    if ('wait' in reply) {
      hanging.add(res);
      void reply.wait.then(() => {
        hanging.delete(res);
        play(res, reply.then);
      });
      return;
    }
    const text = reply.text ?? JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status, {
      'Content-Type': reply.text === undefined ? 'application/json' : 'text/html',
      ...reply.headers,
    });
    res.end(text);
  }

  function origin(): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: origin(),
    key: options.key,
    projectId,
    requests,
    script: (route, reply) => void scripts.set(route, reply),
    waitForRequest: (match) => {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.add({ match, resolve }));
    },
    reset: () => {
      scripts.clear();
      requests.length = 0;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(json));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/** One endpoint of test/fixtures/endpoints/, by name (the file name without `.json`). */
export function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}.json`, 'utf8')) as Fixture;
}

function loadFixtures(): Map<string, Fixture> {
  const fixtures = new Map<string, Fixture>();
  for (const file of readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const name = file.slice(0, -5);
    fixtures.set(name, readFixture(name));
  }
  return fixtures;
}
