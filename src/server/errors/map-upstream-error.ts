/**
 * Turns what an upstream threw into what the browser is told (DESIGN.md section 3). The browser learns
 * whether to fix its request, retry, or give up; operators learn the rest from the log. A PostHog 401
 * or 403 means the proxy's own key is wrong, so the browser gets a 502 (its token is fine and must not
 * be refreshed) and the log gets an error.
 */
import type { ProxyLogger } from '../logger.js';
import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamTimeoutError,
  type PostHogErrorBody,
} from '../upstreams/errors.js';
import { ApiError } from './api-error.js';

const DEFAULT_RETRY_AFTER_S = 60;
const MAX_MESSAGE_LENGTH = 300;

/**
 * The browser-facing error for an upstream failure, or undefined when `error` is not one. `secrets`
 * are cut out of any upstream text passed on, in case PostHog ever echoes a credential.
 */
export function mapUpstreamError(
  error: unknown,
  log: ProxyLogger,
  secrets: readonly string[] = [],
): ApiError | undefined {
  if (error instanceof UpstreamTimeoutError) {
    log.warn({ timeoutMs: error.timeoutMs }, 'upstream timed out');
    return new ApiError(504, 'upstream_timeout', 'PostHog did not answer in time', { retryable: true });
  }
  if (error instanceof UpstreamConnectionError) {
    log.error({ code: error.code }, 'upstream unreachable');
    return new ApiError(503, 'upstream_unavailable', 'PostHog cannot be reached right now', {
      retryable: true,
    });
  }
  if (error instanceof UpstreamError) return fromUpstreamError(error, log, secrets);
  return undefined;
}

function fromUpstreamError(error: UpstreamError, log: ProxyLogger, secrets: readonly string[]): ApiError {
  const { status, failure } = error;
  const context = { upstreamStatus: status, failure, upstreamCode: codeOf(error.body) };
  if (status === 429) {
    log.warn(context, 'upstream rate limit');
    const retryAfterS = error.retryAfterS ?? DEFAULT_RETRY_AFTER_S;
    return new ApiError(429, 'rate_limited', 'Too many requests to PostHog; try again later', {
      retryable: true,
      retryAfterS,
    });
  }
  if (status === 503 || status === 202) {
    log.warn(context, status === 202 ? 'upstream still running the query' : 'upstream unavailable');
    const message =
      status === 202
        ? 'PostHog is still computing this answer; try again shortly'
        : 'PostHog is busy right now; try again shortly';
    return new ApiError(503, 'upstream_unavailable', message, {
      retryable: true,
      ...(error.retryAfterS === undefined ? {} : { retryAfterS: error.retryAfterS }),
    });
  }
  if (status >= 500) {
    log.error(context, 'upstream server error');
    return new ApiError(502, 'upstream_error', 'PostHog failed to answer', { retryable: true });
  }
  if (failure !== 'status' || status < 400) {
    log.error({ ...context, detail: error.message }, 'unusable upstream answer');
    return new ApiError(502, 'upstream_error', 'PostHog sent an answer the proxy cannot use');
  }
  if (status === 401 || status === 403) {
    log.error(
      context,
      'PostHog refused the proxy key: check POSTHOG_PERSONAL_API_KEY and its endpoint:read scope',
    );
    return new ApiError(
      502,
      'upstream_error',
      'The proxy is not authorised by PostHog; its operator must fix it',
    );
  }
  if (status === 404) return new ApiError(404, 'endpoint_not_found', 'Endpoint not found');
  if (status === 400) {
    const message = sanitize(messageOf(error.body), secrets) ?? 'PostHog rejected the request';
    log.info(context, 'upstream rejected the request');
    return new ApiError(400, aboutVariables(error.body) ? 'invalid_variables' : 'invalid_request', message);
  }
  log.error(context, 'unexpected upstream status');
  return new ApiError(502, 'upstream_error', 'PostHog failed to answer');
}

function codeOf(body: PostHogErrorBody | undefined): string | undefined {
  return typeof body?.code === 'string' ? body.code.slice(0, 64) : undefined;
}

/** PostHog's human message: `detail`, or `error`, which DRF may also send as a list or a field map. */
function messageOf(body: PostHogErrorBody | undefined): string | undefined {
  return firstText(body?.detail) ?? firstText(body?.error);
}

function firstText(value: unknown, depth = 0): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > 2 || typeof value !== 'object' || value === null) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = firstText(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function aboutVariables(body: PostHogErrorBody | undefined): boolean {
  const attr = typeof body?.attr === 'string' ? body.attr : '';
  if (/variable/i.test(attr)) return true;
  return /variable/i.test(messageOf(body) ?? '');
}

/** One line, printable, bounded and free of secrets: PostHog's text is shown to end users. */
function sanitize(message: string | undefined, secrets: readonly string[]): string | undefined {
  if (message === undefined) return undefined;
  const scrubbed = secrets.reduce(
    (text, secret) => (secret ? text.split(secret).join('[redacted]') : text),
    message,
  );
  const line = scrubbed
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return undefined;
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}
