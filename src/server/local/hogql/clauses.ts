/**
 * Reading the top level of a HogQL query: its own LIMIT/OFFSET, the aliases of its select items, and
 * the hints PostHog's column types need (counts are UInt64, property reads are nullable).
 */
import { LocalQueryError } from '../errors.js';
import type { Token } from './lexer.js';
import { isGroup, isKeyword, isToken, lastIndex, significant, type Node } from './tree.js';

/** PostHog's type hint for a result column the local types cannot tell: counts are UInt64, properties nullable. */
export type ColumnHint = 'count' | 'nullable';

/** SQL words: never a function call or an implicit alias. */
const KEYWORDS = new Set(
  `select from where group by having order limit offset union all except intersect distinct as on using join inner
   left right full outer cross semi anti asof and or not in is null true false like ilike between case when then else
   end exists interval with recursive over partition rows range preceding following unbounded current row filter
   asc desc nulls first last window qualify lateral values array some second minute hour day week month quarter year
   settings format global final sample prewhere`.split(/\s+/),
);
const COUNTING = new Set(['count', 'countif', 'uniq', 'uniqexact', 'uniqif']);

/** The query's own top-level `LIMIT n [OFFSET m]` / `LIMIT m, n` / `OFFSET m`, taken off the end. */
export function splitLimit(nodes: Node[]): { body: Node[]; limit?: number; offset: number } {
  const at = lastIndex(nodes, (node) => isKeyword(node, 'limit', 'offset'));
  if (at < 0) return { body: nodes, offset: 0 };
  const tail = significant(nodes.slice(at + 1));
  const numbers = tail.filter((_, i) => i % 2 === 0);
  const separators = tail.filter((_, i) => i % 2 === 1);
  if (!numbers.every((node) => isToken(node, 'number') && /^\d+$/.test(node.token.value))) {
    throw invalid('LIMIT and OFFSET must be followed by whole numbers');
  }
  const values = numbers.map((node) => Number((node as { token: Token }).token.value));
  const body = nodes.slice(0, at);
  if (isKeyword(nodes[at], 'offset')) {
    if (values.length !== 1) throw invalid('OFFSET must be followed by a whole number');
    const previous = lastIndex(body, (node) => isKeyword(node, 'limit'));
    const limit = previous >= 0 ? splitLimit(body) : undefined;
    return limit ? { ...limit, offset: values[0]! } : { body, offset: values[0]! };
  }
  if (values.length === 1 && separators.length === 0) return { body, limit: values[0], offset: 0 };
  if (values.length === 2 && isToken(separators[0], 'op', ','))
    return { body, limit: values[1], offset: values[0]! };
  throw invalid('LIMIT must be LIMIT n, LIMIT n OFFSET m or LIMIT m, n (LIMIT ... BY is not supported)');
}

export function aliasOf(nodes: Node[]): { name: string; length: number } | undefined {
  const last = nodes.at(-1);
  const before = nodes.at(-2);
  if (last?.kind !== 'token' || !before || (last.token.kind !== 'ident' && last.token.kind !== 'quoted')) {
    return undefined;
  }
  const name = last.token.value;
  if (before.kind === 'token' && before.token.kind === 'ident' && before.token.value.toLowerCase() === 'as') {
    return { name, length: nodes.length - 2 };
  }
  if (last.token.kind === 'ident' && KEYWORDS.has(name.toLowerCase())) return undefined;
  // `count() c`, `event e`: a name right after an expression is its alias; after an operator it is not.
  if (before.kind === 'group') return { name, length: nodes.length - 1 };
  const { kind, value } = before.token;
  const implicit =
    ['string', 'number', 'quoted'].includes(kind) || (kind === 'ident' && !KEYWORDS.has(value.toLowerCase()));
  return implicit ? { name, length: nodes.length - 1 } : undefined;
}

export function hintFor(expression: Node[]): ColumnHint | undefined {
  const [head, group] = expression;
  if (
    expression.length === 2 &&
    isToken(head, 'ident') &&
    isGroup(group) &&
    COUNTING.has(head.token.value.toLowerCase())
  ) {
    return 'count';
  }
  const isChain =
    expression.length >= 3 &&
    expression.every((node, i) =>
      i % 2 === 1 ? isToken(node, 'op', '.') : isToken(node, 'ident') || isToken(node, 'quoted'),
    );
  return isChain && expression.some((node) => isToken(node, 'ident', 'properties')) ? 'nullable' : undefined;
}

export function invalid(message: string): LocalQueryError {
  return new LocalQueryError('query', message, 'invalid_input');
}
