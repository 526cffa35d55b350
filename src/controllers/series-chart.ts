/**
 * The chart.js side of every time-series and histogram view (trends, lifecycle, stickiness, a
 * funnel's trends line and time-to-convert histogram, the mean retention curve): a small model a
 * view derives from its result, and the pure function that turns it into a chart.js config in a
 * {@link ChartTheme}. {@link SeriesChartController} draws the model with its HTML legend and
 * tooltip; use this module alone only for a chart without them.
 */
import { areaFill } from './area-fill.js';
import { seriesColor, withAlpha } from './theme-colors.js';
import { SERIES_TOKEN_COUNT } from '../styles/theme.styles.js';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartTheme } from './theme-colors.js';

/** line; area (stacked, filled); bar (side by side); stacked-bar (also holds negative stacks). */
export type SeriesChartKind = 'line' | 'area' | 'bar' | 'stacked-bar';

export interface ChartSeries {
  /** Identity: legend toggles, tooltip rows and point clicks report it (e.g. the result position). */
  readonly key: number;
  readonly name: string;
  /** One value per x position; null is a gap. */
  readonly values: ReadonlyArray<number | null>;
  /**
   * A palette position (the palette cycles past 8, dashed from the 9th) or the name of a colour
   * token the controller was given in `tokens` (e.g. `--_lifecycle-new`).
   */
  readonly color: number | string;
  /** A previous period: dashed line or faded bar in `color`, stacked apart from the current one. */
  readonly previous?: boolean;
  /** Toggled off in the legend: not drawn, but kept so colours and stacks do not move. */
  readonly hidden?: boolean;
}

export interface SeriesChartModel {
  readonly kind: SeriesChartKind;
  /** How many x positions there are; every series has this many values. */
  readonly length: number;
  readonly series: readonly ChartSeries[];
  /** Short x label: axis ticks and `ph-point-click`'s `label`. */
  axisLabel(index: number): string;
  /** Long x label: the tooltip title. */
  fullLabel(index: number): string;
  /** A value for the tooltip, or compact for a y tick. Never "NaN". */
  value(raw: number | null, compact?: boolean): string;
  /** BCP 47 locale for chart.js's own number handling. */
  readonly locale?: string | undefined;
}

/** Past this many points a line uses a linear x-axis with decimation (DESIGN.md section 10). */
export const LONG_SERIES = 1000;

// Series share a colour past the eighth one and in forced-colours mode: dashes keep them apart.
const DASHES: number[][] = [[], [2, 3], [10, 4, 2, 4], [12, 6], [4, 4, 1, 4], [1, 5]];
const PREVIOUS_DASH = [6, 4];

export interface SeriesStyle {
  readonly color: string;
  readonly dash: readonly number[];
}

/** A series' resolved colour and dash pattern; `position` is its place among the model's series. */
export function seriesStyle(series: ChartSeries, theme: ChartTheme, position: number): SeriesStyle {
  const palette = typeof series.color === 'number';
  const color = palette
    ? seriesColor(theme, series.color as number)
    : (theme.tokens[series.color as string] ?? theme.text);
  if (series.previous) return { color, dash: PREVIOUS_DASH };
  const cycle = palette ? Math.floor((series.color as number) / theme.series.length) : 0;
  return { color, dash: DASHES[(theme.forcedColors ? position : cycle) % DASHES.length] ?? [] };
}

/**
 * A series' colour as CSS (`var(--_series-3)`, `var(--_lifecycle-new)`), for the HTML drawn beside
 * a chart: it follows theme and forced-colours changes by itself, with no style read at render.
 */
export function seriesCssColor(color: number | string): string {
  return typeof color === 'number' ? `var(--_series-${(color % SERIES_TOKEN_COUNT) + 1})` : `var(${color})`;
}

/** True when the model draws on a linear x-axis with decimation. */
export function isLongSeries(model: SeriesChartModel): boolean {
  return (model.kind === 'line' || model.kind === 'area') && model.length > LONG_SERIES;
}

/**
 * Points are drawn only where a line cannot be: a single value, or a value between two gaps.
 * Everywhere else the line itself carries the data and the tooltip highlights the point.
 */
