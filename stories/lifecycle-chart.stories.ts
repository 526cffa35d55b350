import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { lifecycleAnswer } from './support/results.js';
import { endpointChartState } from './support/states.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { TrendsSeries } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

type Args = ViewArgs<TrendsSeries[]>;

const meta: Meta<Args> = {
  title: 'Views/ph-lifecycle-chart',
  component: 'ph-lifecycle-chart',
  args: { ...viewArgs, result: lifecycleAnswer() },
  argTypes: viewArgTypes,
  render: ({ result, locale, timezone, theme }) => html`
    <ph-lifecycle-chart
      .result=${result}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-lifecycle-chart>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** New, returning and resurrecting users above the axis, dormant below (made-up numbers: no sample is a lifecycle). */
export const Daily: Story = {};

/** What `<ph-endpoint-chart>` shows while a lifecycle endpoint runs: a bar-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'user_lifecycle', 'ActionsStackedBar');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'user_lifecycle');

/** An answer without series. */
export const Empty: Story = { args: { result: { ...lifecycleAnswer(), results: [] } } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** German number and date formats. */
export const German: Story = { args: { locale: 'de-DE', timezone: 'Europe/Berlin' } };

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = { args: { locale: 'ja-JP', timezone: 'Asia/Tokyo' } };

/** A brand's status colours through the `--ph-color-lifecycle-*` hooks. */
export const BrandTheme: Story = {
  decorators: [
    brandTheme({
      '--ph-color-lifecycle-new': '#f54e00',
      '--ph-color-lifecycle-returning': '#1d7a6f',
      '--ph-color-lifecycle-resurrecting': '#c28a00',
      '--ph-color-lifecycle-dormant': '#6b3fa0',
      '--ph-chart-height': '240px',
    }),
  ],
};
