/**
 * The queries the engine and the reference must answer identically: every kind, and each option
 * the brief lists, on the generated SaaS dataset (trends in agreement-trends-cases.ts).
 */
import { TRENDS_CASES } from './agreement-trends-cases.js';

export interface AgreementCase {
  name: string;
  query: Record<string, unknown>;
  variables?: Record<string, unknown>;
  timezone?: string;
}

const steps = (...events: string[]) => events.map((event) => ({ kind: 'EventsNode', event, name: event }));
const pageviews = (extra: object = {}) => ({ kind: 'EventsNode', event: '$pageview', ...extra });
const funnel = (extra: object = {}) => ({
  kind: 'FunnelsQuery',
  series: steps('signed_up', 'project_created', 'invited_teammate', 'purchase'),
  dateRange: { date_from: '-60d' },
  ...extra,
});
const retention = (filter: object, extra: object = {}) => ({
  kind: 'RetentionQuery',
  retentionFilter: {
    targetEntity: { id: 'signed_up', type: 'events' },
    returningEntity: { id: '$pageview', type: 'events' },
    ...filter,
  },
  ...extra,
});

export const AGREEMENT_CASES: AgreementCase[] = [
  ...TRENDS_CASES,
  { name: 'funnel ordered', query: funnel() },
  { name: 'funnel strict', query: funnel({ funnelsFilter: { funnelOrderType: 'strict' } }) },
  {
    name: 'funnel strict pageviews',
    query: funnel({
      series: steps('$pageview', '$pageview', 'project_created'),
      funnelsFilter: { funnelOrderType: 'strict', funnelWindowInterval: 1, funnelWindowIntervalUnit: 'hour' },
    }),
  },
  { name: 'funnel repeated step', query: funnel({ series: steps('$pageview', 'signed_up', '$pageview') }) },
  {
    name: 'funnel short window',
    query: funnel({ funnelsFilter: { funnelWindowInterval: 2, funnelWindowIntervalUnit: 'hour' } }),
  },
  { name: 'funnel breakdown', query: funnel({ breakdownFilter: { breakdown: '$feature/new-onboarding' } }) },
  {
    name: 'funnel breakdown person plan limit',
    query: funnel({ breakdownFilter: { breakdown: 'org_id', breakdown_type: 'person', breakdown_limit: 2 } }),
  },
  {
    name: 'funnel last touch breakdown',
    query: funnel({
      series: steps('$pageview', 'signed_up'),
      breakdownFilter: { breakdown: '$browser' },
      funnelsFilter: { breakdownAttributionType: 'last_touch' },
    }),
  },
  { name: 'funnel time to convert', query: funnel({ funnelsFilter: { funnelVizType: 'time_to_convert' } }) },
  {
    name: 'funnel time to convert steps 1-2',
    query: funnel({
      funnelsFilter: { funnelVizType: 'time_to_convert', funnelFromStep: 1, funnelToStep: 2, binCount: 8 },
    }),
  },
  {
    name: 'funnel filtered steps',
    query: funnel({
      series: [
        ...steps('signed_up'),
        { kind: 'EventsNode', event: 'purchase', properties: [{ key: 'plan', value: 'pro', type: 'event' }] },
      ],
      properties: [{ key: 'org_id', value: 'acme', type: 'event' }],
    }),
  },
  {
    name: 'retention first time weekly',
    query: retention({ period: 'Week', totalIntervals: 8, retentionType: 'retention_first_time' }),
  },
  {
    name: 'retention recurring daily',
    query: retention({
      period: 'Day',
      totalIntervals: 10,
      retentionType: 'retention_recurring',
      targetEntity: { id: '$pageview', type: 'events' },
    }),
  },
  { name: 'retention monthly', query: retention({ period: 'Month', totalIntervals: 3 }) },
  {
    name: 'retention hourly',
    query: retention({
      period: 'Hour',
      totalIntervals: 12,
      targetEntity: { id: '$pageview', type: 'events' },
    }),
  },
  {
    name: 'retention with date range',
    query: retention({ period: 'Week', totalIntervals: 4 }, { dateRange: { date_from: '-6w' } }),
  },
  { name: 'retention cumulative', query: retention({ period: 'Week', totalIntervals: 6, cumulative: true }) },
  {
    name: 'retention breakdown',
    query: retention(
      { period: 'Week', totalIntervals: 6, targetEntity: { id: '$pageview', type: 'events' } },
      { breakdownFilter: { breakdown: '$os', breakdown_limit: 3 } },
    ),
  },
  {
    name: 'retention breakdown person',
    query: retention(
      { period: 'Week', totalIntervals: 6, retentionType: 'retention_first_time' },
      { breakdownFilter: { breakdown: 'org_id', breakdown_type: 'person' } },
    ),
  },
  {
    name: 'retention in Tokyo',
    query: retention({ period: 'Day', totalIntervals: 7 }),
    timezone: 'Asia/Tokyo',
  },
  {
    name: 'lifecycle daily',
    query: {
      kind: 'LifecycleQuery',
      series: [pageviews()],
      dateRange: { date_from: '-30d' },
      interval: 'day',
    },
  },
  {
    name: 'lifecycle weekly',
    query: {
      kind: 'LifecycleQuery',
      series: [pageviews()],
      dateRange: { date_from: '-8w' },
      interval: 'week',
    },
  },
  {
    name: 'lifecycle monthly',
    query: {
      kind: 'LifecycleQuery',
      series: [pageviews()],
      dateRange: { date_from: '-90d' },
      interval: 'month',
    },
  },
  {
    name: 'lifecycle hourly in Tokyo',
    query: {
      kind: 'LifecycleQuery',
      series: [pageviews()],
      dateRange: { date_from: '-1d' },
      interval: 'hour',
    },
    timezone: 'Asia/Tokyo',
  },
  {
    name: 'stickiness daily',
    query: { kind: 'StickinessQuery', series: [pageviews()], dateRange: { date_from: '-14d' } },
  },
  {
    name: 'stickiness weekly cumulative',
    query: {
      kind: 'StickinessQuery',
      series: [pageviews(), { kind: 'EventsNode', event: 'purchase' }],
      interval: 'week',
      dateRange: { date_from: '-8w' },
      stickinessFilter: { computedAs: 'cumulative' },
    },
  },
  {
    name: 'stickiness compare',
    query: {
      kind: 'StickinessQuery',
      series: [pageviews()],
      dateRange: { date_from: '-7d' },
      compareFilter: { compare: true },
    },
  },
];
