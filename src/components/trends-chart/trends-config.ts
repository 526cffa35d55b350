/**
 * The chart.js configuration for a {@link TrendsView} in a {@link ChartTheme}: pure, rebuilt on
 * every data, locale or theme change and handed to the chart controller, which updates the
 * existing chart in place.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { seriesColor, withAlpha } from '../../controllers/theme-colors.js';
import type { ChartTheme } from '../../controllers/theme-colors.js';
import { formatValue } from '../../format/index.js';
import type { TrendsView } from './trends-data.js';

export type TrendsChartConfig = ChartConfiguration<'line', Array<number | null>, string>;

// Series share a colour in forced-colours mode and past the eighth series: dashes keep them apart.
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 4, 2, 4], [12, 6], [4, 4, 1, 4]];

/**
 * Points are drawn only where a line cannot be: a single value, or a value between two gaps.
 * Everywhere else the line itself carries the data and hover shows the point.
 */
function pointRadii(values: ReadonlyArray<number | null>): number[] {
  return values.map((value, i) =>
    value !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null ? 3 : 0,
  );
}

function dataset(
  view: TrendsView,
  theme: ChartTheme,
  position: number,
): ChartDataset<'line', Array<number | null>> {
  const series = view.series[position]!;
  const color = seriesColor(theme, series.index);
  const dashIndex = theme.forcedColors ? position : Math.floor(series.index / theme.series.length);
  const area = view.display === 'ActionsAreaGraph';
  return {
    label: series.name,
    data: [...series.values],
    borderColor: color,
    backgroundColor: area ? withAlpha(color, 0.2) : color,
    // Explicit hover colours: chart.js would otherwise derive them by parsing the colour string,
    // which fails for modern colour syntaxes a theme may use.
    hoverBorderColor: color,
    hoverBackgroundColor: color,
    pointBackgroundColor: color,
    pointBorderColor: color,
    pointHoverBackgroundColor: color,
    pointHoverBorderColor: color,
    borderWidth: 2,
    borderDash: DASHES[dashIndex % DASHES.length] ?? [],
    fill: area ? 'origin' : false,
    tension: 0,
    spanGaps: false,
    pointRadius: pointRadii(series.values),
    pointHoverRadius: 4,
  };
}

export function trendsChartConfig(view: TrendsView, theme: ChartTheme): TrendsChartConfig {
  const font = { family: theme.fontFamily, size: 12 };
  const value = (raw: number | null, compact = false) =>
    formatValue(raw, { locale: view.locale, format: view.format, compact });
  return {
    type: 'line',
    data: {
      labels: [...view.axisLabels],
      datasets: view.series.map((_, position) => dataset(view, theme, position)),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: theme.reducedMotion ? false : { duration: 300 },
      ...(view.locale ? { locale: view.locale } : {}),
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          type: 'category',
          grid: { display: false },
          border: { color: theme.grid },
          ticks: { color: theme.muted, font, maxRotation: 0, autoSkipPadding: 16 },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          grid: { color: theme.grid },
          border: { display: false },
          ticks: {
            color: theme.muted,
            font,
            maxTicksLimit: 6,
            callback: (tick) => value(Number(tick), true),
          },
        },
      },
      plugins: {
        legend: {
          display: view.series.length > 1,
          position: 'bottom',
          labels: { color: theme.text, font, usePointStyle: true, pointStyle: 'line' },
        },
        tooltip: {
          backgroundColor: theme.surface,
          borderColor: theme.grid,
          borderWidth: 1,
          titleColor: theme.text,
          bodyColor: theme.text,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          usePointStyle: true,
          callbacks: {
            title: (items) => view.fullLabels[items[0]?.dataIndex ?? 0] ?? '',
            label: (item) => `${item.dataset.label ?? ''}: ${value(item.parsed.y)}`,
          },
        },
      },
    },
  };
}
