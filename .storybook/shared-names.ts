/**
 * Storybook keys an element's docs rows by name alone, and the last manifest list it reads wins a name,
 * so a name the manifest lists twice keeps one row: `<ph-endpoint-chart>`'s `loading` attribute showed
 * only its `loading` part, and its `empty` and `error` slots only their parts. This gives each its own
 * row, with the manifest's own text: the attribute keeps the name (stories set it through args and
 * controls), the others get the category after the name.
 */
import manifest from '../custom-elements.json';
import type { Preview } from '@storybook/web-components-vite';

type ArgTypesEnhancer = NonNullable<Preview['argTypesEnhancers']>[number];

interface Item {
  name: string;
  description?: string;
  type?: { text: string };
  default?: string;
}

type Declaration = { tagName?: string } & Partial<Record<(typeof LISTS)[number][0], Item[]>>;

/**
 * The manifest lists that can share a name, each with the docs category Storybook files it under,
 * attributes first: the row that keeps the name. A property shares its attribute's name on purpose and
 * is left to Storybook, which shows the attribute.
 */
const LISTS = [
  ['attributes', 'attributes'],
  ['events', 'events'],
  ['slots', 'slots'],
  ['cssProperties', 'css custom properties'],
  ['cssParts', 'css shadow parts'],
] as const;

const declarations = (manifest as { modules: Array<{ declarations?: Declaration[] }> }).modules.flatMap(
  (module) => module.declarations ?? [],
);

/** Names `declaration` lists more than once, each with every list entry that holds it. */
function sharedNames(declaration: Declaration): Map<string, Array<{ category: string; item: Item }>> {
  const byName = new Map<string, Array<{ category: string; item: Item }>>();
  for (const [list, category] of LISTS) {
    for (const item of declaration[list] ?? []) {
      byName.set(item.name, [...(byName.get(item.name) ?? []), { category, item }]);
    }
  }
  return new Map([...byName].filter(([, entries]) => entries.length > 1));
}

export const separateSharedNames: ArgTypesEnhancer = ({ component, argTypes }) => {
  const declaration = declarations.find((d) => d.tagName !== undefined && d.tagName === component);
  if (!declaration) return argTypes;
  const rows = { ...argTypes };
  for (const [name, entries] of sharedNames(declaration)) {
    entries.forEach(({ category, item }, index) => {
      const row = {
        name,
        description: item.description,
        table: {
          category,
          type: { summary: item.type?.text },
          defaultValue: { summary: item.default },
        },
      };
      // The first keeps the story's control for that name; the others are documentation only.
      if (index === 0) rows[name] = { ...argTypes[name], ...row };
      else rows[`${name} (${category})`] = { ...row, control: false };
    });
  }
  return rows;
};
