import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// In an app `ph-embed/define` is the installed package; here it is this repository's source.
// `npx vite examples/svelte` serves it beside a proxy on its default port (`npm run dev:server`).
export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: { 'ph-embed/define': fileURLToPath(new URL('../../src/define.ts', import.meta.url)) } },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787' } },
});
