/**
 * One chart.js chart with its HTML legend, HTML tooltip, keyboard navigation and `ph-point-click`,
 * for any view whose data is series over an x-axis (trends, lifecycle, stickiness, a funnel's
 * trends line or time-to-convert histogram, a retention curve).
 *
 * @example
 * ```ts
 * static override styles = [hostStyles, ...seriesChartStyles, styles];
 * private readonly _series = new SeriesChartController(this, { model: () => this._model });
 * protected override async getUpdateComplete() {
 *   const complete = await super.getUpdateComplete();
 *   await this._series.ready;
 *   return complete;
 * }
 * render() {
 *   return this._series.render({ label: summary, hint: this.text.chartKeys, legend: { label, onToggle } });
 * }
 * ```
 * The host owns which series are hidden (`ChartSeries.hidden`) and rebuilds its model when the
 * legend calls `onToggle(key)`. Clicks and Enter dispatch a {@link PhPointClickEvent} from the
 * host with the series' `key` as `seriesIndex` and `axisLabel(index)` as `label`.
 */
import { css, html, nothing } from 'lit';
import { ChartController } from './chart-controller.js';
import { legendStyles, renderLegend } from './chart-legend.js';
import { ChartTooltipController, tooltipStyles } from './chart-tooltip.js';
import { isLongSeries, seriesChartConfig, seriesCssColor, seriesStyle } from './series-chart.js';
import { PhPointClickEvent } from '../events/point-click.js';
import type { Chart, ChartType } from 'chart.js';
import type { ReactiveControllerHost } from 'lit';
import type { LegendItem } from './chart-legend.js';
import type { TooltipContent, TooltipPoint } from './chart-tooltip.js';
import type { SeriesChartModel } from './series-chart.js';
import type { ChartTheme } from './theme-colors.js';

export interface SeriesChartOptions {
  /** The model to draw, derived by the host in `willUpdate`; undefined draws no chart. */
  model(): SeriesChartModel | undefined;
  /** Colour tokens (beyond the palette) that series name as their `color`. */
  tokens?: readonly string[];
}

