/**
 * What the view stories share: the controls for `PhViewElement`'s public API, the theme values the
 * toolbar and the controls agree on, and the brand theme decorator. Controls carry no description or
 * docs table: autodocs takes those from custom-elements.json, the JSDoc, which is never retyped here.
 */
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ArgTypes, Decorator } from '@storybook/web-components-vite';
import type { RunResponse } from '../../src/data/types.js';

/** `''` leaves `theme` unset, so the element follows `prefers-color-scheme`. */
export type ThemeArg = '' | 'light' | 'dark';

/** The args every view story takes: `PhViewElement`'s attributes and its `.result`. */
export interface ViewArgs<R = unknown> {
  result: RunResponse<R> | undefined;
  locale: string;
  timezone: string;
  theme: ThemeArg;
}

/** Turns a control's empty value into "attribute absent". */
export const unset = (value: string | undefined): string | undefined => value || undefined;

/** Controls for the theme attribute of any ph-* element. */
export const themeArgType = {
  control: { type: 'select', labels: { '': '(unset: follows the OS)' } },
  options: ['', 'light', 'dark'],
} as const;

/** Controls for the attributes and the `.result` property every view shares. */
export const viewArgTypes: Partial<ArgTypes<ViewArgs>> = {
  result: { control: 'object' },
  locale: { control: 'text' },
  timezone: { control: 'text' },
  theme: themeArgType,
};

/** Defaults for `viewArgTypes`: a fixed locale, so stories read the same on every machine. */
export const viewArgs: Omit<ViewArgs, 'result'> = { locale: 'en-US', timezone: '', theme: '' };

/** A made-up brand: its own palette, surface, type and radius through the public `--ph-*` tokens. */
const BRAND: Record<string, string> = {
  '--ph-color-series-1': '#f54e00',
  '--ph-color-series-2': '#1d7a6f',
  '--ph-color-series-3': '#6b3fa0',
  '--ph-color-series-4': '#c28a00',
  '--ph-color-series-5': '#b0245a',
  '--ph-color-text': '#2b1d0e',
  '--ph-color-text-muted': '#6e5a46',
  '--ph-color-grid': '#eadfcf',
  '--ph-color-surface': '#fffaf3',
  '--ph-font-family': "Georgia, 'Times New Roman', serif",
  '--ph-radius': '14px',
};

/**
 * Wraps a story in the brand's custom properties (they inherit into the shadow roots), plus any
 * element-specific `--ph-*` hooks a story adds.
 */
export function brandTheme(extra: Record<string, string> = {}): Decorator {
  return (story) => html`<div style=${styleMap({ ...BRAND, ...extra })}>${story()}</div>`;
}
