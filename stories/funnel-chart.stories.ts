import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { emptied, sample } from './support/results.js';
import { endpointChartState } from './support/states.js';
import { timeToConvert } from './support/synthetic-results.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FunnelVizType } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

interface Args extends ViewArgs {
  display: FunnelVizType | '';
  layout: 'vertical' | 'horizontal' | '';
}

const meta: Meta<Args> = {
  title: 'Views/ph-funnel-chart',
  component: 'ph-funnel-chart',
  args: { ...viewArgs, display: '', layout: '', result: sample('activation_funnel') },
  argTypes: {
    ...viewArgTypes,
    display: {
      control: { type: 'select', labels: { '': '(unset: the result’s display)' } },
      options: ['', 'steps', 'time_to_convert', 'trends'],
    },
    layout: {
      control: { type: 'select', labels: { '': '(unset: columns, rows when narrow)' } },
      options: ['', 'vertical', 'horizontal'],
    },
  },
  render: ({ result, display, layout, locale, timezone, theme }) => html`
    <ph-funnel-chart
      .result=${result}
      display=${ifDefined(unset(display))}
      layout=${ifDefined(unset(layout))}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-funnel-chart>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** Conversion steps as columns, with conversion, drop-off and time to convert. */
export const Steps: Story = {};

/** The same steps as horizontal rows. */
export const HorizontalSteps: Story = { args: { layout: 'horizontal' } };

/** One bar per experiment variant under each step, with a legend and a table. */
export const Breakdown: Story = { args: { result: sample('activation_funnel_by_variant') } };

/** Time to convert: a histogram of how long conversions took, with the average. */
export const TimeToConvert: Story = { args: { result: timeToConvert() } };

/** What `<ph-endpoint-chart>` shows while a funnel endpoint runs: a bar-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'activation_funnel', 'steps');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'activation_funnel');

/** An answer without steps. */
export const Empty: Story = { args: { result: emptied('activation_funnel') } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark', result: sample('activation_funnel_by_variant') } };

/** German number formats. */
export const German: Story = { args: { locale: 'de-DE' } };

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = {
  args: { locale: 'ja-JP', timezone: 'Asia/Tokyo', result: sample('activation_funnel_by_variant') },
};

/** A brand's palette, font and radius, with shorter bars. */
export const BrandTheme: Story = {
  args: { result: sample('activation_funnel_by_variant') },
  decorators: [brandTheme({ '--ph-funnel-track-height': '140px' })],
};
