// Turns the Custom Elements Manifest into the README's API tables and VS Code's HTML custom data.
// Pure functions of the manifest, so `api-docs.mjs --check` can compare their output with what is committed.

/** Every element declaration in the manifest, `<ph-endpoint-chart>` first (its README section holds the tables). */
function elementsOf(manifest) {
  const elements = manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement && d.tagName),
  );
  const rank = (tag) => (tag === 'ph-endpoint-chart' ? 0 : 1);
  return elements.sort((a, b) => rank(a.tagName) - rank(b.tagName) || a.tagName.localeCompare(b.tagName));
}

const isPublicField = (m) => m.kind === 'field' && !m.static;
const isPublicMethod = (m) => m.kind === 'method' && !m.static;

/** One line of a table cell: GitHub would end the row at a newline and the column at a bare pipe. */
function cell(text) {
  return (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

function code(text) {
  return text ? `\`${cell(text)}\`` : '';
}

function table(headings, rows) {
  if (rows.length === 0) return [];
  return [
    `| ${headings.join(' | ')} |`,
    `| ${headings.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
}

function section(title, headings, rows) {
  const lines = table(headings, rows);
  return lines.length > 0 ? [`**${title}**`, '', ...lines] : [];
}

function methodSignature(method) {
  const params = (method.parameters ?? []).map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`);
  return `${method.name}(${params.join(', ')})${method.return?.type ? `: ${method.return.type.text}` : ''}`;
}

function elementMarkdown(element) {
  const members = element.members ?? [];
  const fieldOf = (name) => members.find((m) => m.name === name);
  const attributes = (element.attributes ?? []).map((a) => {
    const field = a.fieldName ? fieldOf(a.fieldName) : undefined;
    return [
      code(a.name),
      code(a.fieldName),
      code(a.type?.text ?? field?.type?.text),
      code(a.default ?? field?.default),
      cell(a.description ?? field?.description),
    ];
  });
  const properties = members
    .filter((m) => isPublicField(m) && !m.attribute)
    .map((m) => [code(m.name), code(m.type?.text), code(m.default), cell(m.description)]);
  const methods = members.filter(isPublicMethod).map((m) => [code(methodSignature(m)), cell(m.description)]);
  return [
    `#### \`<${element.tagName}>\``,
    '',
    ...(element.summary ? [cell(element.summary), ''] : []),
    ...section('Attributes', ['attribute', 'property', 'type', 'default', 'description'], attributes),
    ...section('Properties (no attribute)', ['property', 'type', 'default', 'description'], properties),
    ...section('Methods', ['method', 'description'], methods),
    ...section(
      'Events',
      ['event', 'type', 'description'],
      (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]),
    ),
    ...section(
      'Slots',
      ['slot', 'description'],
      (element.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
    ),
    ...section(
      'CSS parts',
      ['part', 'description'],
      (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    ...section(
      'CSS custom properties',
      ['property', 'default', 'description'],
      (element.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
  ];
}

/** The README block between the api markers, markers excluded. */
export function apiMarkdown(manifest) {
  const lines = [
    '<!-- Generated from custom-elements.json by `npm run analyze`; edit the JSDoc in src/components, not this. -->',
    '',
    ...elementsOf(manifest).flatMap(elementMarkdown),
  ];
  return lines.join('\n').trimEnd();
}

/** `'light' | 'dark' | undefined` as the values an editor can offer: light, dark. */
function literalValues(typeText) {
  const parts = (typeText ?? '').split('|').map((p) => p.trim());
  const literals = parts.filter((p) => /^(['"]).*\1$/.test(p)).map((p) => p.slice(1, -1));
  return literals.length > 0 ? literals.map((name) => ({ name })) : undefined;
}

function listing(title, items) {
  if (items.length === 0) return [];
  return [
    '',
    `**${title}**`,
    '',
    ...items.map(({ name, description }) => `- \`${name}\`: ${cell(description)}`),
  ];
}

function tagDescription(element) {
  const events = (element.events ?? []).map((e) => ({ name: e.name, description: e.description }));
  const slots = (element.slots ?? []).map((s) => ({
    name: s.name || '(default)',
    description: s.description,
  }));
  const parts = (element.cssParts ?? []).map((p) => ({ name: p.name, description: p.description }));
  const cssProperties = element.cssProperties ?? [];
  return [
    element.summary ?? '',
    ...listing('Events', events),
    ...listing('Slots', slots),
    ...listing('CSS parts', parts),
    ...listing('CSS custom properties', cssProperties),
  ].join('\n');
}

/** VS Code's HTML custom data (`html.customData`): tags, their attributes and the values these take. */
export function vscodeCustomData(manifest) {
  const tags = elementsOf(manifest).map((element) => ({
    name: element.tagName,
    description: { kind: 'markdown', value: tagDescription(element) },
    attributes: (element.attributes ?? []).map((a) => {
      const type = a.type?.text ?? '';
      const values = literalValues(type);
      return {
        name: a.name,
        description: cell(a.description),
        ...(values ? { values } : type === 'boolean' ? { valueSet: 'v' } : {}),
      };
    }),
  }));
  return { version: 1.1, tags };
}
