import { css } from 'lit';

/**
 * Shared by every element: box sizing, the hidden attribute, and the global tokens each element
 * reads through private `--_*` properties (public `--ph-*` first, then a default).
 */
export const hostStyles = css`
  :host {
    box-sizing: border-box;
    display: block;
    font-family: var(--ph-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_text);
    --_text: var(--ph-color-text, #1d1f27);
    --_muted: var(--ph-color-text-muted, #5f6170);
    --_surface: var(--ph-color-surface, #ffffff);
    --_grid: var(--ph-color-grid, #e4e5eb);
    --_danger: var(--ph-color-danger, #b3261e);
    --_radius: var(--ph-radius, 6px);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
