// Runs node:test suites written in TypeScript: `node scripts/run-server-tests.mjs [dirs or files...]`
// (default test/server). Node 20's --test takes no globs, so the *.test.ts files are found here and
// passed by name; tsx compiles them. Exits with the test runner's code.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['test/server']).flatMap(findTests).sort();

if (files.length === 0) {
  console.error(`No *.test.ts files under ${roots.join(', ') || 'test/server'}`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...files.map((file) => relative(process.cwd(), file)),
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function findTests(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) {
    console.error(`No such file or folder: ${path}`);
    process.exit(1);
  }
  if (stats.isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules' ? [] : findTests(join(path, entry.name)),
  );
}
