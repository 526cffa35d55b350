// Tag typings for JSX. `HTMLElementTagNameMap` ships with ph-embed; React's JSX reads its own
// IntrinsicElements, so an app declares the tags it uses (and their `on<event>` props) once.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PhEndpointChart, PhErrorEvent, PhLoadEvent } from 'ph-embed';

type EndpointChartProps = DetailedHTMLProps<HTMLAttributes<PhEndpointChart>, PhEndpointChart> &
  Partial<Pick<PhEndpointChart, 'name' | 'variables' | 'display' | 'theme' | 'locale' | 'tokenProvider'>> & {
    'chart-title'?: string;
    'onph-load'?: (event: PhLoadEvent) => void;
    'onph-error'?: (event: PhErrorEvent) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'ph-endpoint-chart': EndpointChartProps;
    }
  }
}
