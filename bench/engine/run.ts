/**
 * Local engine benchmark: `npx tsx bench/engine/run.ts [--events N] [--runs N]`.
 *
 * Generates the SaaS dataset (1,000,000 events by default), loads it into the engine's DuckDB, and
 * times each workload in workloads.ts both through `runInsightQuery` and as the hand-written query,
 * alternating the two so both see the same machine. It checks the two answers are equal, prints the
 * medians after a warm-up, and rewrites the engine section of BENCHMARKS.md.
 */
import { isDeepStrictEqual } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { LocalDatabase } from '../../src/server/local/db.js';
import { generateDataset } from '../../src/server/local/generator.js';
import { workloads, type Workload } from './workloads.js';
import { writeBenchmarkSection } from '../../scripts/benchmarks-md.mjs';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const EVENTS = Number(args.get('events') ?? 1_000_000);
const RUNS = Number(args.get('runs') ?? 21);
const WARMUP = 3;
/** Fixed, so every run measures the same data. */
const NOW = new Date('2025-06-15T12:00:00Z');
const MAX_RATIO = 1.2;

interface Result {
  workload: Workload;
  engineMs: number;
  handMs: number;
}

async function main(): Promise<void> {
  let started = performance.now();
  const data = generateDataset({ seed: 42, now: NOW, events: EVENTS });
  const db = await LocalDatabase.create();
  await db.insertEvents(data.events);
  await db.insertPersons(data.persons);
  await db.lock();
  console.log(
    `${data.events.length} events, ${data.persons.length} persons ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const results: Result[] = [];
  for (const workload of workloads(NOW)) {
    const engineAnswer = await workload.engine(db);
    const handAnswer = await workload.handWritten(db);
    if (!isDeepStrictEqual(engineAnswer, handAnswer)) {
      console.error(`${workload.name}: the engine and the hand-written query disagree`);
      console.error('engine:', JSON.stringify(engineAnswer));
      console.error('hand:  ', JSON.stringify(handAnswer));
      process.exitCode = 1;
      continue;
    }
    const engineTimes: number[] = [];
    const handTimes: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      started = performance.now();
      await workload.engine(db);
      const engineMs = performance.now() - started;
      started = performance.now();
      await workload.handWritten(db);
      const handMs = performance.now() - started;
      if (i >= WARMUP) {
        engineTimes.push(engineMs);
        handTimes.push(handMs);
      }
    }
    results.push({ workload, engineMs: median(engineTimes), handMs: median(handTimes) });
  }
  const table = formatTable(results);
  console.log(`\n${table}`);
  writeSection(table, data.events.length);
  db.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function formatTable(results: Result[]): string {
  const rows = results.map(({ workload, engineMs, handMs }) => {
    const ratio = engineMs / handMs;
    const met = engineMs <= workload.targetMs && ratio <= MAX_RATIO ? 'yes' : 'no';
    return `| ${workload.name} | ${engineMs.toFixed(0)} ms | ${handMs.toFixed(0)} ms | ${ratio.toFixed(2)}x | <= ${workload.targetMs} ms, <= ${MAX_RATIO}x | ${met} |`;
  });
  return [
    '| Workload | Engine (median) | Hand-written SQL (median) | Engine / hand | Target | Met |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Replaces only the engine section of BENCHMARKS.md (other sections belong to other benchmarks). */
function writeSection(table: string, events: number): void {
  const machine = `${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(2)} at the end of the run`;
  writeBenchmarkSection('engine', [
    '## Local engine (DuckDB)',
    '',
    `Command: \`npx tsx bench/engine/run.ts\` (${events.toLocaleString('en-US')} generated events, seed 42, ` +
      `now = ${NOW.toISOString()}; median of ${RUNS} runs after ${WARMUP} warm-up runs, engine and hand-written query alternating).`,
    '',
    `Each workload's engine answer is checked equal to the hand-written query's before it is timed. Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    table,
  ]);
}

await main();
