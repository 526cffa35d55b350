import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// In an app `ph-embed/define` is the installed package; here it is this repository's source. The
// component's template is compiled in the browser, which takes Vue's full build; with single-file
// components and @vitejs/plugin-vue, set `isCustomElement` in the plugin's `template.compilerOptions`.
// `npx vite examples/vue` serves it beside a proxy on its default port (`npm run dev:server`).
export default defineConfig({
  resolve: {
    alias: {
      'ph-embed/define': fileURLToPath(new URL('../../src/define.ts', import.meta.url)),
      vue: 'vue/dist/vue.esm-bundler.js',
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8787' } },
});
