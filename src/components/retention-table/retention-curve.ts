import { html, nothing } from 'lit';

/** Where a ratio sits on the 0-100 viewBox: 100% at the top, clamped so odd data stays inside. */
const y = (ratio: number) => 100 - Math.min(1, Math.max(0, ratio)) * 100;

/**
 * The mean retention curve as a small inline SVG instead of a chart.js line: a retention tile
 * then never downloads the chart.js chunk (DESIGN.md section 10), and the numbers it shows are
 * all in the table below anyway. The SVG stretches to its box (`preserveAspectRatio="none"`);
 * `vector-effect: non-scaling-stroke` keeps the line and the round dots from stretching with it.
 * A period no cohort reaches (null) breaks the line.
 */
export function meanCurve(
  mean: ReadonlyArray<number | null>,
  periods: readonly string[],
  label: string,
  percent: (ratio: number) => string,
) {
  if (mean.every((ratio) => ratio === null)) return nothing;
  const x = (period: number) => (mean.length === 1 ? 50 : (period / (mean.length - 1)) * 100);
  let line = '';
  let dots = '';
  let drawing = false;
  mean.forEach((ratio, period) => {
    if (ratio === null) {
      drawing = false;
      return;
    }
    line += `${drawing ? 'L' : 'M'}${x(period)} ${y(ratio)}`;
    dots += `M${x(period)} ${y(ratio)}h0`;
    drawing = true;
  });
  return html`
    <figure part="curve" class="curve">
      <span class="y-top" aria-hidden="true">${percent(1)}</span>
      <span class="y-bottom" aria-hidden="true">${percent(0)}</span>
      <svg class="plot" role="img" aria-label=${label} viewBox="0 0 100 100" preserveAspectRatio="none">
        <path class="grid" d="M0 0H100M0 50H100M0 100H100"></path>
        <path class="line" d=${line}></path>
        <path class="dots" d=${dots}></path>
      </svg>
      <span class="x-first" aria-hidden="true">${periods[0]}</span>
      <span class="x-last" aria-hidden="true">${mean.length > 1 ? periods.at(-1) : ''}</span>
    </figure>
  `;
}
