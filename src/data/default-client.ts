import { FetchClient } from './client.js';

/** Enough for the proxies and tokens one page uses at once; a rotated token evicts the oldest. */
const MAX_CLIENTS = 8;
const clients = new Map<string, FetchClient>();

/**
 * One `FetchClient` per proxy and token for the whole page, so elements without a provider still
 * share in-flight requests (and a re-render never builds a new client).
 */
export function fetchClientFor(proxy: string | undefined, token: string | undefined): FetchClient {
  const key = `${proxy ?? ''}\n${token ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new FetchClient({ proxy: proxy || undefined, token });
    clients.set(key, client);
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  }
  return client;
}
