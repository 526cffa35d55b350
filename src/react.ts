/**
 * Tag typings for React 19's JSX. React reads its own `JSX.IntrinsicElements`, not the DOM's
 * `HTMLElementTagNameMap`, so without these every `<ph-...>` tag is a type error in TSX. An app
 * adds them once with `import type {} from 'ph-embed/react';` (types only: nothing is loaded).
 *
 * Each tag takes its element's public properties (React 19 sets a prop as a property when the
 * element has one) and an `on<event>` prop per ph-* event, spelled the way React 19 listens for
 * custom events: `onph-load`, with the event's own type.
 */
import type { LitElement } from 'lit';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type * as kit from './index.js';

type PhEventName = Extract<keyof GlobalEventHandlersEventMap, `ph-${string}`>;

/** `onph-load`, `onph-error`, ...: every ph-* event, typed. */
export type PhEventProps = {
  [K in PhEventName as `on${K}`]?: (event: GlobalEventHandlersEventMap[K]) => void;
};

/** The element's own public fields: not Lit's or HTMLElement's, and not its methods. */
export type PhOwnProperties<E> = {
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

export type PhElementProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  PhOwnProperties<E> &
  PhEventProps;

/** The kit's elements: every class it exports whose instances are HTML elements. */
type KitElement = InstanceType<
  Extract<(typeof kit)[keyof typeof kit], abstract new (...args: never) => HTMLElement>
>;

/**
 * Every ph-* tag in the DOM's tag map whose element is one of the kit's (each element declares its
 * own entry, so a new one needs nothing here); a page's own ph-* elements are left to the page.
 */
type PhTagName = {
  [T in keyof HTMLElementTagNameMap]: T extends `ph-${string}`
    ? HTMLElementTagNameMap[T] extends KitElement
      ? T
      : never
    : never;
}[keyof HTMLElementTagNameMap];

/** The JSX props of every ph-* tag, from the class its tag-map entry names. */
export type PhIntrinsicElements = { [T in PhTagName]: PhElementProps<HTMLElementTagNameMap[T]> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace.
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface merges into React's; the members are PhIntrinsicElements'.
    interface IntrinsicElements extends PhIntrinsicElements {}
  }
}
