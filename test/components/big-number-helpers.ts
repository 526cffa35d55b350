/** Fixtures and queries shared by the `<ph-big-number>` test files. */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fixture } from '@open-wc/testing';
import { PhBigNumber } from '../../src/components/big-number/big-number.js';
import type { RunResponse, TrendsSeries } from '../../src/data/types.js';

if (!customElements.get('ph-big-number')) customElements.define('ph-big-number', PhBigNumber);

type Sample = { endpoint: { name: string }; run: { results: unknown[] } };

export function numberResult(
  results: TrendsSeries[] | Sample,
  extra: Partial<RunResponse<TrendsSeries[]>> = {},
): RunResponse<TrendsSeries[]> {
  const rows = Array.isArray(results) ? results : (results.run.results as TrendsSeries[]);
  return {
    name: Array.isArray(results) ? 'test' : results.endpoint.name,
    kind: 'TrendsQuery',
    display: 'BoldNumber',
    results: rows,
    meta: { cache: 'hit', age_s: 0, upstream_ms: 1 },
    ...extra,
  };
}

/** A BoldNumber series: `aggregated_value` and no points, as PostHog sends it. */
export function numberSeries(value: number | null, extra: Partial<TrendsSeries> = {}): TrendsSeries {
  return {
    label: 'signed_up',
    data: [],
    labels: [],
    days: [],
    count: 0,
    aggregated_value: value,
    action: { name: 'signed_up', order: 0 },
    ...extra,
  };
}

export async function renderNumber(
  result: RunResponse<TrendsSeries[]> | undefined,
  attributes: {
    locale?: string;
    /** `null` leaves the attribute off, so the element follows `prefers-color-scheme`. */
    theme?: 'light' | 'dark' | null;
    width?: number;
  } = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="width: ${attributes.width ?? 480}px">
      <ph-big-number
        .result=${result}
        locale=${attributes.locale ?? 'en-US'}
        theme=${ifDefined(attributes.theme === null ? undefined : (attributes.theme ?? 'light'))}
      ></ph-big-number>
    </div>
  `);
  const el = wrapper.querySelector('ph-big-number')!;
  await el.updateComplete;
  return el;
}

export const plain = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** What each tile shows, as strings (never elements: a failing assertion would serialise them). */
export function tiles(el: PhBigNumber) {
  return [...el.shadowRoot!.querySelectorAll('[part~="tile"]')].map((tile) => {
    const value = tile.querySelector<HTMLButtonElement>('[part~="value"]')!;
    const change = tile.querySelector('[part~="change"]');
    return {
      label: plain(tile.querySelector('[part~="label"]')?.textContent),
      shown: plain(value.querySelector('[aria-hidden="true"]')?.textContent),
      spoken: plain(value.querySelector('.visually-hidden')?.textContent),
      title: value.getAttribute('title'),
      change: change ? plain(change.textContent) : undefined,
      changeClass: change ? [...change.classList].filter((c) => c !== 'change').join(' ') : undefined,
      previous: plain(tile.querySelector('[part~="previous"]')?.textContent) || undefined,
    };
  });
}
