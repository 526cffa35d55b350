/**
 * HogQL to DuckDB SQL over `events` and `persons`. It covers the common forms, not the whole language:
 * property access (`properties.$browser`, `person.properties.plan`), ClickHouse functions (see
 * functions.ts), `{variables.x}` placeholders (bound parameters, never text), `now()` (bound, so tests
 * can fix the clock), and PostHog's column names for unnamed select items (`count()`).
 *
 * It works on tokens nested by brackets: literals are re-quoted by sql-text.ts, names are quoted when
 * they are not plain, and anything it does not understand is refused or left for DuckDB to reject.
 */
import { LocalQueryError } from '../errors.js';
import { aliasOf, hintFor, invalid, splitLimit, type ColumnHint } from './clauses.js';
import { translateFunction, translateParametric, translateType } from './functions.js';
import { tokenize, type Token } from './lexer.js';
import { jsonPathLiteral, sqlIdentifier, sqlString } from './sql-text.js';
import {
  buildTree,
  isGroup,
  isKeyword,
  isSpace,
  isToken,
  lastIndex,
  significant,
  skipSpace,
  span,
  splitOnCommas,
  type GroupNode,
  type Node,
} from './tree.js';

/** How a property is typed (PostHog keeps property definitions; locally they are read off the data). */
export type PropertyType = 'String' | 'Numeric';

export interface TranslateOptions {
  eventPropertyTypes?: ReadonlyMap<string, PropertyType>;
  personPropertyTypes?: ReadonlyMap<string, PropertyType>;
  /** code_name -> its bound parameter; a placeholder for any other name is refused. */
  variables?: ReadonlyMap<string, { param: string; isList: boolean }>;
}

export interface TranslatedQuery {
  /** DuckDB SQL without the query's own top-level LIMIT/OFFSET (pagination re-applies them). */
  sql: string;
  limit?: number;
  offset: number;
  columnHints: Map<string, ColumnHint>;
  /** Code names of the variables the query uses. */
  variables: Set<string>;
  /** Whether `$ph_now` (now(), today(), yesterday()) needs binding. */
  usesNow: boolean;
}

/** Keywords that may stand right before a bracket (`IN (`, `OVER (`); any other word there is a call. */
const BEFORE_BRACKETS = new Set(
  `select from where by having limit offset union all except intersect distinct as on using join inner outer cross
   semi anti asof and or not in is like ilike between case when then else exists interval with recursive over
   partition filter lateral values window qualify some`.split(/\s+/),
);
const SELECT_LIST_END = [
  'from',
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
  'window',
  'qualify',
  'settings',
  'format',
];
const CLOCK = new Set(['now', 'today', 'yesterday']);
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every event with its person's properties: what `person.properties.x` reads. */
const PERSON_JOIN = `events AS (SELECT ph_e.*, ph_p.properties AS person_properties, ph_p.created_at AS person_created_at
  FROM main.events AS ph_e LEFT JOIN main.persons AS ph_p ON ph_p.id = ph_e.person_id)`;

export type { ColumnHint } from './clauses.js';

export function translateHogQL(source: string, options: TranslateOptions = {}): TranslatedQuery {
  return new Translator(source, options).top(buildTree(tokenize(source)));
}

class Translator {
  private usesPerson = false;
  private usesNow = false;
  private readonly usedVariables = new Set<string>();
  private readonly hints = new Map<string, ColumnHint>();

  constructor(
    private readonly source: string,
    private readonly options: TranslateOptions,
  ) {}

  top(all: Node[]): TranslatedQuery {
    // HogQL, like most SQL consoles, accepts one trailing semicolon; any other `;` is refused later.
    const end = lastIndex(all, (node) => !isSpace(node));
    const nodes = isToken(all[end], 'op', ';') ? all.slice(0, end) : all;
    const first = skipSpace(nodes, 0);
    if (first === nodes.length) throw invalid('The query is empty');
    if (!isKeyword(nodes[first], 'select', 'with') && !isGroup(nodes[first])) {
      throw invalid('Only SELECT queries are allowed');
    }
    const { body, limit, offset } = splitLimit(nodes);
    let sql = this.selectWithNames(body, first);
    if (this.usesPerson) {
      if (isGroup(nodes[first])) throw invalid('person fields need a query that starts with SELECT or WITH');
      const match = /^\s*with(\s+recursive)?\b/i.exec(sql);
      sql = match
        ? `${match[0]} ${PERSON_JOIN}, ${sql.slice(match[0].length)}`
        : `WITH ${PERSON_JOIN} ${sql}`;
    }
    return {
      sql: sql.trim(),
      limit,
      offset,
      columnHints: this.hints,
      variables: this.usedVariables,
      usesNow: this.usesNow,
    };
  }

