import { css } from 'lit';
import { themeTokens } from './theme.styles.js';

/**
 * Shared by every element: box sizing, the hidden attribute, and the theme tokens each element
 * reads through private `--_*` properties (public `--ph-*` first, then a light or dark default).
 */
export const hostStyles = css`
  ${themeTokens}

  :host {
    box-sizing: border-box;
    display: block;
    font-family: var(--_font-family);
    color: var(--_text);
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
