/**
 * `ph-embed/server`: the proxy as a library. `createHandler` is the web-standard handler (Next.js,
 * Bun, Deno, Workers), `phEmbed`/`toNodeListener` mount it in Node (Express, Connect, node:http),
 * `mintEmbedToken` is what the host application's backend calls to issue embed tokens, and
 * `loadConfig` reads the same settings `ph-embed serve` does.
 */
export { createHandler, type HandlerOptions, type ProxyHandler } from './handler.js';
export {
  handleClientErrors,
  phEmbed,
  toNodeListener,
  type FetchHandler,
  type NodeListener,
  type NodeListenerOptions,
} from './http/node-adapter.js';
export {
  createTokenVerifier,
  mintEmbedToken,
  parseDuration,
  type MintEmbedTokenInput,
  type MintOptions,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './auth/tokens.js';
export type { EmbedClaims, LockedValue } from './auth/claims.js';
export type { AuthMode } from './auth/settings.js';
export { ConfigError, loadConfig, type Config, type LoadConfigOptions } from './config.js';
export type { ProxyServices } from './run/services.js';
export { startProxyServices } from './run/start-services.js';
export type {
  EndpointDefinition,
  RawRunResponse,
  RunBody,
  Upstream,
  UpstreamCallOptions,
} from './upstreams/types.js';
export type { VariableSpec, VariableType } from './variables/spec.js';
export type { EndpointSummary, ErrorBody, ErrorCode, RunRequest, RunResponse } from '../data/types.js';
