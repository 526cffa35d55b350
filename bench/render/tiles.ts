/**
 * The dashboard both bench pages draw: twelve tiles over the nine sample endpoints, three pairs
 * asking the same question (as dashboards do: the same metric in two places, or one shared
 * breakdown), one with its own date range. The same list as test/components/dashboard.test.ts.
 */
export interface Tile {
  name: string;
  title: string;
  variables?: Record<string, unknown>;
}

export const TILES: readonly Tile[] = [
  { name: 'daily_active_users', title: 'Daily active users' },
  { name: 'daily_active_users', title: 'Daily active users (again)' },
  { name: 'daily_active_users', title: 'Daily active users, 30 days', variables: { date_from: '-30d' } },
  { name: 'pageviews_by_browser', title: 'Pageviews by browser' },
  { name: 'pageviews_by_browser', title: 'Pageviews by browser (again)' },
  { name: 'pageviews_by_browser_version', title: 'Pageviews by browser version' },
  { name: 'total_signups', title: 'Total signups' },
  { name: 'signups_this_week', title: 'Signups this week' },
  { name: 'activation_funnel', title: 'Activation funnel' },
  { name: 'activation_funnel_by_variant', title: 'Activation funnel by variant' },
  { name: 'signup_retention', title: 'Signup retention' },
  { name: 'top_events', title: 'Top events' },
];
