import { css } from 'lit';

export const styles = css`
  :host {
    --_heat: var(--ph-retention-color, var(--_series-1));
    --_heat-text: var(--ph-retention-strong-text, var(--_surface));
    --_curve-height: var(--ph-retention-curve-height, 96px);
  }

  .picker {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }

  select {
    max-width: 100%;
    padding: 0.25rem 0.5rem;
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }

  .curve {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-template-rows: var(--_curve-height) auto;
    column-gap: 0.5rem;
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.5rem 0;
    font-size: 0.75rem;
    color: var(--_muted);
  }

  .y-top,
  .y-bottom {
    grid-area: 1 / 1;
    justify-self: end;
  }
  .y-top {
    align-self: start;
  }
  .y-bottom {
    align-self: end;
  }

  .plot {
    grid-area: 1 / 2;
    width: 100%;
    height: 100%;
    overflow: visible;
  }

  .x-first,
  .x-last {
    grid-area: 2 / 2;
  }
  .x-last {
    justify-self: end;
  }

  .plot path {
    fill: none;
    vector-effect: non-scaling-stroke;
  }
  .plot .grid {
    stroke: var(--_grid);
    stroke-width: 1;
  }
  .plot .line {
    stroke: var(--_heat);
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .plot .dots {
    stroke: var(--_heat);
    stroke-width: 6;
    stroke-linecap: round;
  }

  table {
    font-variant-numeric: tabular-nums;
  }

  th,
  td {
    padding: 0;
    text-align: end;
    white-space: nowrap;
    border-bottom: 1px solid var(--_grid);
  }

  th,
  .num {
    padding: 0.375rem 0.5rem;
  }

  /* Sticky header row and cohort column; their own background hides the cells scrolling under them. */
  thead th {
    position: sticky;
    top: 0;
    z-index: 2;
    font-weight: 600;
    background: var(--_surface);
  }

  th:first-child {
    position: sticky;
    left: 0;
    z-index: 1;
    text-align: start;
    background: var(--_surface);
  }

  thead th:first-child {
    z-index: 3;
  }

  tbody th {
    font-weight: normal;
  }

  tfoot th,
  tfoot td {
    font-weight: 600;
  }

  .heat {
    background: color-mix(in srgb, var(--_heat) calc(var(--_alpha, 0) * 100%), var(--_surface));
  }

  .strong {
    color: var(--_heat-text);
  }

  .cell {
    display: block;
    width: 100%;
    padding: 0.375rem 0.5rem;
    font: inherit;
    color: inherit;
    text-align: end;
    cursor: pointer;
    background: none;
    border: 0;
  }

  .cell:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: -3px;
  }

  .partial .cell {
    font-style: italic;
  }

  @media (forced-colors: active) {
    .cell:focus-visible {
      outline-color: Highlight;
    }
    .plot .line,
    .plot .dots {
      stroke: CanvasText;
    }
  }
`;
