import { css } from 'lit';

/**
 * Status colours: public `--ph-color-lifecycle-*` first, else a fixed slot of the theme's series
 * palette, so light, dark, forced colours and brand palettes carry over. Layout comes from
 * `<ph-trends-chart>`'s styles.
 */
export const styles = css`
  :host {
    --_lifecycle-new: var(--ph-color-lifecycle-new, var(--_series-1));
    --_lifecycle-returning: var(--ph-color-lifecycle-returning, var(--_series-3));
    --_lifecycle-resurrecting: var(--ph-color-lifecycle-resurrecting, var(--_series-4));
    --_lifecycle-dormant: var(--ph-color-lifecycle-dormant, var(--_series-5));
  }
`;
