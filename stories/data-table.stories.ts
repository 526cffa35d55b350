import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { attribute, brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { emptied, firstSqlPage, sample } from './support/results.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SqlCell } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

interface Args extends ViewArgs<SqlCell[][]> {
  pageSize: number;
}

const meta: Meta<Args> = {
  title: 'Views/ph-data-table',
  component: 'ph-data-table',
  args: { ...viewArgs, pageSize: 100, result: sample('top_events') },
  argTypes: {
    ...viewArgTypes,
    pageSize: {
      name: 'page-size',
      control: { type: 'number', min: 1 },
      ...attribute('number', 'Rows per page when the response carries no `limit`.', '100'),
    },
  },
  render: ({ result, pageSize, locale, timezone, theme }) => html`
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

/** An answer without rows. */
export const Empty: Story = { args: { result: emptied('top_events') } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark', result: firstSqlPage(25) } };

/** German number formats. */
export const German: Story = { args: { locale: 'de-DE', result: firstSqlPage(25) } };

/** A brand's colours, font and radius, with a shorter scroll box. */
export const BrandTheme: Story = {
  decorators: [brandTheme({ '--ph-table-max-height': '280px' })],
};
