import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { demoToken } from '../demo/demo-token.js';
import { themeArgType, unset } from './support/controls.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ThemeArg } from './support/controls.js';

interface Args {
  locale: string;
  theme: ThemeArg;
}

/**
 * Endpoints the local engine ships (endpoints/*.json), one for each kind of view. The `internal` demo
 * token locks no endpoint and no variable, so it runs every one of them.
 */
const LIVE_ENDPOINTS = [
  'daily_active_users',
  'total_signups',
  'revenue_by_plan',
  'activation_funnel',
  'signup_retention',
  'user_lifecycle',
  'user_stickiness',
  'top_events',
] as const;

/**
 * `npm start` runs with tokens on. One function for every render: tokens are shared per provider
 * function, so changing a control mints no new token.
 */
const internalToken = () => demoToken({ scope: 'internal' });

const meta: Meta<Args> = {
  title: 'Live/Local proxy',
  // Not an element's API, so no docs page; `live` tells the smoke test to wait for real data here.
  tags: ['!autodocs', 'live'],
  args: { locale: 'en-US', theme: '' },
  argTypes: {
    locale: { control: 'text', description: 'BCP 47 locale, set once on the provider.' },
    theme: { ...themeArgType, description: 'Theme set once on the provider; unset follows the OS.' },
  },
  render: ({ locale, theme }) => html`
    <p style="margin:0 0 1rem;font:14px/1.5 system-ui,sans-serif">
      Real charts from the proxy, through same-origin <code>/v1</code>, with embed tokens from its demo mode's
      <code>/demo/token</code>: <code>npm run storybook</code> forwards both to
      <code>http://127.0.0.1:8787</code> (or <code>PH_EMBED_PROXY_URL</code>). If the tiles cannot get an
      access token or show an error, start the proxy in demo mode with <code>npm start</code> and press Retry.
    </p>
    <ph-endpoint-provider
      locale=${ifDefined(unset(locale))}
      theme=${ifDefined(unset(theme))}
      .tokenProvider=${internalToken}
    >
      <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:1rem">
        ${LIVE_ENDPOINTS.map((name) => html`<ph-endpoint-chart name=${name}></ph-endpoint-chart>`)}
      </div>
    </ph-endpoint-provider>
  `,
};
export default meta;

/** Every tile runs its endpoint on the local DuckDB engine behind the proxy; nothing is faked. */
export const LocalProxy: StoryObj<Args> = { name: 'Local proxy' };
