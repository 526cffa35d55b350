/**
 * A small Prometheus registry: counters, gauges read at scrape time, and histograms, rendered in the
 * text exposition format (version 0.0.4). Label values come from closed sets chosen by the proxy, never
 * from raw request text, so the number of series stays bounded; they are escaped all the same.
 */

type Labels = Record<string, string>;

interface Metric {
  render(): string;
}

export class MetricsRegistry {
  readonly #metrics: Metric[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.#add(new Counter(name, help, labelNames));
  }

  /** A gauge whose value is read when scraped, so nothing has to keep it up to date. */
  gauge(name: string, help: string, read: () => number): void {
    this.#add({ render: () => `${header(name, help, 'gauge')}${name} ${formatNumber(read())}\n` });
  }

  histogram(name: string, help: string, buckets: readonly number[], labelNames: readonly string[] = []) {
    return this.#add(new Histogram(name, help, buckets, labelNames));
  }

  render(): string {
    return this.#metrics.map((metric) => metric.render()).join('');
  }

  #add<T extends Metric>(metric: T): T {
    this.#metrics.push(metric);
    return metric;
  }
}

export class Counter implements Metric {
  readonly #values = new Map<string, number>();
  readonly #rendered = new Map<string, string>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[],
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = this.#key(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  /** The current value for these labels (for tests and the bench). */
  get(labels: Labels = {}): number {
    return this.#values.get(this.#key(labels)) ?? 0;
  }

  /** The rendered label set, memoised: counters sit on every request's path. */
  #key(labels: Labels): string {
    let raw = '';
    for (const name of this.labelNames) raw += `${labels[name] ?? ''}\u0001`;
    let key = this.#rendered.get(raw);
    if (key === undefined) {
      key = labelText(this.labelNames, labels);
      this.#rendered.set(raw, key);
    }
    return key;
  }

  render(): string {
    let text = header(this.name, this.help, 'counter');
    for (const [labels, value] of this.#values) text += `${this.name}${labels} ${formatNumber(value)}\n`;
    return text;
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Metric {
  readonly #series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
    private readonly labelNames: readonly string[],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = JSON.stringify(this.labelNames.map((name) => labels[name] ?? ''));
    let series = this.#series.get(key);
    if (!series) {
      series = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    this.buckets.forEach((bound, i) => {
      if (value <= bound) series.counts[i] = (series.counts[i] ?? 0) + 1;
    });
    series.sum += value;
    series.count++;
  }

  render(): string {
    let text = header(this.name, this.help, 'histogram');
    for (const [key, series] of this.#series) {
      const values = JSON.parse(key) as string[];
      const labels: Labels = Object.fromEntries(this.labelNames.map((name, i) => [name, values[i] ?? '']));
      this.buckets.forEach((bound, i) => {
        const withLe = labelText([...this.labelNames, 'le'], { ...labels, le: formatNumber(bound) });
        text += `${this.name}_bucket${withLe} ${series.counts[i]}\n`;
      });
      text += `${this.name}_bucket${labelText([...this.labelNames, 'le'], { ...labels, le: '+Inf' })} ${series.count}\n`;
      text += `${this.name}_sum${labelText(this.labelNames, labels)} ${formatNumber(series.sum)}\n`;
      text += `${this.name}_count${labelText(this.labelNames, labels)} ${series.count}\n`;
    }
    return text;
  }
}

function header(name: string, help: string, type: string): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
}

function labelText(names: readonly string[], labels: Labels): string {
  if (names.length === 0) return '';
  return `{${names.map((name) => `${name}="${escapeLabel(labels[name] ?? '')}"`).join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
