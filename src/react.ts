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
import type {
  PhBigNumber,
  PhDataTable,
  PhEndpointChart,
  PhEndpointProvider,
  PhFunnelChart,
  PhLifecycleChart,
  PhRetentionTable,
  PhTrendsChart,
} from './index.js';

type PhEventName = Extract<keyof GlobalEventHandlersEventMap, `ph-${string}`>;

/** `onph-load`, `onph-error`, ...: every ph-* event, typed. */
export type PhEventProps = {
  [K in PhEventName as `on${K}`]?: (event: GlobalEventHandlersEventMap[K]) => void;
};

/** The element's own public fields: not Lit's or HTMLElement's, and not its methods. */
export type PhOwnProperties<E> = {
  [K in Exclude<keyof E, keyof LitElement> as E[K] extends (...args: never[]) => unknown ? never : K]?: E[K];
};

export type PhElementProps<E extends LitElement> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  PhOwnProperties<E> &
  PhEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'ph-endpoint-chart': PhElementProps<PhEndpointChart>;
      'ph-endpoint-provider': PhElementProps<PhEndpointProvider>;
      'ph-trends-chart': PhElementProps<PhTrendsChart>;
      'ph-lifecycle-chart': PhElementProps<PhLifecycleChart>;
      'ph-big-number': PhElementProps<PhBigNumber>;
      'ph-funnel-chart': PhElementProps<PhFunnelChart>;
      'ph-retention-table': PhElementProps<PhRetentionTable>;
      'ph-data-table': PhElementProps<PhDataTable>;
    }
  }
}
