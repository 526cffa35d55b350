/**
 * Tokens nested by brackets: a call's arguments, a subquery or a list are one `group` node, so the
 * translator can tell what sits at the top level of a query (its select list, its LIMIT) from what
 * sits inside brackets.
 */
import { LocalQueryError } from '../errors.js';
import type { Token } from './lexer.js';

export type Node = TokenNode | GroupNode;

export interface TokenNode {
  kind: 'token';
  token: Token;
}

export interface GroupNode {
  kind: 'group';
  open: Token;
  close: Token;
  children: Node[];
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']' };

export function buildTree(tokens: Token[]): Node[] {
  const root: Node[] = [];
  const stack: Array<{ open: Token; children: Node[] }> = [];
  let current = root;
  for (const token of tokens) {
    if (token.kind === 'op' && CLOSERS[token.value]) {
      stack.push({ open: token, children: [] });
      current = stack.at(-1)!.children;
    } else if (token.kind === 'op' && (token.value === ')' || token.value === ']')) {
      const frame = stack.pop();
      if (!frame || CLOSERS[frame.open.value] !== token.value) throw unbalanced(token.start);
      current = stack.at(-1)?.children ?? root;
      current.push({ kind: 'group', open: frame.open, close: token, children: frame.children });
    } else {
      current.push({ kind: 'token', token });
    }
  }
  if (stack.length > 0) throw unbalanced(stack.at(-1)!.open.start);
  return root;
}

export function isToken(node: Node | undefined, kind: Token['kind'], value?: string): node is TokenNode {
  return (
    node?.kind === 'token' && node.token.kind === kind && (value === undefined || node.token.value === value)
  );
}

/** An identifier token whose text is the given keyword, in any case. */
export function isKeyword(node: Node | undefined, ...words: string[]): node is TokenNode {
  return isToken(node, 'ident') && words.includes(node.token.value.toLowerCase());
}

export function isGroup(node: Node | undefined, open = '('): node is GroupNode {
  return node?.kind === 'group' && node.open.value === open;
}

export function isSpace(node: Node | undefined): boolean {
  return isToken(node, 'space');
}

/** Index of the next node that is not white space, at or after `from`. */
export function skipSpace(nodes: Node[], from: number): number {
  let i = from;
  while (i < nodes.length && isSpace(nodes[i])) i++;
  return i;
}

/** Splits nodes at top-level commas. */
export function splitOnCommas(nodes: Node[]): Node[][] {
  const parts: Node[][] = [[]];
  for (const node of nodes) {
    if (isToken(node, 'op', ',')) parts.push([]);
    else parts.at(-1)!.push(node);
  }
  return parts;
}

export function significant(nodes: Node[]): Node[] {
  return nodes.filter((node) => !isSpace(node));
}

/** Source offsets a node covers. */
export function span(node: Node): { start: number; end: number } {
  return node.kind === 'token' ? node.token : { start: node.open.start, end: node.close.end };
}

function unbalanced(position: number): LocalQueryError {
  return new LocalQueryError(
    'query',
    `Syntax error at position ${position}: unbalanced brackets`,
    'invalid_input',
  );
}

/** Index of the last node matching `test`, or -1 (Array#findLastIndex is ES2023). */
export function lastIndex(nodes: Node[], test: (node: Node) => boolean): number {
  for (let i = nodes.length - 1; i >= 0; i--) if (test(nodes[i]!)) return i;
  return -1;
}
