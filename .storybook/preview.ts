import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/define.js';
import { separateSharedNames } from './shared-names.js';

// Controls take each element's attributes, properties, events, slots, parts and CSS properties, with their
// descriptions, from the committed manifest (`npm run analyze`) instead of from hand-written argTypes.
setCustomElementsManifest(manifest);

/** The theme a global or an arg asks for; anything else (unset, 'story') means none. */
function asTheme(value: unknown): 'light' | 'dark' | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/**
 * Applies the toolbar's `theme` and `dir` globals to every story. A forced theme replaces the
 * story's `theme` arg (each story passes it to its elements, so nothing reaches into their shadow
 * roots); the frame takes a matching page colour, since a dark tile on a white page hides contrast bugs.
 */
const withThemeAndDirection: Decorator = (story, context) => {
  const forced = asTheme(context.globals['theme']);
  const theme = forced ?? asTheme(context.args['theme']);
  const dir = context.globals['dir'] === 'rtl' ? 'rtl' : 'ltr';
  const frame = {
    padding: '1rem',
    'color-scheme': theme ?? 'light dark',
    background: theme === 'dark' ? '#16171d' : theme === 'light' ? '#f6f7f9' : 'Canvas',
  };
  return html`<div class="ph-story-frame" dir=${dir} style=${styleMap(frame)}>
    ${story(forced ? { args: { ...context.args, theme: forced } } : undefined)}
  </div>`;
};

const preview: Preview = {
  // A Docs page per element: its description and args table come from the manifest set above.
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Forces a theme on every element, over the story’s own',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'story', title: 'Story’s own theme' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction of the page around the elements',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'story', dir: 'ltr' },
  decorators: [withThemeAndDirection],
  argTypesEnhancers: [separateSharedNames],
};

export default preview;
