/**
 * Every piece of UI text the elements show. Set the `strings` property (on an element or a
 * `<ph-endpoint-provider>`) to a partial object to translate or reword any of them; `{name}`
 * placeholders are filled in by the element.
 */
export interface PhStrings {
  loading: string;
  empty: string;
  error: string;
  retry: string;
  /** Freshness line; `{time}` is the last refresh, formatted for the locale. */
  asOf: string;
  /** Appended to the freshness line when the answer came from a cache. */
  cached: string;
  exportCsv: string;
  /** Shown when no view draws the result; `{what}` is the query kind and display. */
  noView: string;
  /** First column header of data tables that list dates. */
  date: string;
  /** Big number: change against the previous period; `{change}` is a signed percentage. */
  comparedToPrevious: string;
  previousPeriod: string;
  /** Big number: spoken before an upward change (the arrow is hidden from screen readers). */
  changeUp: string;
  /** Big number: spoken before a downward change. */
  changeDown: string;
  /** Big number: both periods are 0, or equal. */
  noChange: string;
  /** Big number: the previous period was 0, so there is no percentage. */
  newThisPeriod: string;
  /** Name of PostHog's "other values" breakdown bucket. */
  breakdownOther: string;
  /** Name of the breakdown bucket for events without the property. */
  breakdownNone: string;
  conversion: string;
  dropOff: string;
  medianTime: string;
  averageTime: string;
  /** Funnel: the step column and the accessible name of the steps list. */
  step: string;
  funnelSteps: string;
  /** Funnel: how many entered or reached a step. */
  count: string;
  conversionFromFirst: string;
  conversionFromPrevious: string;
  /** Funnel: the breakdown column of the breakdown table. */
  breakdown: string;
  timeToConvert: string;
  /** Funnel histogram: how many converted within a bin. */
  converted: string;
  /** Funnel histogram: a bin's share of all conversions. */
  share: string;
  /** Funnel trends: the y value. */
  conversionRate: string;
  /** Funnel histogram summary; `{count}`, `{from}`, `{to}`, `{average}` are filled in. */
  timeToConvertSummary: string;
  /** Funnel trends summary; `{range}` and `{latest}` (per series) are filled in. */
  conversionTrendSummary: string;
  cohort: string;
  size: string;
  mean: string;
  /** Retention period column headers; `{n}` is the period number. */
  periodHour: string;
  periodDay: string;
  periodWeek: string;
  periodMonth: string;
  /** Retention table caption; `{cohorts}` is the number of cohorts, `{range}` their dates. */
  retentionCaption: string;
  /** Retention cell tooltip; `{count}`, `{size}` and `{percent}` are filled in. */
  retentionCell: string;
  /** Retention: appended to the tooltip of a period that has not ended yet. */
  inProgress: string;
  /** Label of the mean retention curve; `{values}` lists each period's mean. */
  meanRetentionCurve: string;
  /** SQL table caption; `{rows}` and `{columns}` are counts. */
  sqlCaption: string;
  /** SQL table: appended to the caption when dates are shown; `{zone}` is the time zone. */
  timesIn: string;
  /** SQL table: header of a column the result did not name; `{n}` is its position. */
  column: string;
  /** SQL table: the shown rows; `{from}` and `{to}` count from 1. */
  rowsRange: string;
  /** SQL table: accessible name of the pagination controls. */
  pages: string;
  loadMore: string;
  previousPage: string;
  nextPage: string;
  /** Trends and lifecycle: chart names, the first words of captions and accessible labels. */
  lineChart: string;
  cumulativeLineChart: string;
  areaChart: string;
  barChart: string;
  stackedBarChart: string;
  /** ActionsBarValue: horizontal bars of each series' total. */
  totalsChart: string;
  /** WorldMap, drawn as bars of each country's total. */
  countryChart: string;
  pieChart: string;
  seriesTable: string;
  lifecycleChart: string;
  /** Captions: how many series; `{count}`. */
  seriesCount: string;
  /** Accessible labels: before each series' latest value, or each series' total. */
  latestValues: string;
  totalValues: string;
  /** Accessible labels: the series left out of a long list; `{count}`. */
  andMore: string;
  /** A previous-period series' name; `{name}` is its current series' name. */
  previousSeries: string;
  /** Table headers: the series column, a total-value column, the total over dates. */
  seriesColumn: string;
  valueColumn: string;
  totalColumn: string;
  /** Accessible name of a chart legend (toggle buttons that show and hide series). */
  legend: string;
  /** Accessible name of a focusable chart: how to use it from the keyboard. */
  chartKeys: string;
  /** Below a long data table; `{shown}` and `{total}` count rows. */
  rowsShown: string;
  /** Cumulative stickiness x labels; `{value}` is "3 days". */
  orMore: string;
  /** Stickiness: header of the column of "1 day", "2 days"... */
  stickinessPeriod: string;
  lifecycleNew: string;
  lifecycleReturning: string;
  lifecycleResurrecting: string;
  lifecycleDormant: string;
}

