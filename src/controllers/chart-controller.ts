import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Chart, ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';
import { ChartThemeController } from './theme-colors.js';
import type { ChartTheme } from './theme-colors.js';
import type * as ChartRegistry from './chart-registry.js';

type ChartModule = typeof ChartRegistry;

let chartModule: ChartModule | undefined;
let loadingChartModule: Promise<ChartModule> | undefined;

/** chart.js loads once per page, on the first chart, as its own chunk (DESIGN.md section 10). */
function loadChartModule(): Promise<ChartModule> {
  loadingChartModule ??= import('./chart-registry.js').then(
    (module) => (chartModule = module),
    (error: unknown) => {
      // Let the next update try again: a failed chunk request (offline, deploy in progress) is not final.
      loadingChartModule = undefined;
      throw error;
    },
  );
  return loadingChartModule;
}

export interface ChartControllerOptions<TType extends ChartType, TData = DefaultDataPoint<TType>> {
  /** The host's canvas, or nothing while the host shows no chart (empty, loading). */
  canvas: () => HTMLCanvasElement | null | undefined;
  /**
   * The whole chart config for the current data and theme, or undefined for no chart. Called
   * after every host update; build it from state derived in `willUpdate`, not from scratch.
   */
  config: (theme: ChartTheme) => ChartConfiguration<TType, TData, string> | undefined;
  /** Colour tokens beyond the shared palette that the config reads from `theme.tokens`. */
  tokens?: readonly string[];
}

/**
 * Owns one chart.js `Chart` for a Lit host. The chart is created after the first update that
 * renders a canvas, updated in place (`chart.data = …; chart.options = …; chart.update()`) on
 * every later update, destroyed when the host disconnects and re-created when it comes back.
 * Colours come from the host's theme tokens through {@link ChartThemeController}.
 *
 * chart.js itself is loaded lazily; hosts should await {@link ready} in `getUpdateComplete()`
 * so `updateComplete` means "the chart is drawn".
 */
export class ChartController<
  TType extends ChartType = ChartType,
  TData = DefaultDataPoint<TType>,
> implements ReactiveController {
  /** The host's theme colours; `invalidate()` it after changing `--ph-*` tokens at run time. */
  readonly theme: ChartThemeController;
  private _chart: Chart<TType, TData, string> | undefined;
  private _loading: Promise<unknown> = Promise.resolve();
  private _connected = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ChartControllerOptions<TType, TData>,
  ) {
    this.theme = new ChartThemeController(host, options.tokens);
    host.addController(this);
  }

  /** The live chart, if one is drawn. */
  get chart(): Chart<TType, TData, string> | undefined {
    return this._chart;
  }

  /** Settles once chart.js has loaded and the chart reflects the last host update. */
  get ready(): Promise<void> {
    return this._loading.then(() => undefined);
  }

  hostConnected(): void {
    this._connected = true;
    // After a reattach the canvas is still in the shadow root but its chart was destroyed:
    // an update re-creates it (on first connect the host is about to update anyway).
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this._sync();
  }

  hostDisconnected(): void {
    this._connected = false;
    this._destroy();
  }

  private _sync(): void {
    if (!this._connected) return;
    const canvas = this.options.canvas();
    const config = canvas ? this.options.config(this.theme.current) : undefined;
    if (!canvas || !config) {
      this._destroy();
      return;
    }
    // chart.js cannot switch a live chart between line and bar: those get a new chart.
    if (
      this._chart &&
      this._chart.canvas === canvas &&
      (this._chart.config as { type?: unknown }).type === config.type
    ) {
      this._chart.data = config.data;
      if (config.options) this._chart.options = config.options;
      this._chart.update();
      return;
    }
    // The canvas was re-rendered (empty -> data), so the old chart belongs to a detached canvas,
    // or the chart type changed.
    this._destroy();
    if (chartModule) {
      this._chart = new chartModule.Chart(canvas, config) as unknown as Chart<TType, TData, string>;
      return;
    }
    this._loading = loadChartModule().then(() => this._sync());
  }

  private _destroy(): void {
    this._chart?.destroy();
    this._chart = undefined;
  }
}
