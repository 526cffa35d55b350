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

  .empty {
    display: grid;
    place-items: center;
    min-height: var(--_chart-height);
    margin: 0;
    color: var(--_muted);
  }

  button:focus-visible,
  td:focus-visible {
    outline: 2px solid var(--_series-1);
    outline-offset: 1px;
  }

  /* ActionsBarValue and WorldMap: ranked HTML bars. */
  .bars {
    max-height: var(--_chart-height);
    overflow: auto;
    margin: 0;
    padding: 4px 0;
    list-style: none;
  }

  .bar-row {
    font-variant-numeric: tabular-nums;
    display: grid;
    grid-template-columns: minmax(4rem, 30%) 1fr auto;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 4px 6px;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  .bar-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .bar-track {
    height: 1.25rem;
  }

  .bar {
    display: block;
    min-width: 1px;
    height: 100%;
    border-radius: 2px;
    forced-color-adjust: none;
  }

  .bar[data-negative] {
    opacity: 0.6;
  }

  /* ActionsPie: the donut beside (or above, when narrow) its legend. */
  .pie-layout {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }

  .pie-region {
    flex: 1 1 12rem;
    display: grid;
    place-items: center;
  }

  .pie-layout .legend {
    flex: 1 1 10rem;
    flex-direction: column;
    flex-wrap: nowrap;
    max-height: var(--_chart-height);
  }

  .pie {
    width: auto;
    height: 100%;
    max-width: 100%;
  }

  .pie-track {
    fill: none;
    stroke: var(--_grid);
  }

  .slice {
    stroke: var(--_surface);
    stroke-width: 0.5;
    cursor: pointer;
    forced-color-adjust: none;
  }

  .slice[data-active] {
    stroke: var(--_text);
    stroke-width: 1;
  }

  .pie-total {
    fill: var(--_text);
    font-size: 11px;
    font-weight: 600;
  }

  /* ActionsTable: visible, scrolls sideways, first column stays. */
  .table-scroll {
    max-height: var(--_chart-height);
    overflow: auto;
  }

  .series-table {
    border-collapse: collapse;
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }

  .series-table th,
  .series-table td {
    padding: 4px 8px;
    border-bottom: 1px solid var(--_grid);
    text-align: end;
    white-space: nowrap;
  }

  .series-table th[scope='row'] {
    position: sticky;
    left: 0;
    background: var(--_surface);
    text-align: start;
  }

  .series-table thead th {
    position: sticky;
    top: 0;
    background: var(--_surface);
  }

  .sort {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .note,
  caption {
    margin: 4px;
    color: var(--_muted);
    text-align: start;
  }

  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }
  }
`;
