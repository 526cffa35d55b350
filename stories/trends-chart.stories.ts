import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { brandTheme, unset, viewArgs, viewArgTypes } from './support/controls.js';
import { emptied, sample } from './support/results.js';
import { endpointChartState } from './support/states.js';
import { comparedTrends, pageviewsByCountry } from './support/synthetic-results.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { TrendsDisplay, TrendsSeries } from '../src/data/types.js';
import type { ViewArgs } from './support/controls.js';

interface Args extends ViewArgs<TrendsSeries[]> {
  display: TrendsDisplay | '';
}

const DISPLAYS: TrendsDisplay[] = [
  'ActionsLineGraph',
  'ActionsLineGraphCumulative',
  'ActionsAreaGraph',
  'ActionsBar',
  'ActionsStackedBar',
  'ActionsUnstackedBar',
  'ActionsBarValue',
  'ActionsPie',
  'ActionsTable',
  'WorldMap',
];

const meta: Meta<Args> = {
  title: 'Views/ph-trends-chart',
  component: 'ph-trends-chart',
  args: { ...viewArgs, display: '', result: sample('daily_active_users') },
  argTypes: {
    ...viewArgTypes,
    display: {
      control: { type: 'select', labels: { '': '(unset: the result’s display)' } },
      options: ['', ...DISPLAYS],
    },
  },
  render: ({ result, display, locale, timezone, theme }) => html`
    <ph-trends-chart
      .result=${result}
      display=${ifDefined(unset(display))}
      locale=${ifDefined(unset(locale))}
      timezone=${ifDefined(unset(timezone))}
      theme=${ifDefined(unset(theme))}
    ></ph-trends-chart>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** One series: daily active users, drawn the way the endpoint saved it (a line). */
export const Line: Story = {};

/** A breakdown: one line per library version. */
export const Breakdown: Story = { args: { result: sample('pageviews_by_browser') } };

/** Running totals. */
export const Cumulative: Story = { args: { display: 'ActionsLineGraphCumulative' } };

/** Stacked, filled areas of a breakdown. */
export const Area: Story = { args: { display: 'ActionsAreaGraph', result: sample('pageviews_by_browser') } };

/** Stacked bars of a breakdown. */
export const StackedBars: Story = {
  args: { display: 'ActionsStackedBar', result: sample('pageviews_by_browser') },
};

/** Bars side by side per date instead of stacked. */
export const UnstackedBars: Story = {
  args: { display: 'ActionsUnstackedBar', result: sample('pageviews_by_browser') },
};

/** Each series' total as a ranked horizontal bar: the endpoint's own display. */
export const BarValue: Story = { args: { result: sample('pageviews_by_browser_version') } };

/** An SVG donut of the breakdown totals, with the total in the middle. */
export const Pie: Story = { args: { display: 'ActionsPie', result: sample('pageviews_by_browser') } };

/** The series-by-date table with totals, sortable by column. */
export const Table: Story = { args: { display: 'ActionsTable', result: sample('pageviews_by_browser') } };

/** WorldMap falls back to ranked bars named by country, in the element's locale. */
export const WorldMap: Story = { args: { result: pageviewsByCountry() } };

/** Compare to the previous period: the previous series dashed, in its current series' colour. */
export const Compare: Story = { args: { result: comparedTrends() } };

/** What `<ph-endpoint-chart>` shows while a trends endpoint runs: a line-shaped skeleton. */
export const Loading: Story = endpointChartState('pending', 'daily_active_users', 'ActionsLineGraph');

/** What `<ph-endpoint-chart>` shows when the proxy refuses: its message and Retry. */
export const ErrorWithRetry: Story = endpointChartState('error', 'daily_active_users');

/** An answer without series. */
export const Empty: Story = { args: { result: emptied('daily_active_users') } };

/** The dark theme (the toolbar's theme can force either theme on every story). */
export const Dark: Story = { args: { theme: 'dark', result: sample('pageviews_by_browser') } };

/** German number and date formats. */
export const German: Story = {
  args: { locale: 'de-DE', timezone: 'Europe/Berlin', result: sample('pageviews_by_browser') },
};

/** Japanese number and date formats, in Tokyo time. */
export const Japanese: Story = {
  args: { locale: 'ja-JP', timezone: 'Asia/Tokyo', result: comparedTrends() },
};

/** A brand's palette, surface, font and radius through the `--ph-*` custom properties. */
export const BrandTheme: Story = {
  args: { display: 'ActionsBar', result: sample('pageviews_by_browser') },
  decorators: [brandTheme({ '--ph-chart-height': '240px', '--ph-legend-max-height': '3rem' })],
};
