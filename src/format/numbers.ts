import type { DisplayFormat } from '../data/types.js';
import { formatDuration } from './durations.js';
import { numberFormat } from './formatter-cache.js';
import { isFiniteNumber, MISSING } from './missing.js';

export interface NumberOptions {
  locale?: string | undefined;
  /** Short forms ("15K") for axis ticks; full forms ("15,625") for tooltips and tables. */
  compact?: boolean;
  /** Fixed fraction digits; by default up to 2 (1 when compact). */
  decimals?: number | undefined;
}

function fractionDigits(compact: boolean, decimals: number | undefined): Intl.NumberFormatOptions {
  if (decimals !== undefined && decimals >= 0 && decimals <= 20) {
    return { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  }
  return { maximumFractionDigits: compact ? 1 : 2 };
}

/** A plain number in the given locale; an em dash for null, NaN and Infinity. */
export function formatNumber(value: number | null | undefined, options: NumberOptions = {}): string {
  if (!isFiniteNumber(value)) return MISSING;
  const compact = options.compact ?? false;
  return numberFormat(options.locale, {
    ...(compact ? { notation: 'compact' } : {}),
    ...fractionDigits(compact, options.decimals),
  }).format(value);
}

export interface ValueOptions extends NumberOptions {
  /** Axis format, prefix, postfix and decimals from the endpoint's saved query. */
  format?: DisplayFormat | undefined;
  /** ISO 4217 code for the `currency` axis; the wire format does not carry one yet. */
  currency?: string | undefined;
}

/**
 * A chart value as PostHog would show it: axis format (numeric, duration, percentage, currency),
 * then the saved prefix and postfix. `percentage` values are already percents (45 means 45%);
 * `percentage_scaled` values are ratios (0.45 means 45%).
 */
export function formatValue(value: number | null | undefined, options: ValueOptions = {}): string {
  if (!isFiniteNumber(value)) return MISSING;
  const { locale, format } = options;
  const compact = options.compact ?? false;
  const decimals = options.decimals ?? format?.decimalPlaces;
  const digits = fractionDigits(compact, decimals);
  const notation: Intl.NumberFormatOptions = compact ? { notation: 'compact' } : {};
  let text: string;
  switch (format?.axis) {
    case 'duration':
      text = formatDuration(value, { locale });
      break;
    case 'duration_ms':
      text = formatDuration(value / 1000, { locale });
      break;
    case 'percentage':
      text = numberFormat(locale, { style: 'percent', ...notation, ...digits }).format(value / 100);
      break;
    case 'percentage_scaled':
      text = numberFormat(locale, { style: 'percent', ...notation, ...digits }).format(value);
      break;
    case 'currency':
      text = numberFormat(locale, {
        style: 'currency',
        currency: options.currency ?? 'USD',
        ...notation,
        ...digits,
      }).format(value);
      break;
    default:
      text = formatNumber(value, { locale, compact, decimals });
  }
  return `${format?.prefix ?? ''}${text}${format?.postfix ?? ''}`;
}
