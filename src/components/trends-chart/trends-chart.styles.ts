import { css } from 'lit';

export const styles = css`
  :host {
    --_chart-height: var(--ph-chart-height, 300px);
    /* Lets the chart shrink inside grid and flex tracks instead of forcing them wider. */
    min-width: 0;
  }

  .base {
    position: relative;
    background: var(--_surface);
    border-radius: var(--_radius);
  }

  /* chart.js sizes the canvas to this box (responsive, no aspect ratio): it needs its own height. */
  .chart {
    position: relative;
    width: 100%;
    height: var(--_chart-height);
  }

  canvas {
    display: block;
  }

  .empty {
    display: grid;
    place-items: center;
    min-height: var(--_chart-height);
    margin: 0;
    color: var(--_muted);
  }

  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }
  }
`;
