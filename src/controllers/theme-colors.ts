import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LIGHT_PALETTE, SERIES_TOKEN_COUNT } from '../styles/theme.styles.js';

/** Everything a canvas needs from the theme, read from the host's computed style. */
export interface ChartTheme {
  /** `--_series-1..8`, resolved; index with {@link seriesColor} so the palette cycles. */
  readonly series: readonly string[];
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly surface: string;
  readonly fontFamily: string;
  /** `prefers-reduced-motion: reduce`: charts draw without animation. */
  readonly reducedMotion: boolean;
  /** `forced-colors: active`: every series is one system colour, so dash patterns tell them apart. */
  readonly forcedColors: boolean;
  /** Extra tokens a view asked for (e.g. `--_lifecycle-new`), resolved like the series colours. */
  readonly tokens: Readonly<Record<string, string>>;
}

const QUERIES = [
  '(prefers-color-scheme: dark)',
  '(prefers-reduced-motion: reduce)',
  '(forced-colors: active)',
];

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * Canvas-normalised colour ("#1d4aff", "rgba(…)", or a modern colour function kept as written),
 * so a token written as a name or `rgb()` still works and an invalid one falls back.
 */
function normalizeColor(value: string, fallback: string): string {
  if (!value) return fallback;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return value;
  probe.fillStyle = fallback;
  probe.fillStyle = value;
  return String(probe.fillStyle);
}

/**
 * Reads the theme tokens the host's styles resolved for its current theme, plus any `extra`
 * colour tokens the view defines itself.
 */
export function readChartTheme(host: Element, extra: readonly string[] = []): ChartTheme {
  const style = getComputedStyle(host);
  const token = (name: string, fallback: string) =>
    normalizeColor(style.getPropertyValue(name).trim(), fallback);
  const matches = (query: string) => globalThis.matchMedia?.(query).matches ?? false;
  const forcedColors = matches('(forced-colors: active)');
  // Custom properties keep system colour keywords unresolved, but the host's forced `color` is
  // the real CanvasText of the user's contrast theme: draw text and every series in it.
  const forcedText = forcedColors ? normalizeColor(style.color, LIGHT_PALETTE.text) : undefined;
  return {
    series: Array.from(
      { length: SERIES_TOKEN_COUNT },
      (_, i) => forcedText ?? token(`--_series-${i + 1}`, LIGHT_PALETTE.series[i] ?? LIGHT_PALETTE.text),
    ),
    text: forcedText ?? token('--_text', LIGHT_PALETTE.text),
    muted: forcedText ?? token('--_muted', LIGHT_PALETTE.muted),
    grid: token('--_grid', LIGHT_PALETTE.grid),
    surface: token('--_surface', LIGHT_PALETTE.surface),
    fontFamily: style.fontFamily || 'sans-serif',
    reducedMotion: matches('(prefers-reduced-motion: reduce)'),
    forcedColors,
    tokens: Object.fromEntries(extra.map((name) => [name, forcedText ?? token(name, LIGHT_PALETTE.text)])),
  };
}

/** The colour of series `index`; past the eighth the palette starts again. */
export function seriesColor(theme: ChartTheme, index: number): string {
  const count = theme.series.length;
  return theme.series[((index % count) + count) % count] ?? theme.text;
}

/** The same colour at `alpha` opacity, for area fills. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) {
    const [r, g, b] = hex.slice(1).map((pair) => parseInt(pair, 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)(?:,([^)]+))?\)$/i.exec(color);
  if (rgba) {
    const base = Number(rgba[4] ?? 1);
    return `rgba(${rgba[1]?.trim()}, ${rgba[2]?.trim()}, ${rgba[3]?.trim()}, ${base * alpha})`;
  }
  return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

/**
 * Keeps a host's {@link ChartTheme} current. Colours are re-read lazily after the host's `theme`
 * attribute changes, and when the OS switches colour scheme, motion or contrast preference (the
 * media listeners live only while the host is connected). A media change also asks the host to
 * update, so its chart redraws in the new colours.
 */
export class ChartThemeController implements ReactiveController {
  private _theme: ChartTheme | undefined;
  private _themeAttribute: string | null = null;
  private readonly _lists: MediaQueryList[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly extraTokens: readonly string[] = [],
  ) {
    host.addController(this);
  }

  /** The current theme, read again if anything it depends on changed since the last read. */
  get current(): ChartTheme {
    const attribute = this.host.getAttribute('theme');
    if (!this._theme || attribute !== this._themeAttribute) {
      this._themeAttribute = attribute;
      this._theme = readChartTheme(this.host, this.extraTokens);
    }
    return this._theme;
  }

  /** Forces a re-read on next use, e.g. after a page changes `--ph-*` tokens at run time. */
  invalidate(): void {
    this._theme = undefined;
  }

  hostConnected(): void {
    // Styles around the host may have changed while it was detached.
    this.invalidate();
    if (typeof globalThis.matchMedia !== 'function') return;
    for (const query of QUERIES) {
      const list = globalThis.matchMedia(query);
      list.addEventListener('change', this._onMediaChange);
      this._lists.push(list);
    }
  }

  hostDisconnected(): void {
    for (const list of this._lists.splice(0)) list.removeEventListener('change', this._onMediaChange);
  }

  private readonly _onMediaChange = (): void => {
    this.invalidate();
    this.host.requestUpdate();
  };
}
