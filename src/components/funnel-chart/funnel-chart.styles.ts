import { css } from 'lit';

/** The row layout of the steps, shared by the `layout` attribute and the narrow-container query. */
const rowLayout = css`
  .steps {
    grid-auto-flow: row;
    grid-template-rows: none;
    grid-template-columns: minmax(0, 1fr);
  }
  .step {
    grid-row: auto;
    grid-template-rows: none;
    grid-template-columns: minmax(6rem, 35%) minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
  }
  .step-name {
    align-self: center;
  }
  .track {
    flex-direction: column;
    border-bottom: 0;
    border-inline-start: 1px solid var(--_grid);
  }
  .bar {
    flex: none;
    height: 1.25rem;
    border-radius: 0 4px 4px 0;
  }
  .fill {
    inset: 0 auto 0 0;
    width: calc(var(--_size) * 1%);
    height: auto;
    min-width: 2px;
  }
  .fill.zero {
    width: 0;
    min-width: 0;
  }
  .metrics {
    grid-column: 1 / -1;
    grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
    gap: 0.125rem 1rem;
  }
`;

export const styles = css`
  :host {
    --_chart-height: var(--ph-chart-height, 300px);
    --_track-height: var(--ph-funnel-track-height, 200px);
    min-width: 0;
  }

  .base {
    position: relative;
    container: funnel / inline-size;
    background: var(--_surface);
    border-radius: var(--_radius);
  }

  /* Columns (PostHog's default layout). Subgrid rows keep names, bars and numbers aligned across steps. */
  .steps {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(0, 1fr);
    grid-template-rows: auto var(--_track-height) auto;
    gap: 0.5rem 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .step {
    display: grid;
    grid-row: span 3;
    grid-template-rows: subgrid;
    min-width: 0;
  }

  .step-name {
    align-self: end;
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .step-number {
    display: inline-grid;
    place-items: center;
    min-width: 1.5em;
    height: 1.5em;
    margin-inline-end: 0.25rem;
    border-radius: 999px;
    background: var(--_grid);
    font-size: 0.75rem;
  }

  .track {
    display: flex;
    gap: 2px;
    min-height: 0;
    border-bottom: 1px solid var(--_grid);
  }

  .bar {
    position: relative;
    flex: 1 1 0;
    min-width: 0;
    padding: 0;
    border: 0;
    border-radius: 4px 4px 0 0;
    background: color-mix(in srgb, var(--_bar) 14%, transparent);
    cursor: pointer;
  }

  .bar:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  .fill {
    position: absolute;
    inset: auto 0 0 0;
    height: calc(var(--_size) * 1%);
    min-height: 2px;
    border-radius: inherit;
    background: var(--_bar);
    transition:
      height 0.3s ease,
      width 0.3s ease;
  }

  .fill.zero {
    height: 0;
    min-height: 0;
  }

  .metrics {
    display: grid;
    align-content: start;
    gap: 0.125rem;
    margin: 0;
    font-size: 0.75rem;
  }

  .metric {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.5rem;
  }

  .metric dt {
    color: var(--_muted);
  }

  .metric dd {
    margin: 0 0 0 auto;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  /* Rows: forced by layout="horizontal", or chosen when the element is too narrow for columns. */
  :host([layout='horizontal']) {
    ${rowLayout}
  }

  @container funnel (max-width: 30rem) {
    :host(:not([layout='vertical'])) {
      ${rowLayout}
    }
  }

  .table-wrap {
    margin-top: 0.75rem;
    overflow-x: auto;
  }

  .table-wrap:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  .table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.8125rem;
    font-variant-numeric: tabular-nums;
  }

  .table th,
  .table td {
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_grid);
    text-align: end;
    white-space: nowrap;
  }

  .table th[scope='row'],
  .table td:nth-child(2),
  .table thead th:nth-child(-n + 2) {
    min-width: 6rem;
    text-align: start;
    white-space: normal;
    overflow-wrap: break-word;
  }

  .table thead th {
    color: var(--_muted);
    font-weight: 600;
    white-space: normal;
    vertical-align: bottom;
  }

  .average {
    margin: 0.5rem 0 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }

  .empty {
    display: grid;
    place-items: center;
    min-height: var(--_chart-height);
    margin: 0;
    color: var(--_muted);
  }

  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }
    .bar {
      forced-color-adjust: none;
      background: Canvas;
      outline: 1px solid CanvasText;
    }
    .fill {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .bar:focus-visible,
    .table-wrap:focus-visible {
      outline: 2px solid Highlight;
    }
    .step-number {
      border: 1px solid CanvasText;
    }
  }
`;
