import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { comparedNumber, emptied, sample } from './support/results.js';
import { endpointChartState } from './support/states.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { TrendsSeries } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

type Args = ViewArgs<TrendsSeries[]>;

const meta: Meta<Args> = {
  title: 'Views/ph-big-number',
  component: 'ph-big-number',
  args: { ...viewArgs, result: sample('total_signups') },
  argTypes: viewArgTypes,
  render: ({ result, locale, timezone, theme }) => html`
    <ph-big-number
      .result=${result}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-big-number>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** A BoldNumber endpoint: one total. */
export const BoldNumber: Story = {};

/** Compare on, as the sample saved it: the previous period has no value, so no percentage. */
export const CompareWithoutPrevious: Story = { args: { result: sample('signups_this_week') } };

/** Compare on with a previous value: an arrow, a signed percentage and the previous number. */
export const Compare: Story = { args: { result: comparedNumber() } };

/** What `<ph-endpoint-chart>` shows while a number endpoint runs: a number-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'total_signups', 'BoldNumber');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'total_signups');

/** An answer without series. */
export const Empty: Story = { args: { result: emptied('total_signups') } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark', result: comparedNumber() } };

/** German number formats. */
export const German: Story = { args: { locale: 'de-DE', result: comparedNumber() } };

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = {
  args: { locale: 'ja-JP', timezone: 'Asia/Tokyo', result: comparedNumber() },
};

/** A brand's colours, font and radius, with a smaller number. */
export const BrandTheme: Story = {
  args: { result: comparedNumber() },
  decorators: [
    brandTheme({
      '--ph-big-number-max-size': '3rem',
      '--ph-color-positive': '#1d7a6f',
      '--ph-color-danger': '#b0245a',
    }),
  ],
};
