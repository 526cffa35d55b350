import { html, svg } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { html as staticHtml, literal } from 'lit/static-html.js';
import type { PhStrings } from '../../internal/strings.js';
import type { DrawnView, SkeletonShape } from './view-for-result.js';

/** What `<ph-endpoint-chart>` hands down to whichever view it renders. */
export interface ViewSettings {
  theme: 'light' | 'dark' | undefined;
  locale: string | undefined;
  timezone: string | undefined;
  strings: Partial<PhStrings> | undefined;
}

/** The tag of each view; `literal` keeps them static, so Lit still caches one template per tag. */
const VIEW_TAGS = {
  trends: literal`ph-trends-chart`,
  'big-number': literal`ph-big-number`,
  lifecycle: literal`ph-lifecycle-chart`,
  funnel: literal`ph-funnel-chart`,
  retention: literal`ph-retention-table`,
  'data-table': literal`ph-data-table`,
} as const;

/**
 * The view element for a picked result. Every tag is rendered as is: define.ts registers them
 * all, and one registered later still upgrades in place. `display` is set only on the views
 * viewForResult gives one (trends, funnel).
 */
export function renderView(picked: DrawnView, s: ViewSettings) {
  const tag = VIEW_TAGS[picked.view];
  return staticHtml`<${tag}
    part="chart"
    .result=${picked.result}
    .strings=${s.strings}
    display=${ifDefined(picked.display)}
    theme=${ifDefined(s.theme)}
    locale=${ifDefined(s.locale)}
    timezone=${ifDefined(s.timezone)}
  ></${tag}>`;
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
