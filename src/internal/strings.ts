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
  conversion: string;
  dropOff: string;
  medianTime: string;
  averageTime: string;
  cohort: string;
  size: string;
  mean: string;
  loadMore: string;
  previousPage: string;
  nextPage: string;
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
  conversion: 'Conversion',
  dropOff: 'Drop-off',
  medianTime: 'Median time to convert',
  averageTime: 'Average time to convert',
  cohort: 'Cohort',
  size: 'Size',
  mean: 'Mean',
  loadMore: 'Load more',
  previousPage: 'Previous page',
  nextPage: 'Next page',
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
