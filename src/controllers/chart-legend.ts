/**
 * The HTML legend every chart view shares (chart.js's Legend plugin is not in the bundle). One
 * real `<button aria-pressed>` per series: pressed means shown, so Tab and Space or Enter toggle a
 * series the way a click does. A colour swatch (a dashed line for dashed series, a square for
 * bars) and the name; an optional value (pie totals). Long lists scroll inside
 * `--ph-legend-max-height`, so 50+ series never push the chart away.
 *
 * Use: add `legendStyles` to the view's styles and render `renderLegend(items, onToggle, label)`
 * next to the canvas. The view owns which keys are hidden and redraws on `onToggle(key)`.
 */
import { css, html, nothing, svg } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

export interface LegendItem {
  /** What `onToggle` receives: the series' position in the result. */
  readonly key: number;
  readonly name: string;
  /** Any CSS colour, `var(--_series-2)` included (it then follows the theme by itself). */
  readonly color: string;
  /** Dash pattern of the series' line; empty or missing for solid. */
  readonly dash?: readonly number[];
  /** `line` for line charts (the default), `box` for bars, slices and areas. */
  readonly shape?: 'line' | 'box';
  /** Shown after the name, e.g. a pie slice's value. */
  readonly value?: string;
  readonly hidden: boolean;
}

function swatch(item: LegendItem) {
  if (item.shape === 'box') {
    return html`<span class="swatch box" style=${styleMap({ background: item.color })}></span>`;
  }
  return html`<svg class="swatch" viewBox="0 0 20 8" aria-hidden="true">
    ${svg`<line x1="0" y1="4" x2="20" y2="4" stroke-width="3" style=${styleMap({ stroke: item.color })}
      stroke-dasharray=${item.dash?.length ? item.dash.join(' ') : nothing}></line>`}
  </svg>`;
}

/** The legend: a labelled group of toggle buttons. Renders nothing for an empty list. */
export function renderLegend(items: readonly LegendItem[], onToggle: (key: number) => void, label: string) {
  if (items.length === 0) return nothing;
  return html`<div part="legend" class="legend" role="group" aria-label=${label}>
    ${items.map(
      (item) =>
        html`<button
          part="legend-item"
          class="legend-item"
          type="button"
          aria-pressed=${item.hidden ? 'false' : 'true'}
          data-key=${item.key}
          title=${item.name}
          @click=${() => onToggle(item.key)}
        >
          ${swatch(item)}
          <span class="legend-name">${item.name}</span>
          ${item.value === undefined ? nothing : html`<span class="legend-value">${item.value}</span>`}
        </button>`,
    )}
  </div>`;
}

export const legendStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 4px;
    max-height: var(--ph-legend-max-height, 5.5rem);
    overflow: auto;
    padding: 4px 2px;
    font-size: 0.8125rem;
  }

  .legend-item {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    max-width: 100%;
    padding: 2px 6px;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .legend-item:hover {
    border-color: var(--_grid);
  }

  .legend-item:focus-visible {
    outline: 2px solid var(--_focus, var(--_series-1));
    outline-offset: 1px;
  }

  .legend-item[aria-pressed='false'] .legend-name {
    text-decoration: line-through;
  }

  .legend-item[aria-pressed='false'] .swatch {
    opacity: 0.3;
  }

  .legend-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .legend-value {
    font-variant-numeric: tabular-nums;
  }

  .swatch {
    flex: none;
    width: 20px;
    height: 8px;
  }

  .swatch.box {
    width: 10px;
    height: 10px;
    border-radius: 2px;
  }

  @media (forced-colors: active) {
    .swatch.box {
      forced-color-adjust: none;
      background: CanvasText !important;
    }
    .legend-item[aria-pressed='true'] {
      border-color: Highlight;
    }
  }
`;
