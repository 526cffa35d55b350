/**
 * Breakdown values as people read them. Shared by `<ph-big-number>` and `<ph-funnel-chart>`
 * (funnels send a list per breakdown, trends a single value); a candidate for `src/internal/`.
 */
import type { BreakdownValue } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';

export type BucketNames = Pick<PhStrings, 'breakdownOther' | 'breakdownNone'>;

// PostHog's placeholders for the "other values" bucket and a missing property.
const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';

/** A breakdown value as text (a funnel's list joined), PostHog's placeholders named; none for empty. */
export function breakdownText(value: BreakdownValue | undefined, names: BucketNames): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((part) => breakdownText(part, names)).filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (value === BREAKDOWN_OTHER) return names.breakdownOther;
  if (value === BREAKDOWN_NULL) return names.breakdownNone;
  return String(value);
}
