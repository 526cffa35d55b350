// Read by `custom-elements-manifest analyze` and by scripts/api-docs.mjs, which runs the analyzer in memory.

/** `/src/internal/view-element.js` (how a superclass import is recorded) as the module path it names. */
function modulePath(path) {
  return path.replace(/^\//, '').replace(/\.js$/, '.ts');
}

/**
 * The analyzer records `dispatchEvent(new PhLoadEvent(...))` as an event of its own, nameless (or named
 * after a constructor argument), beside the `@fires` entry for the same class: keep the documented one.
 */
function documentedEvents(events) {
  const documentedTypes = new Set(events.filter((e) => e.description).map((e) => e.type?.text));
  return events.filter((e) => e.name && (e.description || !documentedTypes.has(e.type?.text)));
}

/** `@summary` swallows every paragraph after it: the first is the summary, the rest the description. */
function splitSummary(declaration) {
  const [summary, ...rest] = (declaration.summary ?? '').split(/\n\s*\n/);
  if (!summary) return;
  declaration.summary = summary.replace(/\s*\n\s*/g, ' ').trim();
  if (!declaration.description && rest.length > 0) declaration.description = rest.join('\n\n').trim();
}

/**
 * Keeps the manifest to the public API of the elements: private and protected members go (Storybook
 * would offer them as controls), and so do modules of helpers that declare no element nor an element's
 * base class.
 */
function publicApiPlugin() {
  return {
    name: 'ph-embed-public-api',
    packageLinkPhase({ customElementsManifest }) {
      const elements = customElementsManifest.modules.flatMap((m) =>
        (m.declarations ?? []).filter((d) => d.customElement),
      );
      const baseModules = new Set(
        elements
          .map((e) => e.superclass?.module)
          .filter(Boolean)
          .map(modulePath),
      );
      customElementsManifest.modules = customElementsManifest.modules
        .filter((m) => baseModules.has(m.path) || (m.declarations ?? []).some((d) => d.customElement))
        .sort((a, b) => a.path.localeCompare(b.path));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.superclass?.module)
            declaration.superclass.module = modulePath(declaration.superclass.module);
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
            );
          }
          if (declaration.events) declaration.events = documentedEvents(declaration.events);
          splitSummary(declaration);
        }
      }
    },
  };
}

export default {
  // src/internal holds PhViewElement, whose `locale`, `timezone`, `theme`, `strings` and `result` every view inherits.
  globs: ['src/components/**/*.ts', 'src/internal/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  outdir: '.',
  // scripts/api-docs.mjs owns package.json's `customElements`; the analyzer must not rewrite the file.
  packagejson: false,
  plugins: [publicApiPlugin()],
};
