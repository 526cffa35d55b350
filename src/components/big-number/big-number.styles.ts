import { css } from 'lit';

export const styles = css`
  :host {
    --_up: var(--ph-color-positive, #15803d);
    --_down: var(--_danger);
    --_value-max: var(--ph-big-number-max-size, 4.5rem);
    min-width: 0;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_up: var(--ph-color-positive, #4ade80);
    }
  }

  :host([theme='dark']) {
    --_up: var(--ph-color-positive, #4ade80);
  }

  .base {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 1rem;
  }

  .numbers {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 2rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  /* Each tile is its own size container, so one number or five in a row all scale to their share. */
  .tile {
    flex: 1 1 10rem;
    min-width: 0;
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }

  .label,
  .previous {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
    overflow-wrap: anywhere;
  }

  .value {
    align-self: flex-start;
    max-width: 100%;
    padding: 0;
    border: 0;
    border-radius: 4px;
    background: none;
    color: var(--_text);
    font: inherit;
    font-size: clamp(1.75rem, 22cqi, var(--_value-max));
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
    text-align: start;
    overflow-wrap: anywhere;
    cursor: pointer;
  }

  .value:hover {
    text-decoration: underline;
    text-decoration-thickness: 2px;
  }

  .value:focus-visible {
    outline: 2px solid var(--_series-1);
    outline-offset: 3px;
  }

  .change {
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  .change.up {
    color: var(--_up);
  }

  .change.down {
    color: var(--_down);
  }

  .empty {
    margin: 0;
    color: var(--_muted);
  }

  @media (forced-colors: active) {
    .base {
      border: 1px solid CanvasText;
    }

    .change.up,
    .change.down {
      color: CanvasText;
    }

    .value:focus-visible {
      outline-color: Highlight;
    }
  }
`;