export interface SeriesChartRender {
  /** The canvas' accessible label: what it shows, the range, the latest values. */
  label: string;
  /** The focusable region's label: how to use the keyboard on it. */
  hint: string;
  /** A legend of toggle buttons; leave out for a single series. */
  legend?: { label: string; onToggle: (key: number) => void } | undefined;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class SeriesChartController {
  readonly tooltip: ChartTooltipController;
  private readonly _chart: ChartController<ChartType, unknown[]>;

  constructor(
    private readonly host: Host,
    private readonly options: SeriesChartOptions,
  ) {
    this._chart = new ChartController<ChartType, unknown[]>(host, {
      canvas: () => host.renderRoot.querySelector<HTMLCanvasElement>('canvas.series-canvas'),
      config: (theme) => {
        const model = options.model();
        return model && model.series.length > 0 ? seriesChartConfig(model, theme) : undefined;
      },
      ...(options.tokens ? { tokens: options.tokens } : {}),
    });
    this.tooltip = new ChartTooltipController(host, {
      length: () => options.model()?.length ?? 0,
      content: (index) => this._content(index),
      anchor: (index) => {
        const chart = this.chart;
        if (!chart?.chartArea) return undefined;
        return { x: chart.scales['x']!.getPixelForValue(index), y: chart.chartArea.top, width: chart.width };
      },
      pointAt: (event) => this._pointAt(event),
      activate: (index, key) => this._activate(index, key),
      highlight: (point) => this._highlight(point),
    });
  }

  /** The live chart.js chart, if drawn. */
  get chart(): Chart | undefined {
    return this._chart.chart as Chart | undefined;
  }

  /** Settles once chart.js has loaded and the chart reflects the last host update. */
  get ready(): Promise<void> {
    return this._chart.ready;
  }

  /** The host's chart colours (for swatches drawn in HTML). */
  get theme(): ChartTheme {
    return this._chart.theme.current;
  }

  /** One legend item per series of the model, coloured and dashed as drawn. */
  legendItems(): LegendItem[] {
    const model = this.options.model();
    if (!model) return [];
    const theme = this.theme;
    const shape = model.kind === 'line' ? 'line' : 'box';
    return model.series.map((series, position) => ({
      key: series.key,
      name: series.name,
      color: seriesCssColor(series.color),
      dash: seriesStyle(series, theme, position).dash,
      shape,
      hidden: !!series.hidden,
    }));
  }

  /** The focusable chart region (canvas and tooltip), then the legend when asked for. */
  render(options: SeriesChartRender) {
    const tooltip = this.tooltip;
    return html`
      <div
        part="chart"
        class="chart"
        role="group"
        tabindex="0"
        aria-label=${options.hint}
        @keydown=${tooltip.onKeyDown}
        @pointermove=${tooltip.onPointerMove}
        @pointerleave=${tooltip.onPointerLeave}
        @focusout=${tooltip.onFocusOut}
        @click=${tooltip.onClick}
      >
        <canvas part="canvas" class="series-canvas" role="img" aria-label=${options.label}></canvas>
        ${tooltip.render()}
      </div>
      ${options.legend ? renderLegend(this.legendItems(), options.legend.onToggle, options.legend.label) : nothing}
    `;
  }

  private _content(index: number): TooltipContent | undefined {
    const model = this.options.model();
    if (!model) return undefined;
    const rows = model.series.flatMap((series) =>
      series.hidden
        ? []
        : [
            {
              key: series.key,
              name: series.name,
              color: seriesCssColor(series.color),
              value: model.value(series.values[index] ?? null),
            },
          ],
    );
    return rows.length > 0 ? { title: model.fullLabel(index), rows } : undefined;
  }

  private _pointAt(event: MouseEvent): TooltipPoint | undefined {
    const chart = this.chart;
    const model = this.options.model();
    const area = chart?.chartArea;
    if (!chart || !model || !area || model.length === 0) return undefined;
    const box = chart.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    if (x < area.left || x > area.right || y < area.top || y > area.bottom) return undefined;
    const scaled = Math.round(chart.scales['x']!.getValueForPixel(x) ?? 0);
    const index = Math.min(Math.max(scaled, 0), model.length - 1);
    if (isLongSeries(model)) return { index };
    // The series under the pointer: the bar it is on, else the nearest point at that index. Final
    // positions, so a click during an animation hits what the chart is heading to.
    const items = chart.getElementsAtEventForMode(event, 'index', { intersect: false }, true);
    const final = (element: unknown) =>
      element as {
        inRange(x: number, y: number, final: boolean): boolean;
        getProps(p: ['y'], f: true): { y: number };
      };
    const distance = (element: unknown) => Math.abs(final(element).getProps(['y'], true).y - y);
    const hit =
      items.find((item) => final(item.element).inRange(x, y, true)) ??
      [...items].sort((a, b) => distance(a.element) - distance(b.element))[0];
    return { index: items[0]?.index ?? index, key: hit ? model.series[hit.datasetIndex]?.key : undefined };
  }

  private _activate(index: number, key: number): void {
    const model = this.options.model();
    const series = model?.series.find((s) => s.key === key);
    if (!model || !series) return;
    this.host.dispatchEvent(
      new PhPointClickEvent({
        series: series.name,
        seriesIndex: series.key,
        label: model.axisLabel(index),
        index,
        value: series.values[index] ?? null,
      }),
    );
  }

  /** Hover styling of the active points; long series have no point elements per index. */
  private _highlight(point: TooltipPoint | undefined): void {
    const chart = this.chart;
    const model = this.options.model();
    if (!chart || !model || isLongSeries(model)) return;
    const active =
      point === undefined || point.index >= model.length
        ? []
        : model.series.flatMap((series, datasetIndex) =>
            series.hidden ? [] : [{ datasetIndex, index: point.index }],
          );
    chart.setActiveElements(active);
    chart.render();
  }
}

/** Styles for {@link SeriesChartController.render}: the positioned region, legend and tooltip. */
export const seriesChartStyles = [
  legendStyles,
  tooltipStyles,
  css`
    .chart {
      position: relative;
      width: 100%;
      height: var(--_chart-height, 300px);
      border-radius: var(--_radius);
    }

    .chart:focus-visible {
      outline: 2px solid var(--_focus, var(--_series-1));
      outline-offset: 2px;
    }

    .series-canvas {
      display: block;
    }
  `,
];
