// `npm test`: every check in one run, in the order a failure is cheapest to read. Each step's output
// streams through; the counts of the test steps are summed into the closing `tests:` line.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'typecheck', cmd: 'npm run -s typecheck' },
  { name: 'lint', cmd: 'npm run -s lint' },
  // The manifest, VS Code data and README API tables are generated from the JSDoc: prove they are current.
  { name: 'api docs current', cmd: 'node scripts/api-docs.mjs --check' },
  { name: 'server tests', cmd: 'npm run -s test:server', counts: nodeTestCounts },
  { name: 'component tests', cmd: 'npm run -s test:components', counts: wtrCounts },
  { name: 'build', cmd: 'npm run -s build' },
  { name: 'bundle size', cmd: 'node scripts/check-size.mjs' },
  { name: 'storybook build', cmd: 'npm run -s build-storybook' },
  { name: 'story smoke test', cmd: 'npm run -s test:stories', counts: plainCounts },
  { name: 'end-to-end tests', cmd: 'npm run -s test:e2e', counts: nodeTestCounts },
];

/** node --test with the spec reporter ends with `ℹ pass N` and `ℹ fail N`. */
function nodeTestCounts(out) {
  const pass = out.match(/^ℹ pass (\d+)$/m);
  const fail = out.match(/^ℹ fail (\d+)$/m);
  return pass && fail ? { passed: +pass[1], failed: +fail[1] } : undefined;
}

/** web-test-runner's summary: `N passed, M failed` (the last one printed is the total). */
function wtrCounts(out) {
  const all = [...out.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = all.at(-1);
  return last ? { passed: +last[1], failed: +last[2] } : undefined;
}

/** Our own scripts print `<word>: N passed, M failed`. */
function plainCounts(out) {
  const last = [...out.matchAll(/^\w+: (\d+) passed, (\d+) failed$/gm)].at(-1);
  return last ? { passed: +last[1], failed: +last[2] } : undefined;
}

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    // Colour codes would split the counts the summary reads.
    // eslint-disable-next-line no-control-regex
    const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += strip(d.toString());
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      out += strip(d.toString());
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const results = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name}: ${step.cmd}\n`);
  const started = Date.now();
  const { code, out } = await run(step.cmd);
  const counts = step.counts?.(out);
  // A test step that ran no test has proved nothing: count it as a failure.
  const ranNothing = step.counts && !(counts?.passed > 0);
  results.push({
    ...step,
    code: ranNothing && code === 0 ? 1 : code,
    counts,
    seconds: (Date.now() - started) / 1000,
  });
}

let passed = 0;
let failed = 0;
process.stdout.write('\n=== summary\n');
for (const r of results) {
  const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : '';
  process.stdout.write(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name}${counts} in ${r.seconds.toFixed(1)}s\n`);
  if (r.counts) {
    passed += r.counts.passed;
    failed += r.counts.failed;
  }
  // A step that failed without reporting a failing test (a type error, a crashed runner) still fails the run.
  if (r.code !== 0 && !(r.counts?.failed > 0)) failed += 1;
}
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
