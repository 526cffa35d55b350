/**
 * Who is who among trends series: display names (custom names, breakdown values with PostHog's
 * "other" and "none" buckets, events), and which series are a previous period and whose. Pure.
 */
import { fill } from '../../internal/strings.js';
import type { BreakdownValue, DisplayFormat, TrendsSeries } from '../../data/types.js';
import type { PhStrings } from '../../internal/strings.js';

// PostHog's placeholders for the "other values" bucket and a missing property.
const BREAKDOWN_OTHER = '$$_posthog_breakdown_other_$$';
const BREAKDOWN_NULL = '$$_posthog_breakdown_null_$$';

type NameText = Pick<PhStrings, 'breakdownOther' | 'breakdownNone' | 'previousSeries'>;

export function breakdownName(value: BreakdownValue | undefined, text: NameText): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((part) => breakdownName(part, text)).filter((part) => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (value === BREAKDOWN_OTHER) return text.breakdownOther;
  if (value === BREAKDOWN_NULL) return text.breakdownNone;
  return String(value);
}

function eventName(series: TrendsSeries): string | undefined {
  return series.action?.custom_name || series.action?.name || series.label || undefined;
}

/** What pairs a previous period with its current series: the event and the breakdown value. */
function identity(series: TrendsSeries): string {
  return JSON.stringify([
    series.action?.order ?? null,
    eventName(series) ?? null,
    series.breakdown_value ?? null,
  ]);
}

const hasPoints = (series: TrendsSeries) => Array.isArray(series?.data) && series.data.length > 0;

/**
 * Which series are a previous period: those labelled so (`compare_label`); else, when every series
 * says `compare: true`, the second half (PostHog lists current periods first); else a pair of
 * totals for the same event (a BoldNumber with compare on, which carries neither field).
 */
export function previousFlags(results: readonly TrendsSeries[]): boolean[] {
  if (results.some((series) => series?.compare_label)) {
    return results.map((series) => series?.compare_label === 'previous');
  }
  const half = results.length / 2;
  if (results.length > 0 && results.length % 2 === 0 && results.every((series) => series?.compare === true)) {
    return results.map((_, i) => i >= half);
  }
  const [first, second] = results;
  const totalsPair =
    results.length === 2 &&
    first &&
    second &&
    !hasPoints(first) &&
    !hasPoints(second) &&
    identity(first) === identity(second);
  return results.map((_, i) => totalsPair === true && i === 1);
}

/**
 * For each series, the result position of the current series it belongs with: itself when it is
 * current; for a previous period the current series with the same event and breakdown value, else
 * the one in the same position among current series, else itself.
 */
export function currentPartners(results: readonly TrendsSeries[], previous: readonly boolean[]): number[] {
  const current = results.map((_, i) => i).filter((i) => !previous[i]);
  const taken = new Set<number>();
  let nth = 0;
  return results.map((series, i) => {
    if (!previous[i]) return i;
    const position = nth++;
    const same = current.find((c) => !taken.has(c) && identity(results[c]!) === identity(series));
    const partner = same ?? current[position] ?? i;
    taken.add(partner);
    return partner;
  });
}

/**
 * A series' display name: the saved custom name (a previous period borrows its current series'),
 * else its breakdown value (prefixed with the event when several events are broken down, or
 * "Chrome" would appear twice), else the event's name, else PostHog's label.
 */
export function seriesName(
  results: readonly TrendsSeries[],
  index: number,
  partner: number,
  previous: boolean,
  format: DisplayFormat | undefined,
  text: NameText,
): string {
  const series = results[index]!;
  const custom = format?.customNames?.[String(index)] ?? format?.customNames?.[String(partner)];
  const event = eventName(series);
  const breakdown = breakdownName(series.breakdown_value, text);
  const events = new Set(results.map((s) => s?.action?.order ?? s?.action?.name ?? s?.label));
  const name =
    custom ||
    (breakdown ? (events.size > 1 && event ? `${event} - ${breakdown}` : breakdown) : undefined) ||
    series.action?.custom_name ||
    series.label ||
    series.action?.name ||
    `#${index + 1}`;
  return previous ? fill(text.previousSeries, { name }) : name;
}
