// What an element's docs page must list, read from custom-elements.json: the autodocs args table is
// generated from it, so every public attribute, property, event, slot, part and CSS property it
// declares should appear there by name, with the manifest's description (stories never retype it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Named {
  name: string;
  description?: string;
}

/** One row the docs page must show; `description` is empty when the manifest gives none. */
export interface DocumentedRow {
  name: string;
  description: string;
}
interface Declaration {
  tagName?: string;
  attributes?: Named[];
  members?: Array<Named & { kind: string; privacy?: string; static?: boolean }>;
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: Array<{ declarations?: Declaration[] }>;
}

const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'custom-elements.json'), 'utf8'),
) as Manifest;

/** The documented rows of `tag`'s public API; undefined when the manifest has no such element. */
export function documentedRows(tag: string): DocumentedRow[] | undefined {
  const declaration = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((d) => d.tagName === tag);
  if (!declaration) return undefined;
  const fields = (declaration.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public',
  );
  return [
    ...(declaration.attributes ?? []),
    ...fields,
    ...(declaration.events ?? []),
    // The default slot has no name to look for.
    ...(declaration.slots ?? []).filter((slot) => slot.name !== ''),
    ...(declaration.cssParts ?? []),
    ...(declaration.cssProperties ?? []),
  ].map((item) => ({ name: item.name, description: item.description ?? '' }));
}
