import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalQueryError } from '../../../src/server/local/errors.js';
import { tokenize } from '../../../src/server/local/hogql/lexer.js';
import { jsonPathLiteral, sqlIdentifier, sqlString } from '../../../src/server/local/hogql/sql-text.js';
import { translateHogQL, type TranslateOptions } from '../../../src/server/local/hogql/translate.js';

const OPTIONS: TranslateOptions = {
  eventPropertyTypes: new Map([['amount', 'Numeric']]),
  variables: new Map([
    ['org_id', { param: 'v_org_id', isList: false }],
    ['events', { param: 'v_events', isList: true }],
  ]),
};
const sql = (query: string) => translateHogQL(query, OPTIONS).sql;
const refused = (query: string, pattern: RegExp) =>
  assert.throws(
    () => translateHogQL(query, OPTIONS),
    (error: unknown) =>
      error instanceof LocalQueryError && error.attr === 'query' && pattern.test(error.message),
  );

describe('HogQL translation', () => {
  it('reads event properties through a quoted JSON path, numbers as numbers, empty strings as NULL', () => {
    assert.equal(
      sql('SELECT properties.$browser FROM events'),
      `SELECT nullif(json_extract_string(properties, '$."$browser"'), '') AS "properties.$browser" FROM events`,
    );
    assert.match(
      sql('SELECT sum(properties.amount) FROM events'),
      /sum\(TRY_CAST\(nullif\(json_extract_string\(properties, '\$\."amount"'\), ''\) AS DOUBLE\)\)/,
    );
    assert.match(
      sql('SELECT e.properties.plan FROM events e'),
      /json_extract_string\(e\.properties, '\$\."plan"'\)/,
    );
    assert.match(sql('SELECT properties.$set.email FROM events'), /'\$\."\$set"\."email"'/);
  });

  it('reads person properties by joining persons on person_id', () => {
    const out = sql('SELECT person.properties.plan, count() FROM events GROUP BY person.properties.plan');
    assert.match(out, /^WITH events AS \(SELECT ph_e\.\*, ph_p\.properties AS person_properties/);
    assert.match(out, /LEFT JOIN main\.persons AS ph_p ON ph_p\.id = ph_e\.person_id\)/);
    assert.match(out, /json_extract_string\(person_properties, '\$\."plan"'\)/);
    // A query with its own WITH gets the join as its first CTE.
    assert.match(
      sql('WITH t AS (SELECT person.id FROM events) SELECT * FROM t'),
      /^WITH events AS \(.*\), +t AS \(SELECT person_id FROM events\) SELECT \* FROM t$/s,
    );
  });

  it('translates the common ClickHouse functions', () => {
    const cases: Array<[string, RegExp]> = [
      ['count()', /count\(\*\)/],
      ['uniq(person_id)', /count\(DISTINCT person_id\)/],
      ["countIf(event = 'x')", /count\(\*\) FILTER \(WHERE event = 'x'\)/],
      ['sum(1)', /sum\(1\)/],
      ['avg(2)', /avg\(2\)/],
      ['round(1.234, 2)', /round\(1\.234, 2\)/],
      ['toStartOfDay(timestamp)', /date_trunc\('day', timestamp\)/],
      [
        'toStartOfWeek(timestamp)',
        /CAST\(CAST\(timestamp AS DATE\) - CAST\(dayofweek\(timestamp\) AS INTEGER\) AS DATE\)/,
      ],
      ['toStartOfWeek(timestamp, 1)', /CAST\(date_trunc\('week', timestamp\) AS DATE\)/],
      ['toStartOfMonth(timestamp)', /CAST\(date_trunc\('month', timestamp\) AS DATE\)/],
      ['toDate(timestamp)', /CAST\(timestamp AS DATE\)/],
      ['now()', /\$ph_now/],
      ['now () - interval 7 day', /\$ph_now - interval 7 day/],
      ['today()', /CAST\(\$ph_now AS DATE\)/],
      ['quantile(0.9)(1)', /quantile_cont\(1, 0\.9\)/],
      ['CAST(1 AS String)', /CAST\(1 +AS VARCHAR\)/],
      ["multiIf(1 = 1, 'a', 'b')", /CASE WHEN 1 = 1 THEN 'a' ELSE 'b' END/],
    ];
    for (const [expression, expected] of cases)
      assert.match(sql(`SELECT ${expression} FROM events`), expected, expression);
    assert.equal(translateHogQL('SELECT now()').usesNow, true);
    assert.equal(translateHogQL('SELECT 1').usesNow, false);
  });

  it('names unnamed columns after their HogQL text, as PostHog does, and keeps aliases', () => {
    assert.equal(
      sql('select event, count() as total, uniq(person_id) people, properties.$os from events group by 1, 4'),
      `select event AS "event", count(*) as total, count(DISTINCT person_id) people, nullif(json_extract_string(properties, '$."$os"'), '') AS "properties.$os" from events group by 1, 4`,
    );
    assert.equal(sql('SELECT * FROM events'), 'SELECT * FROM events');
    const hints = translateHogQL('SELECT count(), properties.$os, event FROM events').columnHints;
    assert.deepEqual(
      [...hints],
      [
        ['count()', 'count'],
        ['properties.$os', 'nullable'],
      ],
    );
  });

  it('turns {variables.x} into bound parameters, and IN a list variable into unnest', () => {
    const out = translateHogQL(
      'SELECT 1 FROM events WHERE properties.org_id = {variables.org_id} AND event IN {variables.events}',
      OPTIONS,
    );
    assert.match(out.sql, /= \$v_org_id AND event IN \(SELECT unnest\(\$v_events\)\)/);
    assert.deepEqual([...out.variables].sort(), ['events', 'org_id']);
    refused('SELECT {variables.other}', /undefined variable\(s\): other/);
    refused('SELECT {filters}', /\{filters\} is not supported/);
  });

  it("takes the query's own LIMIT and OFFSET off the end, in every form", () => {
    assert.deepEqual(pick(translateHogQL('SELECT 1 FROM events LIMIT 10')), { limit: 10, offset: 0 });
    assert.deepEqual(pick(translateHogQL('SELECT 1 FROM events LIMIT 10 OFFSET 5')), {
      limit: 10,
      offset: 5,
    });
    assert.deepEqual(pick(translateHogQL('SELECT 1 FROM events LIMIT 5, 10')), { limit: 10, offset: 5 });
    assert.deepEqual(pick(translateHogQL('SELECT 1 FROM (SELECT 1 LIMIT 3)')), {
      limit: undefined,
      offset: 0,
    });
    assert.doesNotMatch(translateHogQL('SELECT 1 FROM events LIMIT 10 OFFSET 5').sql, /LIMIT|OFFSET/);
    refused('SELECT 1 FROM events LIMIT 1 BY event', /LIMIT/);
    refused('SELECT 1 FROM events LIMIT {variables.org_id}', /whole numbers/);
  });

  it('re-quotes literals and names in DuckDB syntax', () => {
    // The names are the HogQL text; the literals are DuckDB's (a doubled quote, a plain backslash).
    assert.equal(
      sql(String.raw`SELECT 'it\'s', 'back\\slash' FROM events`),
      String.raw`SELECT 'it''s' AS "'it\'s'", 'back\slash' AS "'back\\slash'" FROM events`,
    );
    assert.match(sql('SELECT `odd name`, "x""y" FROM events'), /"odd name" AS "odd name", "x""y" AS "x""y"/);
    // E'...' would be an escape string in DuckDB: the word and the literal are kept apart.
    assert.match(sql(String.raw`SELECT E'\\' FROM events`), /E '\\'/);
    // A bare $name is a column name, never a DuckDB parameter.
    assert.match(sql('SELECT $ph_now FROM events'), /"\$ph_now"/);
  });

  it('refuses what is not a single SELECT, and functions HogQL does not have', () => {
    refused('DROP TABLE events', /Only SELECT queries/);
    refused('PRAGMA version', /Only SELECT queries/);
    refused('  ', /empty/);
    refused('SELECT 1; SELECT 2', /one statement/);
    refused('SELECT 1;;', /one statement/);
    assert.equal(sql('SELECT 1 FROM events ; -- done'), 'SELECT 1 AS "1" FROM events');
    refused('SELECT ?', /Positional parameters/);
    refused("SELECT * FROM read_csv('/etc/passwd')", /Function read_csv is not supported/);
    refused('SELECT * FROM range(10)', /Function range is not supported/);
    refused('SELECT "read_csv"(1)', /Function read_csv is not supported/);
    refused('SELECT main.glob(1)', /Function main\.glob is not supported/);
    refused("SELECT 'open", /not closed/);
    refused('SELECT (1', /unbalanced/);
    refused('SELECT {', /placeholder/);
  });
});

