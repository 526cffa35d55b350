/**
 * Splits HogQL text into tokens. The translator works on tokens, never on the raw text, so a string
 * literal or a comment can never be mistaken for SQL, and every literal is re-written in DuckDB's own
 * quoting. HogQL follows ClickHouse: backslash escapes inside quotes, `$` allowed in identifiers.
 */
import { LocalQueryError } from '../errors.js';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'op' | 'placeholder' | 'space';

export interface Token {
  kind: TokenKind;
  /** Decoded value: the identifier, the string's content, the operator, the placeholder's dotted path. */
  value: string;
  /** Where the token sits in the source, for column names taken from the query text. */
  start: number;
  end: number;
}

const OPERATORS = [
  '->>',
  '::',
  '<=',
  '>=',
  '!=',
  '<>',
  '==',
  '||',
  '->',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '<',
  '>',
  ';',
  '?',
  ':',
];
const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const PLACEHOLDER = /^\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*)\s*\}/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  b: '\b',
  f: '\f',
  '\\': '\\',
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number) => tokens.push({ kind, value, start, end: i });
  while (i < source.length) {
    const start = i;
    const ch = source[i]!;
    const rest = source.slice(i, i + 3);
    if (/\s/.test(ch)) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      push('space', ' ', start);
    } else if (rest.startsWith('--')) {
      while (i < source.length && source[i] !== '\n') i++;
      push('space', ' ', start);
    } else if (rest.startsWith('/*')) {
      const close = source.indexOf('*/', i + 2);
      if (close < 0) throw syntax('a comment is not closed', start);
      i = close + 2;
      push('space', ' ', start);
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const value = readQuoted(
        source,
        ch,
        () => i,
        (next) => (i = next),
      );
      push(ch === "'" ? 'string' : 'quoted', value, start);
    } else if (ch === '{') {
      const match = PLACEHOLDER.exec(source.slice(i));
      if (!match) throw syntax('`{` must start a placeholder such as {variables.name}', start);
      i += match[0].length;
      push('placeholder', match[1]!, start);
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(source[i + 1] ?? ''))) {
      const match = NUMBER.exec(source.slice(i))!;
      i += match[0].length;
      if (IDENT_PART.test(source[i] ?? '')) throw syntax('a number runs into a name', start);
      push('number', match[0], start);
    } else if (IDENT_START.test(ch)) {
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      push('ident', source.slice(start, i), start);
    } else {
      const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
      if (!op) throw syntax(`unexpected character ${JSON.stringify(ch)}`, start);
      i += op.length;
      push('op', op, start);
    }
  }
  return tokens;
}

/** Reads a quoted string or identifier: `\` escapes (ClickHouse) and doubled quotes (SQL) both work. */
function readQuoted(source: string, quote: string, at: () => number, moveTo: (i: number) => void): string {
  const start = at();
  let i = start + 1;
  let value = '';
  for (;;) {
    if (i >= source.length) throw syntax('a quoted string is not closed', start);
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) throw syntax('a quoted string is not closed', start);
      value += ESCAPES[next] ?? next;
      i += 2;
    } else if (ch === quote && source[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (ch === quote) {
      moveTo(i + 1);
      return value;
    } else {
      value += ch;
      i += 1;
    }
  }
}

function syntax(problem: string, position: number): LocalQueryError {
  return new LocalQueryError('query', `Syntax error at position ${position}: ${problem}`, 'invalid_input');
}
