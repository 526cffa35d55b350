/** Runs an insight query on the reference engine, with the same inputs as `runInsightQuery`. */
import { cleanBreakdownSentinels } from '../../../../src/server/local/insights/breakdown.js';
import type { InsightRunOptions } from '../../../../src/server/local/insights/index.js';
import type { Json } from '../../../../src/server/local/insights/input.js';
import { Zone } from '../../../../src/server/local/insights/time-zone.js';
import { applyVariables } from '../../../../src/server/local/insights/variables.js';
import type { RefDataset } from './dataset.js';
import { referenceFunnels } from './funnels.js';
import { referenceLifecycle } from './lifecycle.js';
import { referenceRetention } from './retention.js';
import { referenceStickiness } from './stickiness.js';
import { referenceTrends } from './trends.js';

export { dataset, type RefDataset } from './dataset.js';

const RUNNERS = {
  TrendsQuery: referenceTrends,
  FunnelsQuery: referenceFunnels,
  RetentionQuery: referenceRetention,
  LifecycleQuery: referenceLifecycle,
  StickinessQuery: referenceStickiness,
} as const;

export function runReference(data: RefDataset, query: Json, options: InsightRunOptions): unknown {
  const prepared = applyVariables(query, options.variables);
  const zone = new Zone(options.timezone);
  const earliest = data.events.length > 0 ? zone.toWall(data.events[0]!.t) : undefined;
  const dates = { zone, now: zone.toWall(options.now.getTime()), earliest };
  const results = RUNNERS[prepared.kind as keyof typeof RUNNERS](data, prepared, dates);
  cleanBreakdownSentinels(results);
  return results;
}