describe('SQL text helpers', () => {
  it('quote strings and names so they cannot end early', () => {
    assert.equal(sqlString("'; DROP TABLE events; --"), `'''; DROP TABLE events; --'`);
    assert.equal(sqlIdentifier('a"; DROP TABLE events; --'), `"a""; DROP TABLE events; --"`);
    assert.throws(() => sqlString('a\0b'), LocalQueryError);
  });

  it('build JSON paths for hostile keys, and refuse keys DuckDB paths cannot hold', () => {
    assert.equal(jsonPathLiteral(["a'); DROP TABLE events; --"]), `'$."a''); DROP TABLE events; --"'`);
    assert.equal(jsonPathLiteral(['$browser', 'x.y']), `'$."$browser"."x.y"'`);
    for (const key of ['a"b', 'a\\b', '']) assert.throws(() => jsonPathLiteral([key]), LocalQueryError);
  });

  it('lexes comments away and keeps token positions', () => {
    const tokens = tokenize('SELECT /* c */ 1 -- tail\n, x');
    assert.deepEqual(
      tokens.filter((t) => t.kind !== 'space').map((t) => [t.kind, t.value, t.start]),
      [
        ['ident', 'SELECT', 0],
        ['number', '1', 15],
        ['op', ',', 25],
        ['ident', 'x', 27],
      ],
    );
  });
});

function pick(translated: { limit?: number; offset: number }) {
  return { limit: translated.limit, offset: translated.offset };
}
