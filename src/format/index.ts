/** Pure `Intl` formatting shared by every view: numbers, dates from PostHog `days`, durations. */
export { formatAxisLabels, formatDay, formatDayRange, guessInterval, parseDay } from './dates.js';
export type { DayFormatOptions, Interval, PostHogDay } from './dates.js';
export { formatDuration } from './durations.js';
export type { DurationOptions } from './durations.js';
export { toCsv } from './csv.js';
export type { CsvCell } from './csv.js';
export { isFiniteNumber, isRecord, MISSING } from './missing.js';
export { formatNumber, formatValue } from './numbers.js';
export type { NumberOptions, ValueOptions } from './numbers.js';
