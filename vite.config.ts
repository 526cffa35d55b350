import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const root = import.meta.dirname;

/**
 * One config, three builds, picked with `--mode`:
 * - `lib`: ESM modules for the npm package (`dist/lib`), Lit and chart.js left as dependencies.
 * - `cdn`: the single-file `dist/ph-embed.js` that registers every tag, everything inlined and minified.
 * - `demo` (and the dev server): the demo pages in `demo/`, built to `dist/demo` and served by the proxy.
 */
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'lib') {
    return {
      build: {
        outDir: 'dist/lib',
        emptyOutDir: true,
        sourcemap: true,
        minify: false,
        lib: {
          entry: { index: resolve(root, 'src/index.ts'), define: resolve(root, 'src/define.ts') },
          formats: ['es'],
        },
        rolldownOptions: { external: [/^lit/, /^@lit\//, /^chart\.js/] },
      },
    };
  }
  if (mode === 'cdn') {
    return {
      // The CDN files share dist/ with the other builds, so only our own old files are swept
      // (hashed chunks of an earlier build would otherwise pile up beside the new ones).
      plugins: [
        {
          name: 'ph-embed:sweep-old-cdn-files',
          buildStart() {
            const dist = resolve(root, 'dist');
            if (!existsSync(dist)) return;
            for (const file of readdirSync(dist, { withFileTypes: true }).filter((f) => f.isFile())) {
              if (/^ph-embed.*\.js$/.test(file.name)) rmSync(resolve(dist, file.name));
            }
          },
        },
      ],
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        lib: { entry: resolve(root, 'src/define.ts'), formats: ['es'], fileName: () => 'ph-embed.js' },
        // Lib mode keeps whitespace in ES output by default; the CDN file is for browsers, not bundlers.
        rolldownOptions: { output: { minify: true, chunkFileNames: 'ph-embed-[name]-[hash].js' } },
      },
    };
  }
  return {
    root: resolve(root, 'demo'),
    build: {
      outDir: resolve(root, 'dist/demo'),
      emptyOutDir: true,
      // The customer dashboard and the internal tools page.
      rolldownOptions: { input: [resolve(root, 'demo/index.html'), resolve(root, 'demo/internal.html')] },
    },
    // `npm run dev` serves the demo with hot reload and forwards the API (and the demo's token route) to
    // a proxy on its default port started with PH_EMBED_DEMO=true.
    server: {
      proxy: {
        '/v1': 'http://127.0.0.1:8787',
        '/healthz': 'http://127.0.0.1:8787',
        '/demo/token': 'http://127.0.0.1:8787',
      },
    },
  };
});