  /** The top-level query, with `AS "<HogQL text>"` added to unnamed select items, as PostHog names them. */
  private selectWithNames(nodes: Node[], first: number): string {
    let select = first;
    if (isKeyword(nodes[first], 'with')) {
      select = nodes.findIndex((node, i) => i > first && isKeyword(node, 'select'));
      if (select < 0) throw invalid('WITH must be followed by SELECT');
    }
    if (!isKeyword(nodes[select], 'select')) return this.emit(nodes);
    let start = skipSpace(nodes, select + 1);
    if (isKeyword(nodes[start], 'distinct')) {
      start = skipSpace(nodes, start + 1);
      if (isKeyword(nodes[start], 'on')) start = skipSpace(nodes, skipSpace(nodes, start + 1) + 1);
    }
    let end = nodes.findIndex((node, i) => i >= start && isKeyword(node, ...SELECT_LIST_END));
    if (end < 0) end = nodes.length;
    const items = splitOnCommas(nodes.slice(start, end)).map((item) => this.namedItem(item));
    return `${this.emit(nodes.slice(0, start)).trimEnd()} ${items.join(', ')} ${this.emit(nodes.slice(end)).trimStart()}`;
  }

  private namedItem(item: Node[]): string {
    const sql = this.emit(item).trim();
    const nodes = significant(item);
    if (nodes.length === 0) throw invalid('A select list has an empty item');
    const star = nodes.some(
      (node, i) => isToken(node, 'op', '*') && (i === 0 || isToken(nodes[i - 1], 'op', '.')),
    );
    if (star) return sql;
    const alias = aliasOf(nodes);
    const expression = alias ? nodes.slice(0, alias.length) : nodes;
    const single = nodes.length === 1 && nodes[0]!.kind === 'token' ? nodes[0]!.token : undefined;
    const name = alias?.name ?? (single?.kind === 'quoted' ? single.value : this.sourceText(nodes));
    const hint = hintFor(expression);
    if (hint) this.hints.set(name, hint);
    return alias ? sql : `${sql} AS ${sqlIdentifier(name)}`;
  }

  private sourceText(nodes: Node[]): string {
    return this.source.slice(span(nodes[0]!).start, span(nodes.at(-1)!).end).replace(/\s+/g, ' ');
  }

