/** The trends half of the agreement cases (see agreement-cases.ts). */
import type { AgreementCase } from './agreement-cases.js';

const pageviews = (extra: object = {}) => ({ kind: 'EventsNode', event: '$pageview', ...extra });
const trends = (extra: object) => ({
  kind: 'TrendsQuery',
  series: [pageviews()],
  dateRange: { date_from: '-30d' },
  ...extra,
});

export const TRENDS_CASES: AgreementCase[] = [
  { name: 'trends total per day', query: trends({}) },
  { name: 'trends dau', query: trends({ series: [pageviews({ math: 'dau' })] }) },
  { name: 'trends weekly active', query: trends({ series: [pageviews({ math: 'weekly_active' })] }) },
  {
    name: 'trends monthly active by week',
    query: trends({ interval: 'week', series: [pageviews({ math: 'monthly_active' })] }),
  },
  {
    name: 'trends weekly active as dau by week',
    query: trends({ interval: 'week', series: [pageviews({ math: 'weekly_active' })] }),
  },
  { name: 'trends unique sessions', query: trends({ series: [pageviews({ math: 'unique_session' })] }) },
  ...['sum', 'avg', 'min', 'max', 'median', 'p90'].map((math) => ({
    name: `trends ${math} of amount`,
    query: trends({
      series: [{ kind: 'EventsNode', event: 'purchase', math, math_property: 'amount' }],
      dateRange: { date_from: '-90d' },
    }),
  })),
  { name: 'trends hourly', query: trends({ interval: 'hour', dateRange: { date_from: '-2d' } }) },
  { name: 'trends weekly', query: trends({ interval: 'week', dateRange: { date_from: '-8w' } }) },
  { name: 'trends monthly', query: trends({ interval: 'month', dateRange: { date_from: '-3m' } }) },
  { name: 'trends month to date', query: trends({ dateRange: { date_from: 'mStart' } }) },
  {
    name: 'trends year to date by month',
    query: trends({ interval: 'month', dateRange: { date_from: 'yStart' } }),
  },
  { name: 'trends today by hour', query: trends({ interval: 'hour', dateRange: { date_from: 'dStart' } }) },
  {
    name: 'trends absolute range',
    query: trends({ dateRange: { date_from: '2025-05-01', date_to: '2025-05-20' } }),
  },
  { name: 'trends in Tokyo', query: trends({ dateRange: { date_from: '-14d' } }), timezone: 'Asia/Tokyo' },
  {
    name: 'trends weekly in New York',
    query: trends({ interval: 'week', dateRange: { date_from: '-90d' } }),
    timezone: 'America/New_York',
  },
  { name: 'trends breakdown by browser', query: trends({ breakdownFilter: { breakdown: '$browser' } }) },
  {
    name: 'trends breakdown limit and Other',
    query: trends({ breakdownFilter: { breakdown: '$pathname', breakdown_limit: 3 } }),
  },
  {
    name: 'trends breakdown with nulls',
    query: trends({
      series: [{ kind: 'EventsNode', event: null }],
      breakdownFilter: { breakdown: '$browser' },
    }),
  },
  {
    name: 'trends breakdown by person plan',
    query: trends({ breakdownFilter: { breakdown: 'plan', breakdown_type: 'person' } }),
  },
  {
    name: 'trends breakdown normalised url',
    query: trends({
      breakdownFilter: { breakdown: '$current_url', breakdown_normalize_url: true, breakdown_limit: 4 },
    }),
  },
  {
    name: 'trends breakdown hide other',
    query: trends({
      breakdownFilter: { breakdown: '$os', breakdown_limit: 2, breakdown_hide_other_aggregation: true },
    }),
  },
  {
    name: 'trends dau breakdown',
    query: trends({ series: [pageviews({ math: 'dau' })], breakdownFilter: { breakdown: '$os' } }),
  },
  {
    name: 'trends wau breakdown',
    query: trends({ series: [pageviews({ math: 'weekly_active' })], breakdownFilter: { breakdown: '$os' } }),
  },
  {
    name: 'trends two series breakdown',
    query: trends({
      series: [pageviews(), pageviews({ math: 'dau' })],
      breakdownFilter: { breakdown: '$browser', breakdown_limit: 2 },
    }),
  },
  {
    name: 'trends compare',
    query: trends({ dateRange: { date_from: '-7d' }, compareFilter: { compare: true } }),
  },
  {
    name: 'trends compare hourly',
    query: trends({ interval: 'hour', dateRange: { date_from: '-1d' }, compareFilter: { compare: true } }),
  },
  {
    name: 'trends compare month to date',
    query: trends({ dateRange: { date_from: 'mStart' }, compareFilter: { compare: true } }),
  },
  {
    name: 'trends compare breakdown',
    query: trends({ compareFilter: { compare: true }, breakdownFilter: { breakdown: '$browser' } }),
  },
  ...['BoldNumber', 'ActionsPie', 'ActionsBarValue', 'ActionsTable', 'WorldMap'].map((display) => ({
    name: `trends total ${display}`,
    query: trends({
      trendsFilter: { display },
      breakdownFilter:
        display === 'BoldNumber' ? undefined : { breakdown: '$geoip_country_code', breakdown_limit: 4 },
    }),
  })),
  {
    name: 'trends bold number compare',
    query: trends({
      series: [{ kind: 'EventsNode', event: 'signed_up' }],
      trendsFilter: { display: 'BoldNumber' },
      dateRange: { date_from: '-7d' },
      compareFilter: { compare: true },
    }),
  },
  {
    name: 'trends bold number weekly active',
    query: trends({
      series: [pageviews({ math: 'weekly_active' })],
      trendsFilter: { display: 'BoldNumber' },
    }),
  },
  { name: 'trends cumulative', query: trends({ trendsFilter: { display: 'ActionsLineGraphCumulative' } }) },
  {
    name: 'trends cumulative dau',
    query: trends({
      series: [pageviews({ math: 'dau' })],
      trendsFilter: { display: 'ActionsLineGraphCumulative' },
    }),
  },
  {
    name: 'trends cumulative dau breakdown',
    query: trends({
      series: [pageviews({ math: 'dau' })],
      trendsFilter: { display: 'ActionsLineGraphCumulative' },
      breakdownFilter: { breakdown: '$os' },
    }),
  },
  {
    name: 'trends filters',
    query: trends({
      properties: {
        type: 'AND',
        values: [
          {
            type: 'OR',
            values: [
              { key: '$browser', operator: 'exact', value: ['Chrome', 'Safari'], type: 'event' },
              { key: '$os', operator: 'icontains', value: 'win', type: 'event' },
            ],
          },
          { key: '$pathname', operator: 'not_regex', value: '^/settings', type: 'event' },
          { key: 'email', operator: 'not_icontains', value: 'acme', type: 'person' },
        ],
      },
    }),
  },
  {
    name: 'trends series filters',
    query: trends({
      series: [
        {
          kind: 'EventsNode',
          event: 'purchase',
          properties: [{ key: 'amount', operator: 'gt', value: 50, type: 'event' }],
        },
        {
          kind: 'EventsNode',
          event: 'purchase',
          properties: [
            { key: 'amount', operator: 'lte', value: '99', type: 'event' },
            { key: 'plan', operator: 'is_not', value: 'pro', type: 'event' },
          ],
        },
        {
          kind: 'EventsNode',
          event: '$pageview',
          properties: [
            { key: '$session_id', operator: 'is_set', type: 'event' },
            { key: 'nope', operator: 'is_not_set', type: 'event' },
          ],
        },
      ],
      dateRange: { date_from: '-90d' },
    }),
  },
  { name: 'trends date variables', query: trends({}), variables: { date_from: '-10d', date_to: '-3d' } },
  {
    name: 'trends breakdown variable',
    query: trends({ breakdownFilter: { breakdown: 'org_id' } }),
    variables: { org_id: 'globex' },
  },
];
