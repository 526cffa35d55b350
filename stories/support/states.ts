/**
 * The loading and error states of a view. A view takes a finished `.result` and has neither state of
 * its own: `<ph-endpoint-chart>` draws them around whichever view it picks, so these stories show
 * that element with a fake client that never answers or fails.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { clientAnswering } from './clients.js';
import { unset } from './controls.js';
import type { Answers } from './clients.js';
import type { ThemeArg } from './controls.js';

interface StateArgs {
  locale: string;
  theme: ThemeArg;
}

/**
 * A story rendering `<ph-endpoint-chart name>` whose client answers `answers`. Nothing has been drawn
 * yet, so the skeleton takes its shape from `display`: pass the display that looks like the view.
 */
export function endpointChartState(
  answers: Extract<Answers, 'pending' | 'error'>,
  name: string,
  display?: string,
) {
  return {
    render: ({ locale, theme }: StateArgs) => html`
      <ph-endpoint-provider .client=${clientAnswering(answers)}>
        <ph-endpoint-chart
          name=${name}
          display=${ifDefined(display)}
          locale=${ifDefined(unset(locale))}
          theme=${ifDefined(unset(theme))}
        ></ph-endpoint-chart>
      </ph-endpoint-provider>
    `,
  };
}
