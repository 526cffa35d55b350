import { ContextProvider } from '@lit/context';
import { fixtureSync, html } from '@open-wc/testing';
import { render } from 'lit';
import { phClientContext } from '../../src/data/context.js';
import type { PhClient } from '../../src/data/client.js';
import type { TemplateResult } from 'lit';

export interface Mounted<T extends Element> {
  element: T;
  /** The wrapper's provider; `provider.setValue(client)` swaps the client. */
  provider: ContextProvider<typeof phClientContext>;
}

/**
 * Renders `template` inside a `<div>` that provides `client` through `phClientContext`, as
 * `<ph-endpoint-provider>` does (without its defaults). The provider listens before the element connects, so
 * the element's first request already goes to `client`. Synchronous, so a test can add its
 * event listeners before the element's first update runs.
 */
export function mountWithClient<T extends Element>(client: PhClient, template: TemplateResult): Mounted<T> {
  const wrapper = fixtureSync<HTMLDivElement>(html`<div></div>`);
  const provider = new ContextProvider(wrapper, { context: phClientContext, initialValue: client });
  render(template, wrapper);
  const element = wrapper.firstElementChild as T | null;
  if (!element) throw new Error('mountWithClient: the template rendered no element.');
  return { element, provider };
}

/** The first element in `host`'s shadow root with `part` among its parts. */
export function shadowPart<T extends Element = HTMLElement>(host: Element, part: string): T | null {
  return host.shadowRoot?.querySelector<T>(`[part~="${part}"]`) ?? null;
}

/**
 * Every part name rendered in `host`'s shadow root. Assert on these strings rather than on
 * elements: a failed `expect(element)...` makes the runner serialize the element, which can hang.
 */
export function renderedParts(host: Element): string[] {
  const names = [...(host.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((e) => [...e.part]);
  return [...new Set(names)];
}
