import { css, unsafeCSS } from 'lit';

/** The colours one theme provides when the page sets no `--ph-*` token. */
export interface ThemePalette {
  /** Eight series colours, each at least 3:1 against `surface` (WCAG 1.4.11, graphical objects). */
  readonly series: readonly string[];
  readonly text: string;
  readonly muted: string;
  readonly surface: string;
  readonly grid: string;
  readonly danger: string;
}

export const LIGHT_PALETTE: ThemePalette = {
  series: ['#1d4aff', '#c2410c', '#15803d', '#7e22ce', '#be123c', '#0e7490', '#a16207', '#4b5563'],
  text: '#1d1f27',
  muted: '#5f6170',
  surface: '#ffffff',
  grid: '#e4e5eb',
  danger: '#b3261e',
};

// Lighter tints of the same hues, so a series keeps its identity when the theme flips.
export const DARK_PALETTE: ThemePalette = {
  series: ['#7b9bff', '#fb923c', '#4ade80', '#c084fc', '#fb7185', '#22d3ee', '#facc15', '#cbd5e1'],
  text: '#eceef3',
  muted: '#a3a6b4',
  surface: '#1d1f27',
  grid: '#3a3d4a',
  danger: '#f2b8b5',
};

/** How many `--ph-color-series-N` tokens exist; the chart palette cycles past it. */
export const SERIES_TOKEN_COUNT = LIGHT_PALETTE.series.length;

// Public `--ph-*` tokens win over the palette default in both themes: a brand that sets one
// colour usually wants it everywhere, and can still scope its own dark value with a selector.
function privateTokens(palette: ThemePalette) {
  const series = palette.series
    .map((color, i) => `--_series-${i + 1}: var(--ph-color-series-${i + 1}, ${color});`)
    .join('\n');
  return unsafeCSS(`
    ${series}
    --_text: var(--ph-color-text, ${palette.text});
    --_muted: var(--ph-color-text-muted, ${palette.muted});
    --_surface: var(--ph-color-surface, ${palette.surface});
    --_grid: var(--ph-color-grid, ${palette.grid});
    --_danger: var(--ph-color-danger, ${palette.danger});
  `);
}

const forcedSeries = unsafeCSS(
  LIGHT_PALETTE.series.map((_, i) => `--_series-${i + 1}: CanvasText;`).join('\n'),
);

/**
 * The theme layer every element shares: light by default, dark under
 * `prefers-color-scheme: dark` unless `theme="light"`, dark whenever `theme="dark"`, and system
 * colours in forced-colours mode (where the chart tells series apart by dash pattern instead).
 */
export const themeTokens = css`
  :host {
    color-scheme: light;
    --_font-family: var(--ph-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--ph-radius, 6px);
    ${privateTokens(LIGHT_PALETTE)}
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      color-scheme: dark;
      ${privateTokens(DARK_PALETTE)}
    }
  }

  :host([theme='dark']) {
    color-scheme: dark;
    ${privateTokens(DARK_PALETTE)}
  }

  @media (forced-colors: active) {
    :host,
    :host([theme]) {
      ${forcedSeries}
      --_text: CanvasText;
      --_muted: CanvasText;
      --_surface: Canvas;
      --_grid: GrayText;
      --_danger: CanvasText;
    }
  }
`;
