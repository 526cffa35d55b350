/**
 * The line and bar displays (line, cumulative, area, stacked and unstacked bars, stickiness) as
 * the shared series-chart model: the controller turns it into a chart.js chart with the HTML
 * legend and tooltip.
 */
import type { SeriesChartModel } from '../../controllers/series-chart.js';
import type { TrendsView } from './trends-data.js';

export function trendsChartModel(view: TrendsView): SeriesChartModel {
  return {
    kind: view.kind,
    length: view.days.length,
    series: view.series.map((series) => ({
      key: series.index,
      name: series.name,
      values: series.values,
      color: series.color,
      previous: series.previous,
      hidden: series.hidden,
    })),
    axisLabel: view.labels.axis,
    fullLabel: view.labels.full,
    value: view.value,
    locale: view.locale,
  };
}
