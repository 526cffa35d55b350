import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// In an app `ph-embed/define` is the installed package; here it is this repository's source.
// `npx vite examples/react` serves it beside a proxy on its default port (`npm run dev:server`).
export default defineConfig({
  resolve: { alias: { 'ph-embed/define': fileURLToPath(new URL('../../src/define.ts', import.meta.url)) } },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787' } },
});
