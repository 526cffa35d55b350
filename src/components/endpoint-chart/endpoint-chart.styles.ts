import { css } from 'lit';

export default css`
  :host {
    --_chart-height: var(--ph-chart-height, 300px);
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin: 0;
  }

  .header {
    font-size: 1rem;
    font-weight: 600;
    line-height: 1.4;
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

  .skeleton {
    align-self: stretch;
    height: var(--_chart-height);
    border-radius: var(--_radius);
    background: linear-gradient(90deg, var(--_grid) 25%, var(--_surface) 50%, var(--_grid) 75%) 0 0 / 200%
      100%;
    animation: shimmer 1.5s linear infinite;
  }

  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }

  .error .message {
    margin: 0;
    color: var(--_danger);
  }

  .retry {
    padding: 0.375rem 1rem;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .retry:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 2px;
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    .skeleton {
      background: Canvas;
      border: 1px solid CanvasText;
    }

    .error .message {
      color: CanvasText;
    }
  }
`;
