import { FetchClient } from './client.js';
import type { Credentials, TokenProvider } from './token-source.js';

/** Enough for the proxies and tokens one page uses at once; a rotated token evicts the oldest. */
const MAX_CLIENTS = 8;
const clients = new Map<string, FetchClient>();
/** Per token provider, its clients by proxy: they go when the page drops the function. */
const providerClients = new WeakMap<TokenProvider, Map<string, FetchClient>>();

/**
 * One `FetchClient` per proxy and token (or token provider) for the whole page, so elements
 * without a provider still share in-flight requests and tokens (and a re-render never builds a
 * new client).
 */
export function fetchClientFor(proxy: string | undefined, credentials: Credentials): FetchClient {
  if (typeof credentials === 'function') {
    let byProxy = providerClients.get(credentials);
    if (!byProxy) providerClients.set(credentials, (byProxy = new Map()));
    let client = byProxy.get(proxy ?? '');
    if (!client) {
      client = new FetchClient({ proxy: proxy || undefined, tokenProvider: credentials });
      byProxy.set(proxy ?? '', client);
    }
    return client;
  }
  const key = `${proxy ?? ''}\n${credentials ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new FetchClient({ proxy: proxy || undefined, token: credentials });
    clients.set(key, client);
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  }
  return client;
}
