// `npm run analyze`: the Custom Elements Manifest from the JSDoc in src/components, and what is made from
// it: VS Code's HTML custom data and the README's API tables. `--check` writes nothing and fails when any
// of them differs from what is committed, so the docs cannot drift from the code.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { apiMarkdown, vscodeCustomData } from './api-docs-render.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = 'custom-elements.json';
const VSCODE_DATA = 'vscode.html-custom-data.json';
const README = 'README.md';
const START = '<!-- api:start -->';
const END = '<!-- api:end -->';

const asJson = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The analyzer, run in memory with custom-elements-manifest.config.mjs. */
async function analyze() {
  return cli({ argv: ['analyze', '--quiet'], cwd: root, noWrite: true });
}

/** README.md with the generated tables between the markers; throws when a marker is missing. */
function withApiTables(readme, manifest) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} needs ${START} followed by ${END}`);
  return `${readme.slice(0, start + START.length)}\n\n${apiMarkdown(manifest)}\n\n${readme.slice(end)}`;
}

async function readOrEmpty(file) {
  return readFile(join(root, file), 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

async function expectedFiles() {
  const manifest = await analyze();
  const readme = await readFile(join(root, README), 'utf8');
  return new Map([
    [MANIFEST, asJson(manifest)],
    [VSCODE_DATA, asJson(vscodeCustomData(manifest))],
    [README, withApiTables(readme, manifest)],
  ]);
}

/** package.json must point tools at the manifest this script writes. */
async function packageJsonProblem() {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  return pkg.customElements === MANIFEST ? undefined : `package.json "customElements" must be "${MANIFEST}"`;
}

async function check() {
  const stale = [];
  for (const [file, content] of await expectedFiles()) {
    if ((await readOrEmpty(file)) !== content) stale.push(`${file} is not what the source generates`);
  }
  const pkgProblem = await packageJsonProblem();
  if (pkgProblem) stale.push(pkgProblem);
  if (stale.length > 0) {
    for (const problem of stale) console.error(`api-docs: ${problem}`);
    console.error('api-docs: run `npm run analyze` and commit the result');
    process.exit(1);
  }
  console.log(`api-docs: ${MANIFEST}, ${VSCODE_DATA} and the ${README} API tables are current`);
}

async function write() {
  for (const [file, content] of await expectedFiles()) {
    if ((await readOrEmpty(file)) !== content) {
      await writeFile(join(root, file), content);
      console.log(`api-docs: wrote ${file}`);
    }
  }
}

await (process.argv.includes('--check') ? check() : write());