function pointRadii(values: ReadonlyArray<number | null>): number[] {
  return values.map((value, i) =>
    value !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null ? 3 : 0,
  );
}

type AnyDataset = ChartDataset<'line' | 'bar', unknown[]>;

function dataset(model: SeriesChartModel, theme: ChartTheme, position: number, long: boolean): AnyDataset {
  const series = model.series[position]!;
  const { color, dash } = seriesStyle(series, theme, position);
  const stack = series.previous ? 'previous' : 'current';
  const common = {
    label: series.name,
    hidden: series.hidden ?? false,
    stack,
    // Explicit hover colours: chart.js would otherwise derive them by parsing the colour string,
    // which fails for modern colour syntaxes a theme may use.
    hoverBackgroundColor: color,
    hoverBorderColor: color,
  };
  if (model.kind === 'bar' || model.kind === 'stacked-bar') {
    const fill = series.previous ? withAlpha(color, 0.45) : color;
    return {
      ...common,
      type: 'bar',
      data: [...series.values],
      backgroundColor: fill,
      hoverBackgroundColor: fill,
    };
  }
  const area = model.kind === 'area' && !series.previous;
  return {
    ...common,
    type: 'line',
    // Decimation needs `{x, y}` points that chart.js does not parse; x is the position, as on
    // the category axis, so both paths share indexes and labels.
    data: long ? series.values.map((y, x) => ({ x, y })) : [...series.values],
    borderColor: color,
    backgroundColor: area ? withAlpha(color, 0.35) : color,
    pointBackgroundColor: color,
    pointBorderColor: color,
    pointHoverBackgroundColor: color,
    pointHoverBorderColor: color,
    borderWidth: 2,
    borderDash: [...dash],
    areaFill: area ? 'stack' : false,
    tension: 0,
    spanGaps: false,
    pointRadius: long ? 0 : pointRadii(series.values),
    pointHoverRadius: long ? 0 : 4,
  } as AnyDataset;
}

export type SeriesChartConfig = ChartConfiguration<'line' | 'bar', unknown[], string>;

export function seriesChartConfig(model: SeriesChartModel, theme: ChartTheme): SeriesChartConfig {
  const bar = model.kind === 'bar' || model.kind === 'stacked-bar';
  const stacked = model.kind === 'stacked-bar' || model.kind === 'area';
  const long = isLongSeries(model);
  const font = { family: theme.fontFamily, size: 12 };
  const ticks = { color: theme.muted, font, maxRotation: 0, autoSkipPadding: 16 };
  const xAxis = { grid: { display: false }, border: { color: theme.grid } };
  const indexLabel = (tick: number | string) => {
    const index = Number(tick);
    return Number.isInteger(index) ? model.axisLabel(index) : '';
  };
  return {
    type: bar ? 'bar' : 'line',
    data: {
      labels: long ? [] : Array.from({ length: model.length }, (_, i) => model.axisLabel(i)),
      datasets: model.series.map((_, position) => dataset(model, theme, position, long)),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: theme.reducedMotion || long ? false : { duration: 300 },
      // Pointer and keyboard go through the HTML tooltip (chart-tooltip.ts), not chart.js events.
      events: [],
      ...(long ? { parsing: false, normalized: true } : {}),
      ...(model.locale ? { locale: model.locale } : {}),
      scales: {
        x: long
          ? {
              ...xAxis,
              type: 'linear',
              min: 0,
              max: model.length - 1,
              ticks: { ...ticks, callback: indexLabel },
            }
          : { ...xAxis, type: 'category', stacked, ticks },
        y: {
          type: 'linear',
          stacked,
          beginAtZero: true,
          grid: { color: theme.grid },
          border: { display: false },
          ticks: { ...ticks, maxTicksLimit: 6, callback: (tick) => model.value(Number(tick), true) },
        },
      },
      plugins: { decimation: { enabled: long, algorithm: 'min-max' } },
    },
    // Inline plugins are fixed when a chart is created, so every line chart carries the fill: it
    // does nothing unless a dataset asks for it, and a display switch to area needs no new chart.
    plugins: bar ? [] : [areaFill as never],
  } as SeriesChartConfig;
}
