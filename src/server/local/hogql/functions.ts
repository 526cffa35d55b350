/**
 * HogQL (ClickHouse) functions and their DuckDB equivalents. Like HogQL itself this is an allowlist:
 * a function not named here is refused, which also keeps DuckDB's table functions (`read_csv`, `glob`,
 * `query`...) and odd built-ins out of reach, whatever the lock does.
 *
 * Each translation receives its arguments already translated to DuckDB SQL.
 */
import { LocalQueryError } from '../errors.js';

type Translation = (args: string[], name: string) => string;

const call =
  (duckName: string): Translation =>
  (args) =>
    `${duckName}(${args.join(', ')})`;
const arity = (name: string, args: string[], min: number, max = min) => {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new LocalQueryError(
      'query',
      `Function ${name} takes ${expected} argument(s), got ${args.length}`,
      'invalid_input',
    );
  }
};
const unary =
  (build: (x: string) => string): Translation =>
  (args, name) => {
    arity(name, args, 1);
    return build(args[0]!);
  };
/** `sumIf(x, cond)` and friends: the aggregate with a FILTER clause. */
const conditional =
  (aggregate: string): Translation =>
  (args, name) => {
    arity(name, args, 2);
    return `${aggregate}(${args[0]}) FILTER (WHERE ${args[1]})`;
  };
const truncate = (part: string, asDate = false): Translation =>
  unary((x) => (asDate ? `CAST(date_trunc('${part}', ${x}) AS DATE)` : `date_trunc('${part}', ${x})`));

/** ClickHouse's toStartOfWeek: mode 0 (the default) starts weeks on Sunday, mode 1 on Monday. */
const startOfWeek: Translation = (args, name) => {
  arity(name, args, 1, 2);
  const mode = args[1]?.trim() ?? '0';
  if (mode === '1' || mode === '3') return `CAST(date_trunc('week', ${args[0]}) AS DATE)`;
  if (mode === '0' || mode === '2')
    return `CAST(CAST(${args[0]} AS DATE) - CAST(dayofweek(${args[0]}) AS INTEGER) AS DATE)`;
  throw new LocalQueryError('query', `${name}: mode ${mode} is not supported (use 0 or 1)`, 'unsupported');
};

const multiIf: Translation = (args, name) => {
  if (args.length < 3 || args.length % 2 === 0) {
    throw new LocalQueryError(
      'query',
      `Function ${name} takes an odd number of arguments (at least 3)`,
      'invalid_input',
    );
  }
  let sql = 'CASE';
  for (let i = 0; i + 1 < args.length; i += 2) sql += ` WHEN ${args[i]} THEN ${args[i + 1]}`;
  return `${sql} ELSE ${args.at(-1)} END`;
};

