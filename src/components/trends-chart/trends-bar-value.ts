/**
 * ActionsBarValue (and WorldMap, drawn the same way): one horizontal HTML bar per series, ranked
 * by its total, longest first. Each row is a real button that fires `ph-point-click`. Bars are
 * CSS, coloured with the theme's series tokens, so no chart.js is needed for them.
 */
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { seriesCssColor } from '../../controllers/series-chart.js';
import type { TrendsSeriesView, TrendsView } from './trends-data.js';

/** Shown series by total, largest first; series without a total last. */
export function rankByTotal(series: readonly TrendsSeriesView[]): TrendsSeriesView[] {
  return [...series].sort((a, b) => (b.total ?? -Infinity) - (a.total ?? -Infinity));
}

export function renderBarValues(
  view: TrendsView,
  onPick: (series: TrendsSeriesView, position: number) => void,
) {
  const ranked = rankByTotal(view.shown);
  const longest = Math.max(0, ...ranked.map((series) => Math.abs(series.total ?? 0)));
  return html`
    <ol part="bars" class="bars" aria-label=${view.caption}>
      ${ranked.map((series, position) => {
        const share = longest > 0 ? (Math.abs(series.total ?? 0) / longest) * 100 : 0;
        return html`<li>
          <button type="button" part="bar" class="bar-row" @click=${() => onPick(series, position)}>
            <span class="bar-name">${series.name}</span>
            <span class="bar-track">
              <span
                class="bar"
                ?data-negative=${(series.total ?? 0) < 0}
                style=${styleMap({ width: `${share}%`, background: seriesCssColor(series.color) })}
              ></span>
            </span>
            <span class="bar-value">${view.value(series.total)}</span>
          </button>
        </li>`;
      })}
    </ol>
  `;
}
