import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ANSWERS, FIXTURE_NAMES, clientAnswering } from './support/clients.js';
import { brandTheme, themeArgType, unset } from './support/controls.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Answers } from './support/clients.js';
import type { ThemeArg } from './support/controls.js';

/**
 * Multi-word args are keyed by their attribute name, the key custom-elements.json gives attributes, so
 * the docs table merges each with the manifest's row instead of hiding the camelCase property's.
 */
interface Args {
  answers: Answers;
  name: string;
  display: string;
  'chart-title': string;
  variables: Record<string, unknown> | undefined;
  locale: string;
  timezone: string;
  theme: ThemeArg;
  loading: 'eager' | 'lazy';
  'refresh-interval': number | undefined;
}

const meta: Meta<Args> = {
  title: 'Elements/ph-endpoint-chart',
  component: 'ph-endpoint-chart',
  args: {
    answers: 'samples',
    name: 'daily_active_users',
    display: '',
    'chart-title': '',
    variables: undefined,
    locale: 'en-US',
    timezone: '',
    theme: '',
    loading: 'eager',
    'refresh-interval': undefined,
  },
  argTypes: {
    answers: {
      control: 'inline-radio',
      options: ANSWERS,
      description:
        'Story only: how the fake client inside `<ph-endpoint-provider .client>` answers (the samples, never, with no rows, or with a 502).',
      table: { category: 'story' },
    },
    name: { control: 'select', options: FIXTURE_NAMES },
    display: { control: 'text' },
    'chart-title': { control: 'text' },
    variables: { control: 'object' },
    locale: { control: 'text' },
    timezone: { control: 'text' },
    theme: themeArgType,
    loading: { control: 'inline-radio', options: ['eager', 'lazy'] },
    'refresh-interval': { control: { type: 'number', min: 0 } },
  },
  render: (args) => html`
    <ph-endpoint-provider .client=${clientAnswering(args.answers)}>
      <ph-endpoint-chart
        name=${args.name}
        display=${ifDefined(unset(args.display))}
        chart-title=${ifDefined(unset(args['chart-title']))}
        .variables=${args.variables}
        locale=${ifDefined(unset(args.locale))}
        timezone=${ifDefined(unset(args.timezone))}
        theme=${ifDefined(unset(args.theme))}
        loading=${args.loading}
        refresh-interval=${ifDefined(args['refresh-interval'] || undefined)}
      ></ph-endpoint-chart>
    </ph-endpoint-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** The request never answers: a skeleton shaped like a line chart. */
export const Loading: Story = { args: { answers: 'pending' } };

/** The endpoint answered with no rows. */
export const Empty: Story = { args: { answers: 'empty' } };

/** The proxy refused: its message, and Retry (which fails again here). */
export const ErrorWithRetry: Story = { args: { answers: 'error' } };

/** The sample answered: the chart picks the view for its kind and display. */
export const Loaded: Story = {};

/** A funnel endpoint drawn by `<ph-funnel-chart>`, with a custom title. */
export const LoadedFunnel: Story = {
  args: { name: 'activation_funnel_by_variant', 'chart-title': 'Activation by variant' },
};

/** A line endpoint shown as its table through `display`. */
export const DisplayOverride: Story = { args: { name: 'pageviews_by_browser', display: 'ActionsTable' } };

/** The dark theme. */
export const Dark: Story = { args: { theme: 'dark', name: 'pageviews_by_browser' } };

/** German numbers, dates and freshness line. */
export const German: Story = {
  args: { locale: 'de-DE', timezone: 'Europe/Berlin', name: 'signup_retention' },
};

/** Japanese numbers, dates and freshness line, in Tokyo time. */
export const Japanese: Story = {
  args: { locale: 'ja-JP', timezone: 'Asia/Tokyo', name: 'pageviews_by_browser' },
};

/** A brand's surface, palette, padding and height. */
export const BrandTheme: Story = {
  args: { name: 'pageviews_by_browser' },
  decorators: [brandTheme({ '--ph-chart-height': '260px', '--ph-chart-padding': '1rem' })],
};
