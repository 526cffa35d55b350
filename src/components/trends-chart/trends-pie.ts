/**
 * ActionsPie as an SVG donut drawn by Lit (chart.js's pie parts are not in the bundle): one arc
 * per shown series with a positive total, largest first, the total in the middle. Series with no
 * or a non-positive total cannot be a slice; they stay in the legend and the tables.
 */
import { html, svg } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { rankByTotal } from './trends-bar-value.js';
import { seriesCssColor } from '../../controllers/series-chart.js';
import type { TrendsSeriesView, TrendsView } from './trends-data.js';

export interface PieSlice {
  readonly series: TrendsSeriesView;
  readonly value: number;
  /** Share of the total, 0..1. */
  readonly fraction: number;
  /** Angles in radians, clockwise from 12 o'clock. */
  readonly start: number;
  readonly end: number;
}

const OUTER = 48;
const INNER = 28;
const TURN = 2 * Math.PI;

export function pieSlices(view: TrendsView): { slices: PieSlice[]; total: number } {
  const positive = rankByTotal(view.shown).filter((series) => (series.total ?? 0) > 0);
  const total = positive.reduce((sum, series) => sum + series.total!, 0);
  let angle = 0;
  const slices = positive.map((series) => {
    const fraction = series.total! / total;
    const slice = { series, value: series.total!, fraction, start: angle, end: angle + fraction * TURN };
    angle = slice.end;
    return slice;
  });
  return { slices, total };
}

const point = (angle: number, radius: number) =>
  `${(radius * Math.sin(angle)).toFixed(3)} ${(-radius * Math.cos(angle)).toFixed(3)}`;

/** A ring segment; a whole ring is two half rings, since one SVG arc cannot close a circle. */
function arcPath(start: number, end: number): string {
  if (end - start >= TURN - 1e-9) return arcPath(0, Math.PI) + arcPath(Math.PI, TURN);
  const large = end - start > Math.PI ? 1 : 0;
  return (
    `M${point(start, OUTER)}A${OUTER} ${OUTER} 0 ${large} 1 ${point(end, OUTER)}` +
    `L${point(end, INNER)}A${INNER} ${INNER} 0 ${large} 0 ${point(start, INNER)}Z`
  );
}

/** Where a slice's middle is, as fractions of the drawing's box (for the tooltip). */
export function sliceCentre(slice: PieSlice): { x: number; y: number } {
  const angle = (slice.start + slice.end) / 2;
  const radius = (OUTER + INNER) / 2;
  return { x: 0.5 + (radius * Math.sin(angle)) / 100, y: 0.5 - (radius * Math.cos(angle)) / 100 };
}

export function renderPie(
  view: TrendsView,
  slices: readonly PieSlice[],
  total: number,
  active: number | undefined,
) {
  return html`<svg part="pie" class="pie" viewBox="-50 -50 100 100" role="img" aria-label=${view.summary}>
    ${svg`<circle class="pie-track" r=${(OUTER + INNER) / 2} stroke-width=${OUTER - INNER}></circle>`}
    ${slices.map(
      (slice, i) =>
        svg`<path class="slice" data-slice=${i} ?data-active=${i === active} d=${arcPath(slice.start, slice.end)}
          style=${styleMap({ fill: seriesCssColor(slice.series.color) })}></path>`,
    )}
    ${svg`<text class="pie-total" x="0" y="0" dominant-baseline="middle" text-anchor="middle">${view.value(total, true)}</text>`}
  </svg>`;
}
