// The bundle budget (DESIGN.md section 10): the CDN build, every tag plus Lit and chart.js, at most
// 80 KB gzip in total. Reads what `npm run build:cdn` wrote and builds nothing itself. The lazy
// chunks counted are the ones dist/ph-embed.js actually imports (followed transitively), so stale
// chunks from earlier builds, which `build:cdn` leaves in dist/, neither count nor hide a new one.
// `node scripts/check-size.mjs --write` also rewrites the bundle section of BENCHMARKS.md.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeBenchmarkSection } from './benchmarks-md.mjs';

const DIST = resolve(import.meta.dirname, '..', 'dist');
const ENTRY = 'ph-embed.js';
/** DESIGN.md's budget, enforced: `npm test` fails above it. */
const BUDGET_BYTES = 80 * 1024;

/** File names of the chunks `code` imports, statically or dynamically (`./ph-embed-*.js`). */
function importedChunks(code) {
  return [...code.matchAll(/["'`]\.\/(ph-embed-[\w.-]+\.js)["'`]/g)].map((match) => match[1]);
}

function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (!existsSync(join(DIST, ENTRY))) {
  console.error(`size: dist/${ENTRY} is missing; run \`npm run build:cdn\` first.`);
  process.exit(1);
}

const files = [];
const queue = [ENTRY];
while (queue.length > 0) {
  const name = queue.shift();
  if (files.some((file) => file.name === name)) continue;
  const path = join(DIST, name);
  if (!existsSync(path)) {
    console.error(`size: dist/${name} is imported by the bundle but missing.`);
    process.exit(1);
  }
  const bytes = readFileSync(path);
  files.push({ name, raw: bytes.length, gzip: gzipSize(bytes) });
  queue.push(...importedChunks(bytes.toString('utf8')));
}

const [entry, ...chunks] = files;
const total = files.reduce((sum, file) => sum + file.gzip, 0);
console.log(`initial  dist/${entry.name}: ${kb(entry.gzip)} gzip (${kb(entry.raw)} minified)`);
for (const chunk of chunks) {
  console.log(`lazy     dist/${chunk.name}: ${kb(chunk.gzip)} gzip (${kb(chunk.raw)} minified)`);
}
console.log(`total    ${kb(total)} gzip of ${kb(BUDGET_BYTES)} (${total} of ${BUDGET_BYTES} bytes)`);

const stale = readdirSync(DIST).filter(
  (name) => /^ph-embed-.+\.js$/.test(name) && !files.some((file) => file.name === name),
);
if (stale.length > 0) console.log(`(not counted, not imported by ${ENTRY}: ${stale.join(', ')})`);

if (process.argv.includes('--write')) writeSection();

/** Replaces only the bundle section of BENCHMARKS.md (other sections belong to other benchmarks). */
function writeSection() {
  const row = (label, file) => `| ${label} | \`dist/${file.name}\` | ${kb(file.raw)} | ${kb(file.gzip)} |`;
  writeBenchmarkSection('bundle', [
    '## Bundle (CDN build, gzip level 9)',
    '',
    `Command: \`npm run build:cdn && node scripts/check-size.mjs\` (\`npm test\` runs it and fails above the ` +
      `${kb(BUDGET_BYTES)} budget; \`--write\` rewrites this section). Counted: \`dist/ph-embed.js\` ` +
      'and every chunk it imports; the chart.js chunk loads on the first chart.',
    '',
    '| Part | File | Minified | Gzip |',
    '|---|---|---|---|',
    row('Initial (every tag, Lit, client)', entry),
    ...chunks.map((chunk) => row('Lazy (chart.js)', chunk)),
    `| **Total** | | | **${kb(total)}** of ${kb(BUDGET_BYTES)} (${total > BUDGET_BYTES ? 'over' : 'within'} budget) |`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)}.`,
  ]);
}

if (total > BUDGET_BYTES) {
  console.error(`size: over the ${kb(BUDGET_BYTES)} budget by ${total - BUDGET_BYTES} bytes.`);
  process.exit(1);
}
console.log(`size: within the ${kb(BUDGET_BYTES)} budget (${BUDGET_BYTES - total} bytes to spare).`);
