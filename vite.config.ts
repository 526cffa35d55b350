import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify } from 'terser';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { chartjsTrim } from './scripts/vite-chartjs-trim.js';

const root = import.meta.dirname;

/** CSS inside css``: comments dropped, whitespace collapsed, and none kept beside `{};,>` or after `:`. */
function minifyCss(text: string): string {
  // Quoted strings (`content: ''`) are kept exactly; only the text between them changes. Comments
  // go first, in the same scan, so that an apostrophe in one ("the chart's height") opens no string.
  return text
    .replace(/('[^']*'|"[^"]*")|\/\*[^]*?\*\//g, (match, quoted?: string) => quoted ?? '')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * HTML inside html``/svg``: each run of whitespace in text and between attributes becomes one
 * space, which renders the same outside `<pre>` and `white-space: pre*` (the kit uses neither).
 * Quoted attribute values are kept exactly; a quote in text ("don't") is only text. The state
 * carries across the `${}` holes of one template.
 */
function minifyHtml(parts: readonly string[]): string[] {
  let inTag = false;
  let quote = '';
  return parts.map((part) =>
    part.replace(/\s+|["'<>]/g, (match) => {
      if (quote) {
        if (match === quote) quote = '';
      } else if (match === '<') inTag = true;
      else if (match === '>') inTag = false;
      else if (inTag && (match === '"' || match === "'")) quote = match;
      else if (/\s/.test(match)) return ' ';
      return match;
    }),
  );
}

/** The parts of an ESTree node the template minifier reads. */
interface TemplateNode {
  type?: string;
  tag?: { type: string; name?: string };
  quasi?: { quasis: { start: number; end: number; value: { raw: string } }[] };
}

/** Shrinks the literal text of Lit's html``, svg`` and css`` templates in our own modules (CDN build only). */
function minifyTemplates(): Plugin {
  return {
    name: 'ph-embed:minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/(html|svg|css)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as TemplateNode;
        const tag = n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' ? n.tag.name : '';
        const quasis = n.quasi?.quasis ?? [];
        const raws = quasis.map((q) => q.value.raw);
        const out =
          tag === 'css' ? raws.map(minifyCss) : tag === 'html' || tag === 'svg' ? minifyHtml(raws) : raws;
        quasis.forEach((q, i) => {
          if (out[i] !== q.value.raw) edits.push({ start: q.start, end: q.end, text: out[i]! });
        });
        for (const value of Object.values(n)) visit(value);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      let result = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) {
        result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      }
      return { code: result, map: null };
    },
  };
}

/**
 * A second minifier over the CDN files once Rolldown's own has run: terser's compressor finds
 * about 1.2 KB gzip more (mostly in chart.js). Only its safe transforms are on; the `unsafe*`
 * ones together found under 0.2 KB more, not enough to bet chart.js's and Lit's behaviour on.
 * It runs in `generateBundle`, after the chunk hashes are set: in `renderChunk` it would see
 * unminified code and save 0.2 KB less. The hash still names the code (terser is deterministic
 * for the locked version); a terser upgrade alone can change a file's bytes but not its meaning.
 */
function terserPass(): Plugin {
  return {
    name: 'ph-embed:terser',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const result = await minify(file.code, {
          module: true,
          ecma: 2020,
          compress: { passes: 3 },
          format: { comments: false },
        });
        if (result.code) file.code = result.code;
      }
    },
  };
}

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
          entry: {
            index: resolve(root, 'src/index.ts'),
            define: resolve(root, 'src/define.ts'),
            // Types only (JSX tag typings); the empty module keeps a plain `import 'ph-embed/react'` working.
            react: resolve(root, 'src/react.ts'),
          },
          formats: ['es'],
        },
        rolldownOptions: { external: [/^lit/, /^@lit\//, /^chart\.js/] },
      },
    };
  }
  if (mode === 'cdn') {
    return {
      plugins: [
        minifyTemplates(),
        // chart.js code our chart configs can never reach (the module lists each cut and why).
        chartjsTrim(),
        terserPass(),
        // The CDN files share dist/ with the other builds, so only our own old files are swept
        // (hashed chunks of an earlier build would otherwise pile up beside the new ones).
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
      // chart.js's colour library parses colours with a table of every CSS colour name; the CDN
      // file uses a stand-in that asks the browser instead (see the module for what it covers).
      resolve: { alias: { '@kurkle/color': resolve(root, 'src/internal/chart-color.ts') } },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        lib: { entry: resolve(root, 'src/define.ts'), formats: ['es'], fileName: () => 'ph-embed.js' },
        // Lib mode keeps whitespace in ES output by default; the CDN file is for browsers, not bundlers.
        rolldownOptions: {
          // chart.js's classes read properties at load time (`extends`, static fields), which by
          // default keeps the scales it ships but we never register (time, logarithmic, radial)
          // alive: ~6 KB gzip. No module of ours or Lit's relies on a bare property read's effect.
          treeshake: { propertyReadSideEffects: false },
          output: { minify: true, chunkFileNames: 'ph-embed-[name]-[hash].js' },
        },
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
