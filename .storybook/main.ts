/// <reference types="node" />
import { mergeConfig } from 'vite';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { ServerResponse } from 'node:http';
import type { ProxyOptions } from 'vite';

/**
 * Where `npm start` listens; the dev server forwards same-origin `/v1` there for the live story, and
 * `/demo/token` for its embed tokens (`npm start` runs in demo mode, so tokens are on).
 */
const proxyTarget = process.env['PH_EMBED_PROXY_URL'] ?? 'http://127.0.0.1:8787';

/**
 * Answers like the proxy would when it is not running, with a message that says what to do instead of
 * Vite's bare 502. A tile whose token request met it shows that it got no access token (the story's
 * help text says why); one that had a token shows the message. Vite still logs the connection error.
 */
function proxyDown(res: ServerResponse): void {
  if (res.headersSent || res.writableEnded) return;
  const message = `No ph-embed proxy at ${proxyTarget}. Start it with \`npm start\` (or set PH_EMBED_PROXY_URL), then press Retry.`;
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { code: 'upstream_unavailable', message, retryable: false } }));
}

const toProxy: ProxyOptions = {
  target: proxyTarget,
  changeOrigin: true,
  configure: (proxy) => {
    // The story's own origin would be refused by the proxy as cross-origin; present it as the
    // proxy's, as a reverse proxy in front of both would. Other origins pass unchanged.
    proxy.on('proxyReq', (proxyReq, req) => {
      const { origin, host } = req.headers;
      if (origin && URL.canParse(origin) && new URL(origin).host === host) {
        proxyReq.setHeader('origin', new URL(proxyTarget).origin);
      }
    });
    proxy.on('error', (_err, _req, res) => {
      if ('writeHead' in res) proxyDown(res);
    });
  },
};

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      server: {
        proxy: {
          '/v1': toProxy,
          '/demo/token': toProxy,
        },
      },
      // The docs renderer (React, shipped by addon-docs) is one chunk over Vite's 500 kB warning.
      build: { chunkSizeWarningLimit: 1500 },
    }),
};

export default config;
