/**
 * The `steps` visualisation as HTML/CSS bars, as PostHog itself draws funnels: an ordered list
 * with one item per step. A funnel without breakdown shows each step's numbers beside its bar; a
 * breakdown funnel groups one bar per breakdown value under each step and puts the numbers in a
 * table. Every bar is a button (hit area: the whole track, so a 0% bar is still reachable).
 */
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { renderLegend } from '../../controllers/chart-legend.js';
import { formatDuration, formatNumber, formatValue, MISSING } from '../../format/index.js';
import { SERIES_TOKEN_COUNT } from '../../styles/theme.styles.js';
import type { PhStrings } from '../../internal/strings.js';
import type { FunnelSeriesView, FunnelStepsView, FunnelStepView } from './funnel-data.js';

export interface StepsContext {
  readonly view: FunnelStepsView;
  /** Breakdown values toggled off in the legend (by `FunnelSeriesView.key`). */
  readonly hidden: ReadonlySet<number>;
  readonly text: PhStrings;
  readonly locale: string | undefined;
  activate(series: FunnelSeriesView, stepIndex: number): void;
  toggle(key: number): void;
}

/** The palette token of a breakdown value; it cycles past the eighth. */
export function seriesToken(key: number): string {
  return `var(--_series-${(key % SERIES_TOKEN_COUNT) + 1})`;
}

/** Formats the numbers of a step the same way on screen, in the table and in bar labels. */
export function stepTexts(step: FunnelStepView, locale: string | undefined) {
  const percent = (ratio: number | null) =>
    formatValue(ratio, { locale, format: { axis: 'percentage_scaled' } });
  return {
    count: formatNumber(step.count, { locale }),
    fromFirst: percent(step.fromFirst),
    fromPrevious: percent(step.fromPrevious),
    dropOff:
      step.dropOff === null
        ? MISSING
        : `${formatNumber(step.dropOff, { locale })} (${percent(step.dropOffRate)})`,
    median: formatDuration(step.median, { locale }),
    average: formatDuration(step.average, { locale }),
  };
}

function bar(ctx: StepsContext, series: FunnelSeriesView, stepIndex: number) {
  const step = series.steps[stepIndex];
  if (!step) return html`<span class="bar bar-missing" aria-hidden="true"></span>`;
  const texts = stepTexts(step, ctx.locale);
  const owner = ctx.view.breakdown ? `${series.name}, ${step.name}` : step.name;
  const label = `${owner}: ${texts.count} (${texts.fromFirst})`;
  // A later step can outnumber the first in an unordered funnel, and bad data can go negative.
  const size = Math.min(Math.max((step.fromFirst ?? 0) * 100, 0), 100);
  return html`<button
    part="bar"
    class="bar"
    type="button"
    title=${label}
    style=${styleMap({ '--_bar': seriesToken(series.key), '--_size': String(size) })}
    @click=${() => ctx.activate(series, stepIndex)}
  >
    <span class="fill ${size > 0 ? '' : 'zero'}" aria-hidden="true"></span>
    <span class="visually-hidden">${label}</span>
  </button>`;
}

function metrics(ctx: StepsContext, step: FunnelStepView, first: boolean) {
  const { text } = ctx;
  const texts = stepTexts(step, ctx.locale);
  const rows: Array<[string, string]> = [
    [text.count, texts.count],
    [text.conversionFromFirst, texts.fromFirst],
    [text.conversionFromPrevious, texts.fromPrevious],
    ...(first
      ? []
      : ([
          [text.dropOff, texts.dropOff],
          [text.medianTime, texts.median],
          [text.averageTime, texts.average],
        ] as Array<[string, string]>)),
  ];
  return html`<dl part="metrics" class="metrics">
    ${rows.map(
      ([name, value]) =>
        html`<div class="metric">
          <dt>${name}</dt>
          <dd>${value}</dd>
        </div>`,
    )}
  </dl>`;
}

function table(ctx: StepsContext, shown: readonly FunnelSeriesView[]) {
  const { text } = ctx;
  const headers = [
    text.breakdown,
    text.step,
    text.count,
    text.conversionFromFirst,
    text.conversionFromPrevious,
    text.dropOff,
    text.medianTime,
    text.averageTime,
  ];
  return html`<div class="table-wrap" role="region" aria-label=${text.funnelSteps} tabindex="0">
    <table part="table" class="table">
      <thead>
        <tr>
          ${headers.map((header) => html`<th scope="col">${header}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${shown.flatMap((series) =>
          series.steps.map((step, i) => {
            const texts = stepTexts(step, ctx.locale);
            const cells = [texts.count, texts.fromFirst, texts.fromPrevious];
            const later =
              i === 0 ? [MISSING, MISSING, MISSING] : [texts.dropOff, texts.median, texts.average];
            return html`<tr>
              <th scope="row">${series.name}</th>
              <td>${step.name}</td>
              ${[...cells, ...later].map((cell) => html`<td>${cell}</td>`)}
            </tr>`;
          }),
        )}
      </tbody>
    </table>
  </div>`;
}

export function renderSteps(ctx: StepsContext) {
  const { view, text } = ctx;
  const shown = view.series.filter((series) => !ctx.hidden.has(series.key));
  const single = view.breakdown ? undefined : view.series[0];
  const legend = view.breakdown
    ? renderLegend(
        view.series.map((series) => ({
          key: series.key,
          name: series.name,
          color: seriesToken(series.key),
          shape: 'box' as const,
          hidden: ctx.hidden.has(series.key),
        })),
        ctx.toggle,
        text.breakdown,
      )
    : nothing;
  return html`
    <ol part="steps" class="steps" aria-label=${text.funnelSteps}>
      ${view.stepNames.map(
        (name, i) =>
          html`<li part="step" class="step">
            <span part="step-name" class="step-name"
              ><span class="step-number" aria-hidden="true">${i + 1}</span> ${name}</span
            >
            <div class="track ${shown.length > 1 ? 'grouped' : ''}">
              ${shown.map((series) => bar(ctx, series, i))}
            </div>
            ${single?.steps[i] ? metrics(ctx, single.steps[i], i === 0) : nothing}
          </li>`,
      )}
    </ol>
    ${legend} ${view.breakdown && shown.length > 0 ? table(ctx, shown) : nothing}
  `;
}
