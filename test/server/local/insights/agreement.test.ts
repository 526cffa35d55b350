/**
 * The DuckDB engine and the plain-TypeScript reference (test/server/local/reference/) must give the
 * same answer, field for field, for every case in agreement-cases.ts on a generated dataset.
 *
 * Counts must be equal. Non-integer numbers are compared to 10 significant digits: DuckDB sums
 * doubles in parallel, in an order that changes the last bits from run to run.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LocalDatabase } from '../../../../src/server/local/db.js';
import { generateDataset } from '../../../../src/server/local/generator.js';
import { runInsightQuery } from '../../../../src/server/local/insights/index.js';
import { dataset, runReference, type RefDataset } from '../reference/index.js';
import { AGREEMENT_CASES } from './agreement-cases.js';

/** A Sunday morning, so "this week" and "this month" ranges are partial. */
const NOW = new Date('2025-06-15T10:17:00Z');

function comparable(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(10));
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

/** True when some count in the answer is not zero, so a case cannot pass by both sides being empty. */
function hasData(value: unknown, key = ''): boolean {
  if (typeof value === 'number')
    return value !== 0 && ['count', 'aggregated_value', 'data', 'bins'].includes(key);
  if (Array.isArray(value)) return value.some((item) => hasData(item, key));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasData(v, k));
  return false;
}

describe('engine and reference agree on a generated dataset', () => {
  let db: LocalDatabase;
  let reference: RefDataset;

  before(async () => {
    const data = generateDataset({ seed: 42, now: NOW, events: 15_000 });
    db = await LocalDatabase.create();
    await db.insertEvents(data.events);
    await db.insertPersons(data.persons);
    await db.lock();
    reference = dataset(data.events, data.persons);
  });

  for (const c of AGREEMENT_CASES) {
    test(c.name, async () => {
      const options = { variables: c.variables ?? {}, now: NOW, timezone: c.timezone ?? 'UTC' };
      const engine = await runInsightQuery(db, c.query, options);
      const expected = runReference(reference, c.query, options);
      assert.ok(hasData(expected), 'the case should have something to count');
      assert.deepEqual(comparable(engine), comparable(expected));
    });
  }
});
