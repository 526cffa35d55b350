import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// In an app `ph-embed/define` is the installed package; here it is this repository's source. The
// component's decorator is compiled by Angular's JIT compiler in the browser (see main.ts); Vite only
// strips the types, with the legacy decorators examples/tsconfig.json turns on.
// `npx vite examples/angular` serves it beside a proxy on its default port (`npm run dev:server`).
export default defineConfig({
  resolve: { alias: { 'ph-embed/define': fileURLToPath(new URL('../../src/define.ts', import.meta.url)) } },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787' } },
});
