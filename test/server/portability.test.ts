/**
 * `createHandler` is for any fetch runtime (a Worker, a Next.js edge route, Bun, Deno): bundled the way
 * those tools bundle it, its module graph holds no Node built-in, no native module and no import left
 * to resolve at run time. The Node-only upstreams (DuckDB, fixture files) stay out of it.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { build, type Rollup } from 'vite';

const HANDLER = fileURLToPath(new URL('../../src/server/handler.ts', import.meta.url));

test('the handler bundles for a runtime without Node: no built-ins, no DuckDB, no pino, no open imports', async () => {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: HANDLER, formats: ['es'] },
      rolldownOptions: { platform: 'neutral' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  assert.equal(chunks.length, 1, 'one file: nothing split off to load later');
  const [chunk] = chunks as Rollup.OutputChunk[];
  const packages = new Set(
    Object.keys(chunk!.modules)
      .filter((id) => id.includes('/node_modules/'))
      .map((id) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)![1]!),
  );
  for (const nodeOnly of ['@duckdb/node-api', 'pino', 'ioredis', '@hono/node-server', 'lru-cache']) {
    assert.ok(!packages.has(nodeOnly), `${nodeOnly} is in the handler's bundle`);
  }
  assert.deepEqual(chunk!.imports, [], 'imports left to the runtime');
  assert.deepEqual(chunk!.dynamicImports, [], 'dynamic imports left to the runtime');
  // Vite stands in an empty module for each Node built-in it meets; there must be none to stand in for.
  const builtIns = /__vite-browser-external|__vite_browser_external/.test(chunk!.code);
  assert.equal(builtIns, false, 'a Node built-in is required somewhere in the graph');
  const openImport = /\bimport\((?!\s*\/\*)/.test(chunk!.code);
  assert.equal(openImport, false, 'a dynamic import a bundler would try to follow');
});