export const DEFAULT_STRINGS: Readonly<PhStrings> = Object.freeze({
  loading: 'Loading chart…',
  empty: 'No data for this period',
  error: 'This chart could not be loaded.',
  retry: 'Retry',
  asOf: 'as of {time}',
  cached: 'cached',
  exportCsv: 'Export CSV',
  noView: 'There is no view for {what}.',
  date: 'Date',
  comparedToPrevious: '{change} vs previous period',
  previousPeriod: 'Previous period',
  changeUp: 'Up',
  changeDown: 'Down',
  noChange: 'No change',
  newThisPeriod: 'New this period',
  breakdownOther: 'Other',
  breakdownNone: 'None',
  conversion: 'Conversion',
  dropOff: 'Drop-off',
  medianTime: 'Median time to convert',
  averageTime: 'Average time to convert',
  step: 'Step',
  funnelSteps: 'Funnel steps',
  count: 'Count',
  conversionFromFirst: 'Conversion from first step',
  conversionFromPrevious: 'Conversion from previous step',
  breakdown: 'Breakdown',
  timeToConvert: 'Time to convert',
  converted: 'Converted',
  share: 'Share',
  conversionRate: 'Conversion rate',
  timeToConvertSummary:
    'Time to convert histogram: {count} conversions between {from} and {to}, average {average}',
  conversionTrendSummary: 'Conversion rate over time, {range}. Latest: {latest}',
  cohort: 'Cohort',
  size: 'Size',
  mean: 'Mean',
  periodHour: 'Hour {n}',
  periodDay: 'Day {n}',
  periodWeek: 'Week {n}',
  periodMonth: 'Month {n}',
  retentionCaption: 'Retention by cohort: {cohorts} cohorts, {range}',
  retentionCell: '{count} of {size} ({percent})',
  inProgress: 'in progress',
  meanRetentionCurve: 'Mean retention by period: {values}',
  sqlCaption: 'Query results: {rows} rows, {columns} columns',
  timesIn: 'Times in {zone}',
  column: 'Column {n}',
  rowsRange: 'Rows {from}–{to}',
  pages: 'Pages',
  loadMore: 'Load more',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  lineChart: 'Line chart',
  cumulativeLineChart: 'Cumulative line chart',
  areaChart: 'Area chart',
  barChart: 'Bar chart',
  stackedBarChart: 'Stacked bar chart',
  totalsChart: 'Bar chart of totals',
  countryChart: 'Totals by country',
  pieChart: 'Pie chart',
  seriesTable: 'Table',
  lifecycleChart: 'Lifecycle chart',
  seriesCount: '{count} series',
  latestValues: 'Latest values',
  totalValues: 'Totals',
  andMore: 'and {count} more',
  previousSeries: '{name} (previous)',
  seriesColumn: 'Series',
  valueColumn: 'Value',
  totalColumn: 'Total',
  legend: 'Series shown',
  chartKeys: 'Chart: arrow keys move between points, Up and Down between series, Enter selects',
  rowsShown: 'Showing the latest {shown} of {total} rows; the CSV export has them all.',
  orMore: '{value} or more',
  stickinessPeriod: 'Active for',
  lifecycleNew: 'New',
  lifecycleReturning: 'Returning',
  lifecycleResurrecting: 'Resurrecting',
  lifecycleDormant: 'Dormant',
});

/** Defaults, then each layer in order (provider, then element); unknown keys are ignored. */
export function resolveStrings(...layers: Array<Partial<PhStrings> | undefined>): PhStrings {
  const out: PhStrings = { ...DEFAULT_STRINGS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of Object.keys(DEFAULT_STRINGS) as Array<keyof PhStrings>) {
      const value = layer[key];
      if (typeof value === 'string') out[key] = value;
    }
  }
  return out;
}

/** Fills `{name}` placeholders; a placeholder without a value stays as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