  /** Translates a run of nodes. */
  private emit(nodes: Node[]): string {
    let out = '';
    let previous: Node | undefined;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.kind === 'group') {
        out += `${node.open.value}${this.emit(node.children)}${node.close.value}`;
      } else if (node.token.kind === 'ident' || node.token.kind === 'quoted') {
        const consumed = this.emitNameOrCall(nodes, i);
        out += separate(out, consumed.sql);
        i = consumed.next - 1;
      } else {
        out += separate(out, this.emitToken(node.token, previous));
      }
      if (node.kind === 'group' || node.token.kind !== 'space') previous = nodes[i];
    }
    return out;
  }

  private emitToken(token: Token, previous: Node | undefined): string {
    switch (token.kind) {
      case 'space':
        return ' ';
      case 'number':
        return token.value;
      case 'string':
        return sqlString(token.value);
      case 'placeholder':
        return this.placeholder(token.value, isKeyword(previous, 'in'));
      default:
        if (token.value === '?') throw invalid('Positional parameters (?) are not allowed');
        if (token.value === ';') throw invalid('Only one statement is allowed');
        return token.value === '==' ? '=' : token.value;
    }
  }

  private placeholder(path: string, afterIn: boolean): string {
    const [scope, name, ...rest] = path.split('.');
    if (scope !== 'variables' || !name || rest.length > 0) {
      throw new LocalQueryError(
        'query',
        `Placeholder {${path}} is not supported by the local engine`,
        'unsupported',
      );
    }
    const variable = this.options.variables?.get(name);
    if (!variable) throw invalid(`Query references undefined variable(s): ${name}`);
    this.usedVariables.add(name);
    return variable.isList && afterIn ? `(SELECT unnest($${variable.param}))` : `$${variable.param}`;
  }

  /** A dotted name (`properties.$browser`), or a function call with its arguments. */
  private emitNameOrCall(nodes: Node[], i: number): { sql: string; next: number } {
    const parts: Token[] = [(nodes[i] as { token: Token }).token];
    let next = i + 1;
    while (
      isToken(nodes[next], 'op', '.') &&
      (isToken(nodes[next + 1], 'ident') || isToken(nodes[next + 1], 'quoted'))
    ) {
      parts.push((nodes[next + 1] as { token: Token }).token);
      next += 2;
    }
    const open = skipSpace(nodes, next);
    const args = nodes[open];
    const word = parts[0]!.value.toLowerCase();
    if (!isGroup(args) || (parts.length === 1 && parts[0]!.kind === 'ident' && BEFORE_BRACKETS.has(word))) {
      return { sql: this.name(parts), next };
    }
    if (parts.length > 1 || parts[0]!.kind === 'quoted') {
      throw invalid(`Function ${parts.map((p) => p.value).join('.')} is not supported by the local engine`);
    }
    if (word === 'cast' || word === 'try_cast') return { sql: this.cast(word, args), next: open + 1 };
    const translated = splitOnCommas(args.children).map((arg) => this.emit(arg).trim());
    const argList = translated.length === 1 && translated[0] === '' ? [] : translated;
    const second = skipSpace(nodes, open + 1);
    if (isGroup(nodes[second])) {
      const inner = splitOnCommas(nodes[second].children).map((arg) => this.emit(arg).trim());
      return { sql: translateParametric(parts[0]!.value, argList, inner), next: second + 1 };
    }
    if (CLOCK.has(word)) this.usesNow = true;
    return { sql: translateFunction(parts[0]!.value, argList), next: open + 1 };
  }

  /** `CAST(x AS String)` and ClickHouse's `CAST(x, 'String')`, with ClickHouse type names mapped. */
  private cast(word: string, args: GroupNode): string {
    const parts = splitOnCommas(args.children);
    const keyword = word.toUpperCase();
    if (parts.length === 2) {
      const type = significant(parts[1]!);
      if (type.length !== 1 || !isToken(type[0], 'string')) throw invalid(`${keyword} takes a type name`);
      return `${keyword}(${this.emit(parts[0]!)} AS ${translateType(type[0].token.value)})`;
    }
    const nodes = args.children;
    const as = lastIndex(nodes, (node) => isKeyword(node, 'as'));
    const type = significant(nodes.slice(as + 1));
    if (as < 0 || type.length !== 1 || !isToken(type[0], 'ident'))
      throw invalid(`${keyword} takes AS and a type name`);
    return `${keyword}(${this.emit(nodes.slice(0, as))} AS ${translateType(type[0].token.value)})`;
  }

  private name(parts: Token[]): string {
    const names = parts.map((part) => part.value);
    if (names[0] === 'properties' && names.length > 1)
      return this.property('properties', names.slice(1), 'event');
    if (names[0] === 'person' && names.length > 1) return this.personField(names.slice(1));
    if (names.length > 2 && names[1] === 'properties') {
      return this.property(`${quoteName(parts[0]!)}.properties`, names.slice(2), 'event');
    }
    if (names.length > 2 && names[1] === 'person') return this.personField(names.slice(2));
    return parts.map(quoteName).join('.');
  }

  private personField(path: string[]): string {
    this.usesPerson = true;
    if (path[0] === 'properties') {
      return path.length === 1
        ? 'person_properties'
        : this.property('person_properties', path.slice(1), 'person');
    }
    if (path.length === 1 && path[0] === 'id') return 'person_id';
    if (path.length === 1 && path[0] === 'created_at') return 'person_created_at';
    throw new LocalQueryError(
      'query',
      `Field person.${path.join('.')} is not supported by the local engine`,
      'unsupported',
    );
  }

  /** HogQL reads an empty string or JSON null as NULL, and numeric properties as numbers. */
  private property(column: string, keys: string[], owner: 'event' | 'person'): string {
    const types = owner === 'event' ? this.options.eventPropertyTypes : this.options.personPropertyTypes;
    const text = `nullif(json_extract_string(${column}, ${jsonPathLiteral(keys)}), '')`;
    return keys.length === 1 && types?.get(keys[0]!) === 'Numeric' ? `TRY_CAST(${text} AS DOUBLE)` : text;
  }
}

function quoteName(token: Token): string {
  return token.kind === 'ident' && PLAIN_NAME.test(token.value) ? token.value : sqlIdentifier(token.value);
}

/**
 * Keeps a word and a following literal apart: `E` + `'...'` would otherwise read as DuckDB's
 * escape-string syntax and change what the quotes mean.
 */
function separate(out: string, next: string): string {
  return /[A-Za-z0-9_$"]$/.test(out) && /^['"A-Za-z0-9_$]/.test(next) ? ` ${next}` : next;
}
