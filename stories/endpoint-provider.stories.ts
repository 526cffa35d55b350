import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ANSWERS, clientAnswering } from './support/clients.js';
import { brandTheme, themeArgType, unset } from './support/controls.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PhStrings } from '../src/internal/strings.js';
import type { Answers } from './support/clients.js';
import type { ThemeArg } from './support/controls.js';

interface Args {
  answers: Answers;
  variables: Record<string, unknown> | undefined;
  locale: string;
  timezone: string;
  theme: ThemeArg;
  strings: Partial<PhStrings> | undefined;
}

/** One tile per kind of view, none of them setting what the provider shares. */
const TILES = ['daily_active_users', 'total_signups', 'activation_funnel', 'signup_retention'];

const meta: Meta<Args> = {
  title: 'Elements/ph-endpoint-provider',
  component: 'ph-endpoint-provider',
  args: {
    answers: 'samples',
    variables: undefined,
    locale: 'en-US',
    timezone: '',
    theme: '',
    strings: undefined,
  },
  argTypes: {
    answers: {
      control: 'inline-radio',
      options: ANSWERS,
      description: 'Story only: how the fake client given as `.client` answers.',
      table: { category: 'story' },
    },
    variables: { control: 'object' },
    locale: { control: 'text' },
    timezone: { control: 'text' },
    theme: themeArgType,
    strings: { control: 'object' },
  },
  render: (args) => html`
    <ph-endpoint-provider
      .client=${clientAnswering(args.answers)}
      .variables=${args.variables}
      .strings=${args.strings}
      locale=${ifDefined(unset(args.locale))}
      timezone=${ifDefined(unset(args.timezone))}
      theme=${ifDefined(unset(args.theme))}
    >
      <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1rem">
        ${TILES.map((name) => html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`)}
      </div>
    </ph-endpoint-provider>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** A dashboard sharing one client: a line, a number, a funnel and a retention table. */
export const Dashboard: Story = {};

/** Every tile still loading. */
export const Loading: Story = { args: { answers: 'pending' } };

/** Every endpoint answered with no rows. */
export const Empty: Story = { args: { answers: 'empty' } };

/** Every tile refused by the proxy: each shows the message and its own Retry. */
export const ErrorWithRetry: Story = { args: { answers: 'error' } };

/** The theme set once on the provider. */
export const Dark: Story = { args: { theme: 'dark' } };

/** The locale and time zone set once on the provider, with its own UI text. */
export const German: Story = {
  args: {
    locale: 'de-DE',
    timezone: 'Europe/Berlin',
    strings: { exportCsv: 'CSV exportieren', retry: 'Erneut versuchen', empty: 'Keine Daten' },
  },
};

/** The locale and time zone set once on the provider, in Japanese. */
export const Japanese: Story = { args: { locale: 'ja-JP', timezone: 'Asia/Tokyo' } };

/** One set of `--ph-*` custom properties on the dashboard themes every tile. */
export const BrandTheme: Story = { decorators: [brandTheme({ '--ph-chart-height': '220px' })] };
