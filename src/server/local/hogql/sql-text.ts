/**
 * The only helpers that put text into DuckDB SQL. Everything that comes from a query is written through
 * one of these (or bound as a parameter); each is tested with hostile input.
 */
import { LocalQueryError } from '../errors.js';

/** A DuckDB string literal. DuckDB's plain strings know one escape only: a doubled quote. */
export function sqlString(value: string): string {
  if (value.includes('\0'))
    throw new LocalQueryError('query', 'Strings may not contain NUL characters', 'invalid_input');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DuckDB quoted identifier. */
export function sqlIdentifier(name: string): string {
  if (name === '' || name.includes('\0')) {
    throw new LocalQueryError('query', 'Names may not be empty or contain NUL characters', 'invalid_input');
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The JSON path of a (possibly nested) property key, such as `$."$browser"`, as a SQL literal. DuckDB's
 * path syntax has no escape for `"` inside a quoted key, so such keys are refused rather than guessed at.
 */
export function jsonPathLiteral(keys: readonly string[]): string {
  for (const key of keys) {
    if (key === '' || /["\\\0]/.test(key)) {
      throw new LocalQueryError(
        'query',
        `Property key ${JSON.stringify(key)} is not supported`,
        'unsupported',
      );
    }
  }
  return sqlString('$' + keys.map((key) => `."${key}"`).join(''));
}
