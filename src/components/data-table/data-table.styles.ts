import { css } from 'lit';

export const styles = css`
  .scroller:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  th,
  td {
    padding: 0.375rem 0.625rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--_grid);
  }

  /* Long text and JSON wrap anywhere (an email, a URL, a run of CJK) instead of widening the page. */
  td {
    max-width: 40ch;
    overflow-wrap: anywhere;
  }

  thead th {
    position: sticky;
    top: 0;
    z-index: 1;
    padding: 0;
    white-space: nowrap;
    background: var(--_surface);
  }

  .sort {
    display: flex;
    gap: 0.25rem;
    align-items: center;
    width: 100%;
    padding: 0.375rem 0.625rem;
    font: inherit;
    font-weight: 600;
    color: inherit;
    text-align: start;
    cursor: pointer;
    background: none;
    border: 0;
  }

  .sort:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: -2px;
  }

  .arrow {
    color: var(--_muted);
  }

  th.number .sort {
    flex-direction: row-reverse;
    text-align: end;
  }

  td.number {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }

  td.json {
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace;
    font-size: 0.8125rem;
  }

  .pager {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    justify-content: flex-end;
    padding-top: 0.5rem;
    font-size: 0.875rem;
  }

  .pager button {
    padding: 0.25rem 0.75rem;
    font: inherit;
    color: inherit;
    cursor: pointer;
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
  }

  .pager button:disabled {
    cursor: default;
    opacity: 0.5;
  }

  .pager button:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  @media (forced-colors: active) {
    .pager button:disabled {
      color: GrayText;
      opacity: 1;
    }
  }
`;
