import { css } from 'lit';

/**
 * The scrolling table frame shared by `<ph-data-table>` and `<ph-retention-table>`: a surface-coloured
 * base, a scroller bounded by `--ph-table-max-height`, a table that fills it, and the "No data" message.
 */
export const tableFrameStyles = css`
  :host {
    --_max-height: var(--ph-table-max-height, 480px);
    /* Lets the table shrink inside grid and flex tracks and scroll instead of forcing them wider. */
    min-width: 0;
  }

  .base {
    position: relative;
    background: var(--_surface);
    border-radius: var(--_radius);
  }

  .scroller {
    overflow: auto;
    max-height: var(--_max-height);
  }

  table {
    min-width: 100%;
    border-collapse: separate;
    border-spacing: 0;
    font-size: 0.875rem;
  }

  .empty {
    display: grid;
    place-items: center;
    min-height: 120px;
    margin: 0;
    color: var(--_muted);
  }

  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }
  }
`;
