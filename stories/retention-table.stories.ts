import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { emptied, sample } from './support/results.js';
import { endpointChartState } from './support/states.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RetentionRow } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

interface Args extends ViewArgs<RetentionRow[]> {
  show: 'percent' | 'count';
  mean: 'simple' | 'weighted';
}

const meta: Meta<Args> = {
  title: 'Views/ph-retention-table',
  component: 'ph-retention-table',
  args: { ...viewArgs, show: 'percent', mean: 'simple', result: sample('signup_retention') },
  argTypes: {
    ...viewArgTypes,
    show: { control: 'inline-radio', options: ['percent', 'count'] },
    mean: { control: 'inline-radio', options: ['simple', 'weighted'] },
  },
  render: ({ result, show, mean, locale, timezone, theme }) => html`
    <ph-retention-table
      .result=${result}
      show=${show}
      mean=${mean}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-retention-table>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** Daily cohorts of first-time signups, heat-mapped, with the mean retention curve. */
export const Cohorts: Story = {};

/** Counts in the cells, the share in their tooltips; the Mean row weighted by cohort size. */
export const CountsWeighted: Story = { args: { show: 'count', mean: 'weighted' } };

/** What `<ph-endpoint-chart>` shows while a retention endpoint runs: a table-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'signup_retention', 'ActionsTable');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'signup_retention');

/** An answer without cohorts. */
export const Empty: Story = { args: { result: emptied('signup_retention') } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };

/** German number and date formats. */
export const German: Story = { args: { locale: 'de-DE', timezone: 'Europe/Berlin' } };

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = { args: { locale: 'ja-JP', timezone: 'Asia/Tokyo' } };

/** A brand's heat colour, font and radius. */
export const BrandTheme: Story = {
  decorators: [brandTheme({ '--ph-retention-color': '#1d7a6f', '--ph-retention-curve-height': '72px' })],
};
