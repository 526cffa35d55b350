// The npm package as a user gets it, after `npm run build` (npm test builds before this step): what
// `npm pack` would ship, that TypeScript finds the types of every entry through the package's own
// "exports", and that the server entry and the `ph-embed` command run on plain Node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { before, test } from 'node:test';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/** Files every user of the package relies on: entries, their types, the CDN file, the manifest. */
const REQUIRED = [
  'dist/lib/index.js',
  'dist/lib/define.js',
  'dist/types/index.d.ts',
  'dist/types/define.d.ts',
  'dist/types/react.d.ts',
  'dist/lib/react.js',
  'dist/server/index.js',
  'dist/server/index.d.ts',
  'dist/server/cli.js',
  'dist/ph-embed.js',
  'custom-elements.json',
  'vscode.html-custom-data.json',
  'package.json',
  'README.md',
];

before(() => {
  assert.ok(existsSync(join(root, 'dist/types/index.d.ts')), 'dist/ is not built: run `npm run build` first');
});

test('npm pack ships every entry with its types, and no tests or stories', async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const files = new Set(
    (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path),
  );
  for (const file of REQUIRED) assert.ok(files.has(file), `${file} is not in the package`);
  const stray = [...files].filter((file) => /^(test|stories|bench|examples|scripts)\//.test(file));
  assert.deepEqual(stray, [], 'the package ships development files');
});

test('TypeScript resolves ph-embed, ph-embed/define, ph-embed/react and ph-embed/server to typed declarations', async () => {
  // test/package/consumer.ts imports the package by name, as a user would; any missing or wrong type fails here.
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  await run(tsc, ['-p', join(root, 'test', 'package', 'tsconfig.json')], { cwd: root }).catch(
    (error: { stdout?: string }) =>
      assert.fail(`the consumer does not type-check:\n${error.stdout ?? error}`),
  );
});

test('ph-embed/server loads on plain Node and the ph-embed command answers --help', async () => {
  // By name, as a user imports it; a variable so that type-checking (before any build) does not need dist/.
  const entry = 'ph-embed/server';
  const server = (await import(entry)) as Record<string, unknown>;
  for (const name of ['createHandler', 'phEmbed', 'mintEmbedToken', 'startProxyServices', 'loadConfig']) {
    assert.equal(typeof server[name], 'function', `ph-embed/server exports ${name}`);
  }
  const { stdout } = await run(process.execPath, [join(root, 'dist', 'server', 'cli.js'), '--help']);
  assert.match(stdout, /^Usage: ph-embed <command>/);
});