const TRANSLATIONS: Record<string, Translation> = {
  // Aggregates
  count: (args) => (args.length === 0 ? 'count(*)' : `count(${args.join(', ')})`),
  countif: (args, name) => {
    arity(name, args, 1);
    return `count(*) FILTER (WHERE ${args[0]})`;
  },
  uniq: (args) => `count(DISTINCT ${args.length === 1 ? args[0] : `(${args.join(', ')})`})`,
  uniqexact: (args) => `count(DISTINCT ${args.length === 1 ? args[0] : `(${args.join(', ')})`})`,
  uniqif: (args, name) => {
    arity(name, args, 2);
    return `count(DISTINCT ${args[0]}) FILTER (WHERE ${args[1]})`;
  },
  sum: call('sum'),
  sumif: conditional('sum'),
  avg: call('avg'),
  avgif: conditional('avg'),
  min: call('min'),
  minif: conditional('min'),
  max: call('max'),
  maxif: conditional('max'),
  median: call('median'),
  any: call('any_value'),
  argmax: call('arg_max'),
  argmin: call('arg_min'),
  grouparray: call('list'),
  stddevpop: call('stddev_pop'),
  stddevsamp: call('stddev_samp'),
  // Dates and times
  now: (args, name) => (arity(name, args, 0), '$ph_now'),
  today: (args, name) => (arity(name, args, 0), 'CAST($ph_now AS DATE)'),
  yesterday: (args, name) => (arity(name, args, 0), 'CAST(CAST($ph_now AS DATE) - 1 AS DATE)'),
  tostartofminute: truncate('minute'),
  tostartofhour: truncate('hour'),
  tostartofday: truncate('day'),
  tostartofweek: startOfWeek,
  tomonday: truncate('week', true),
  tostartofmonth: truncate('month', true),
  tostartofquarter: truncate('quarter', true),
  tostartofyear: truncate('year', true),
  todate: unary((x) => `CAST(${x} AS DATE)`),
  todatetime: unary((x) => `CAST(${x} AS TIMESTAMPTZ)`),
  tounixtimestamp: unary((x) => `CAST(epoch(${x}) AS BIGINT)`),
  toyear: call('year'),
  tomonth: call('month'),
  todayofmonth: call('day'),
  todayofweek: call('isodow'),
  tohour: call('hour'),
  tominute: call('minute'),
  datediff: call('date_diff'),
  date_diff: call('date_diff'),
  datetrunc: call('date_trunc'),
  date_trunc: call('date_trunc'),
  // Conversions
  tostring: unary((x) => `CAST(${x} AS VARCHAR)`),
  toint: unary((x) => `TRY_CAST(${x} AS BIGINT)`),
  toint64: unary((x) => `TRY_CAST(${x} AS BIGINT)`),
  toint32: unary((x) => `TRY_CAST(${x} AS INTEGER)`),
  tofloat: unary((x) => `TRY_CAST(${x} AS DOUBLE)`),
  tofloat64: unary((x) => `TRY_CAST(${x} AS DOUBLE)`),
  // Conditionals and nulls
  if: call('if'),
  multiif: multiIf,
  ifnull: call('coalesce'),
  coalesce: call('coalesce'),
  nullif: call('nullif'),
  isnull: unary((x) => `(${x} IS NULL)`),
  isnotnull: unary((x) => `(${x} IS NOT NULL)`),
  // Strings
  lower: call('lower'),
  upper: call('upper'),
  length: call('length'),
  concat: call('concat'),
  substring: call('substring'),
  trim: call('trim'),
  replaceall: call('replace'),
  replace: call('replace'),
  startswith: call('starts_with'),
  endswith: call('ends_with'),
  position: call('strpos'),
  match: call('regexp_matches'),
  // SQL's EXTRACT(year FROM x) has one argument; ClickHouse's extract(haystack, pattern) is a regex.
  extract: (args) => (args.length === 1 ? `extract(${args[0]})` : `regexp_extract(${args.join(', ')})`),
  splitbychar: (args, name) => (arity(name, args, 2), `string_split(${args[1]}, ${args[0]})`),
  // Numbers
  round: call('round'),
  floor: call('floor'),
  ceil: call('ceil'),
  abs: call('abs'),
  sqrt: call('sqrt'),
  pow: call('pow'),
  power: call('pow'),
  exp: call('exp'),
  log: call('ln'),
  log10: call('log10'),
  log2: call('log2'),
  greatest: call('greatest'),
  least: call('least'),
  // Arrays
  has: (args, name) => (arity(name, args, 2), `list_contains(${args[0]}, ${args[1]})`),
  // Window functions
  row_number: call('row_number'),
  rank: call('rank'),
  dense_rank: call('dense_rank'),
  lag: call('lag'),
  lead: call('lead'),
  laginframe: call('lag'),
  leadinframe: call('lead'),
  first_value: call('first_value'),
  last_value: call('last_value'),
};

/** Translates a call of a HogQL function, or refuses a function HogQL would not know. */
export function translateFunction(name: string, args: string[]): string {
  const translation = TRANSLATIONS[name.toLowerCase()];
  if (!translation) {
    throw new LocalQueryError(
      'query',
      `Function ${name} is not supported by the local engine`,
      'unsupported',
    );
  }
  return translation(args, name);
}

/** `quantile(0.9)(x)`: ClickHouse's parametric aggregates. */
export function translateParametric(name: string, params: string[], args: string[]): string {
  const lower = name.toLowerCase();
  if ((lower === 'quantile' || lower === 'quantileexact') && params.length === 1 && args.length === 1) {
    return `quantile_cont(${args[0]}, ${params[0]})`;
  }
  throw new LocalQueryError(
    'query',
    `Function ${name}(...)(...) is not supported by the local engine`,
    'unsupported',
  );
}

/** ClickHouse type names in `CAST(x AS Type)`, to DuckDB's. */
const TYPES: Record<string, string> = {
  string: 'VARCHAR',
  int8: 'TINYINT',
  int16: 'SMALLINT',
  int32: 'INTEGER',
  int64: 'BIGINT',
  uint8: 'UTINYINT',
  uint16: 'USMALLINT',
  uint32: 'UINTEGER',
  uint64: 'UBIGINT',
  float32: 'FLOAT',
  float64: 'DOUBLE',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMPTZ',
  datetime64: 'TIMESTAMPTZ',
  uuid: 'UUID',
  varchar: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMPTZ',
  timestamptz: 'TIMESTAMPTZ',
};

export function translateType(name: string): string {
  const type = TYPES[name.toLowerCase()];
  if (!type)
    throw new LocalQueryError('query', `Type ${name} is not supported by the local engine`, 'unsupported');
  return type;
}
