import { css, unsafeCSS } from 'lit';
import { DARK_PALETTE, LIGHT_PALETTE } from '../../styles/theme.styles.js';
import type { ThemePalette } from '../../styles/theme.styles.js';

/**
 * The tokens the element's own chrome (header, states, toolbar) uses, for a theme inherited from
 * a `<ph-endpoint-provider>`. The host's `theme` attribute keeps meaning "set on this element",
 * so an inherited theme is applied to the wrapper instead; the view gets it as an attribute.
 */
function chromeTokens(palette: ThemePalette, scheme: 'light' | 'dark') {
  return unsafeCSS(`
    color-scheme: ${scheme};
    --_text: var(--ph-color-text, ${palette.text});
    --_muted: var(--ph-color-text-muted, ${palette.muted});
    --_surface: var(--ph-color-surface, ${palette.surface});
    --_grid: var(--ph-color-grid, ${palette.grid});
    --_danger: var(--ph-color-danger, ${palette.danger});
    --_accent: var(--ph-color-series-1, ${palette.series[0]});
  `);
}

export default css`
  :host {
    --_chart-height: var(--ph-chart-height, 300px);
    --_accent: var(--_series-1);
  }

  .base.theme-light {
    ${chromeTokens(LIGHT_PALETTE, 'light')}
  }

  .base.theme-dark {
    ${chromeTokens(DARK_PALETTE, 'dark')}
  }

  .base {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    padding: var(--ph-chart-padding, 0);
    color: var(--_text);
    background: var(--_surface);
    border-radius: var(--_radius);
  }

  .header {
    min-width: 0;
    font-size: 1rem;
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }

  /* As tall as its button even while empty, so the header does not grow when a view arrives. */
  .toolbar {
    display: flex;
    gap: 0.5rem;
    min-height: 1.875rem;
  }

  .status,
  .view,
  .freshness {
    grid-column: 1 / -1;
    min-width: 0;
  }

  /* Every state fills the chart's height, so the tile does not jump as it loads. */
  .status {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    min-height: var(--_chart-height);
    margin: 0;
    color: var(--_muted);
    text-align: center;
  }

  .view {
    position: relative;
  }

  /* A refresh keeps the old chart; a thin bar along the top says newer numbers are on the way. */
  .view[aria-busy='true']::before {
    content: '';
    position: absolute;
    z-index: 1;
    inset: 0 auto auto 0;
    width: 30%;
    height: 2px;
    background: var(--_accent);
    animation: progress 1.2s ease-in-out infinite;
  }

  @keyframes progress {
    from {
      left: 0;
    }
    to {
      left: 70%;
    }
  }

  .freshness {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .error .message {
    margin: 0;
    color: var(--_danger);
  }

  .button {
    padding: 0.25rem 0.75rem;
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .button:hover {
    background: var(--_grid);
  }

  .button:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  .skeleton {
    position: relative;
    align-self: stretch;
    display: flex;
    height: var(--_chart-height);
    overflow: hidden;
    border-radius: var(--_radius);
  }

  .skeleton::after {
    content: '';
    position: absolute;
    inset: 0;
    background: linear-gradient(90deg, transparent 25%, var(--_surface) 50%, transparent 75%) 0 0 / 200% 100%;
    opacity: 0.6;
    animation: shimmer 1.5s linear infinite;
  }

  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }

  .bone {
    display: block;
    background: var(--_grid);
    border-radius: var(--_radius);
  }

  .skeleton[data-shape='chart'] .block {
    flex: 1;
  }

  .skeleton svg {
    width: 100%;
    height: 100%;
  }

  .skeleton polyline {
    fill: none;
    stroke: var(--_grid);
    stroke-width: 4;
    vector-effect: non-scaling-stroke;
  }

  .skeleton rect {
    fill: var(--_grid);
  }

  .skeleton[data-shape='number'] {
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 1rem;
  }

  .big {
    width: 40%;
    height: 4rem;
  }

  .small {
    width: 25%;
    height: 1rem;
  }

  .skeleton[data-shape='table'] {
    flex-direction: column;
    gap: 0.75rem;
  }

  .row {
    height: 1.5rem;
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton::after {
      animation: none;
      display: none;
    }

    .view[aria-busy='true']::before {
      width: 100%;
      animation: none;
      opacity: 0.6;
    }
  }

  @media (forced-colors: active) {
    .base[class] {
      --_text: CanvasText;
      --_muted: CanvasText;
      --_surface: Canvas;
      --_grid: GrayText;
      --_danger: CanvasText;
      --_accent: Highlight;
    }

    .bone {
      background: GrayText;
    }

    .skeleton polyline {
      stroke: GrayText;
    }

    .skeleton rect {
      fill: GrayText;
    }

    .skeleton::after {
      display: none;
    }

    .button {
      border-color: ButtonText;
    }
  }
`;
