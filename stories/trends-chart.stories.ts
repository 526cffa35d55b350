import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import dailyActiveUsers from '../test/fixtures/endpoints/daily_active_users.json';
import pageviewsByBrowser from '../test/fixtures/endpoints/pageviews_by_browser.json';
import type { RunResponse, TrendsDisplay, TrendsSeries } from '../src/data/types.js';

/** A fixture endpoint as the proxy would answer it (the views ignore the extra fields the proxy strips). */
function asResult(fixture: {
  endpoint: { name: string };
  run: { results: unknown };
}): RunResponse<TrendsSeries[]> {
  return {
    name: fixture.endpoint.name,
    kind: 'TrendsQuery',
    display: 'ActionsLineGraph',
    results: fixture.run.results as TrendsSeries[],
    meta: { cache: 'hit', age_s: 0, upstream_ms: 0 },
  };
}

interface Args {
  display: TrendsDisplay;
  locale: string;
  theme: 'light' | 'dark' | undefined;
  result: RunResponse<TrendsSeries[]>;
}

const meta: Meta<Args> = {
  title: 'Views/ph-trends-chart',
  component: 'ph-trends-chart',
  args: {
    display: 'ActionsLineGraph',
    locale: 'en-US',
    theme: undefined,
    result: asResult(dailyActiveUsers),
  },
  argTypes: {
    display: {
      control: 'select',
      options: ['ActionsLineGraph', 'ActionsLineGraphCumulative', 'ActionsAreaGraph'],
    },
    locale: { control: 'text' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    result: { control: 'object' },
  },
  render: ({ display, locale, theme, result }) => html`
    <ph-trends-chart
      .result=${result}
      display=${display}
      locale=${locale}
      theme=${ifDefined(theme)}
    ></ph-trends-chart>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** One series: pageviews per day. */
export const Line: Story = {};

/** A breakdown: one line per library version. */
export const Breakdown: Story = { args: { result: asResult(pageviewsByBrowser) } };

/** Running totals, German number and date formats. */
export const CumulativeGerman: Story = { args: { display: 'ActionsLineGraphCumulative', locale: 'de-DE' } };

/** The dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background:#16171d;padding:1rem">${story()}</div>`],
};
