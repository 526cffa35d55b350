import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { emptied, firstSqlPage, sample } from './support/results.js';
import { endpointChartState } from './support/states.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SqlCell } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

/**
 * Multi-word args are keyed by their attribute name, the key custom-elements.json gives attributes, so
 * the docs table merges each with the manifest's row instead of hiding the camelCase property's.
 */
interface Args extends ViewArgs<SqlCell[][]> {
  'page-size': number;
}

const meta: Meta<Args> = {
  title: 'Views/ph-data-table',
  component: 'ph-data-table',
  args: { ...viewArgs, 'page-size': 100, result: sample('top_events') },
  argTypes: {
    ...viewArgTypes,
    'page-size': { control: { type: 'number', min: 1 } },
  },
  render: ({ result, 'page-size': pageSize, locale, timezone, theme }) => html`
    <ph-data-table
      .result=${result}
      page-size=${pageSize}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-data-table>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** A HogQL result: top events with their people and browsers; headers sort the rows. */
export const SqlResult: Story = {};

/** The first page of more: Previous and Next ask for neighbouring pages with `ph-page-request`. */
export const Paginated: Story = { args: { result: firstSqlPage(25) } };

/** What `<ph-endpoint-chart>` shows while a SQL endpoint runs: a table-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'top_events', 'ActionsTable');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'top_events');

/** An answer without rows. */
export const Empty: Story = { args: { result: emptied('top_events') } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark', result: firstSqlPage(25) } };

/** German number formats. */
export const German: Story = { args: { locale: 'de-DE', result: firstSqlPage(25) } };

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = {
  args: { locale: 'ja-JP', timezone: 'Asia/Tokyo', result: firstSqlPage(25) },
};

/** A brand's colours, font and radius, with a shorter scroll box. */
export const BrandTheme: Story = {
  decorators: [brandTheme({ '--ph-table-max-height': '280px' })],
};
