import { html, svg } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PhStrings } from '../../internal/strings.js';
import type { DrawnView, SkeletonShape } from './view-for-result.js';

/** What `<ph-endpoint-chart>` hands down to whichever view it renders. */
export interface ViewSettings {
  theme: 'light' | 'dark' | undefined;
  locale: string | undefined;
  timezone: string | undefined;
  strings: Partial<PhStrings> | undefined;
}

/**
 * The view element for a picked result, one template per tag so Lit caches each (plain templates:
 * `lit/static-html.js` would cost 0.3 KB gzip of the CDN budget to name the tag once). Every tag is
 * rendered as is: define.ts registers them all, and one registered later still upgrades in place.
 * Only trends and funnel views take `display` (the others draw one way only).
 */
export function renderView(picked: DrawnView, s: ViewSettings) {
  const { result } = picked;
  const { strings } = s;
  const theme = ifDefined(s.theme);
  const locale = ifDefined(s.locale);
  const timezone = ifDefined(s.timezone);
  switch (picked.view) {
    case 'trends':
      return html`<ph-trends-chart
        part="chart"
        .result=${result}
        .strings=${strings}
        display=${ifDefined(picked.display)}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-trends-chart>`;
    case 'funnel':
      return html`<ph-funnel-chart
        part="chart"
        .result=${result}
        .strings=${strings}
        display=${ifDefined(picked.display)}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-funnel-chart>`;
    case 'big-number':
      return html`<ph-big-number
        part="chart"
        .result=${result}
        .strings=${strings}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-big-number>`;
    case 'lifecycle':
      return html`<ph-lifecycle-chart
        part="chart"
        .result=${result}
        .strings=${strings}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-lifecycle-chart>`;
    case 'retention':
      return html`<ph-retention-table
        part="chart"
        .result=${result}
        .strings=${strings}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-retention-table>`;
    case 'data-table':
      return html`<ph-data-table
        part="chart"
        .result=${result}
        .strings=${strings}
        theme=${theme}
        locale=${locale}
        timezone=${timezone}
      ></ph-data-table>`;
  }
}

/** Uneven bar heights (of 40) for the bars placeholder, drawn as SVG so no inline style is needed (CSP). */
const BAR_HEIGHTS = [22, 32, 16, 38, 26, 30, 18, 34];
const TABLE_ROWS = 6;

/** A grey stand-in shaped like the view that is probably coming. Decorative: the status text speaks. */
export function renderSkeleton(shape: SkeletonShape) {
  return html`<div part="skeleton" class="skeleton" data-shape=${shape} aria-hidden="true">
    ${skeletonBones(shape)}
  </div>`;
}

function skeletonBones(shape: SkeletonShape) {
  switch (shape) {
    case 'line':
      return html`<svg viewBox="0 0 100 40" preserveAspectRatio="none">
        <polyline points="0,34 12,28 25,30 37,20 50,23 62,14 75,17 87,9 100,11"></polyline>
      </svg>`;
    case 'bars':
      return svg`<svg viewBox="0 0 100 40" preserveAspectRatio="none">
        ${BAR_HEIGHTS.map((height, i) => svg`<rect x=${i * 12.5 + 2} y=${40 - height} width="8.5" height=${height}></rect>`)}
      </svg>`;
    case 'number':
      return html`<span class="bone big"></span><span class="bone small"></span>`;
    case 'table':
      return Array.from({ length: TABLE_ROWS }, () => html`<span class="bone row"></span>`);
    case 'chart':
      return html`<span class="bone block"></span>`;
  }
}
