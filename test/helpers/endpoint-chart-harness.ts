/** Shared steps of the `<ph-endpoint-chart>`, provider and dashboard tests. */
import { html } from '@open-wc/testing';
import { mountWithClient, shadowPart } from './mount.js';
import { nextEvent } from './next-event.js';
import type { TemplateResult } from 'lit';
import type { PhEndpointChart } from '../../src/components/endpoint-chart/endpoint-chart.js';
import type { PhClient } from '../../src/data/client.js';

/** What every view element offers the endpoint chart (PhViewElement's public side). */
export interface ViewLike extends HTMLElement {
  result: unknown;
  updateComplete: Promise<boolean>;
  toCSV?: () => string;
  strings?: unknown;
}

/** `<ph-endpoint-chart name=...>` inside a provider of `client`. */
export function mountChart(
  client: PhClient,
  template: TemplateResult = html`<ph-endpoint-chart name="daily_active_users"></ph-endpoint-chart>`,
): PhEndpointChart {
  return mountWithClient<PhEndpointChart>(client, template).element;
}

/** The view element the chart renders (its `chart` part), if any. */
export function viewOf(element: PhEndpointChart): ViewLike | null {
  return shadowPart<ViewLike>(element, 'chart');
}

/** Waits until the element and its view have rendered everything up to now. */
export async function settled(element: PhEndpointChart): Promise<void> {
  await element.updateComplete;
  const view = viewOf(element);
  if (view && 'updateComplete' in view) await view.updateComplete;
}

/** Waits for the next `ph-load`, then for the element and its view to draw it. */
export async function loaded(element: PhEndpointChart): Promise<void> {
  await nextEvent(element, 'ph-load');
  await settled(element);
}

/** The element's visible text in a part, whitespace collapsed. */
export function partText(element: Element, part: string): string {
  return (shadowPart(element, part)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
