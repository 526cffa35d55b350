/**
 * Event and person property filters (PostHog's `properties`: a list, or AND/OR groups nesting further
 * groups) as a SQL condition. Values are always bound. Properties compare as text, numbers as
 * numbers, the way HogQL compares a property that has a numeric definition.
 *
 * Missing properties: positive operators (exact, icontains, regex, gt...) never match them and
 * negative ones (is_not, not_icontains, not_regex) always do, as in PostHog's usual `ifNull` wrapping.
 */
import { invalid, isObject, unsupported, type Json } from './input.js';
import { eventProperty, personProperty, type SqlParams } from './sql.js';

export const FILTER_OPERATORS = [
  'exact',
  'is_not',
  'icontains',
  'not_icontains',
  'regex',
  'not_regex',
  'gt',
  'lt',
  'gte',
  'lte',
  'is_set',
  'is_not_set',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Builds conditions and remembers whether any needs the person join (`persons AS p`). */
export class FilterBuilder {
  usesPersons = false;

  constructor(private readonly params: SqlParams) {}

  /** A property column: event properties of `e`, or person properties through `p`. */
  column(key: string, type: 'event' | 'person'): string {
    if (type === 'person') {
      this.usesPersons = true;
      return personProperty(key);
    }
    return eventProperty(key);
  }

  /** Any `properties` value: a filter list, a group, or nothing (TRUE). */
  condition(node: unknown, attr: string): string {
    if (node === undefined || node === null) return 'TRUE';
    if (Array.isArray(node)) return this.join(node, 'AND', attr);
    if (!isObject(node)) invalid(attr, 'must be a list or a group of property filters');
    if (node.type === 'AND' || node.type === 'OR') {
      if (!Array.isArray(node.values)) invalid(`${attr}.values`, 'must be a list');
      return this.join(node.values, node.type, `${attr}.values`);
    }
    return this.filter(node, attr);
  }

  private join(items: unknown[], op: 'AND' | 'OR', attr: string): string {
    const parts = items.map((item, i) => this.condition(item, `${attr}[${i}]`));
    if (parts.length === 0) return 'TRUE';
    return parts.length === 1 ? parts[0]! : `(${parts.join(` ${op} `)})`;
  }

  private filter(node: Json, attr: string): string {
    const type = node.type ?? 'event';
    if (type !== 'event' && type !== 'person') unsupported(`${attr}.type`, type);
    if (typeof node.key !== 'string' || node.key === '') invalid(`${attr}.key`, 'must be a property name');
    const operator = (node.operator ?? 'exact') as FilterOperator;
    if (!FILTER_OPERATORS.includes(operator)) unsupported(`${attr}.operator`, operator);
    const column = this.column(node.key, type);
    if (operator === 'is_set') return `(${column} IS NOT NULL)`;
    if (operator === 'is_not_set') return `(${column} IS NULL)`;
    const values = Array.isArray(node.value) ? node.value : [node.value];
    if (values.length === 0) return 'TRUE';
    values.forEach((value, i) =>
      checkValue(value, operator, Array.isArray(node.value) ? `${attr}.value[${i}]` : `${attr}.value`),
    );
    const tests = values.map((value) => this.test(column, operator, value as Scalar));
    const negative = operator === 'is_not' || operator === 'not_icontains' || operator === 'not_regex';
    // A negative operator over a list means "none of them"; a positive one, "any of them".
    return negative
      ? `coalesce(NOT (${tests.join(' OR ')}), TRUE)`
      : `coalesce((${tests.join(' OR ')}), FALSE)`;
  }

  /** The positive test for one value (negative operators negate it around the whole list). */
  private test(column: string, operator: FilterOperator, value: Scalar): string {
    switch (operator) {
      case 'exact':
      case 'is_not':
        return typeof value === 'number'
          ? `TRY_CAST(${column} AS DOUBLE) = ${this.params.bind(value)}`
          : `${column} = ${this.params.bind(textOf(value))}`;
      case 'icontains':
      case 'not_icontains':
        return `contains(lower(${column}), lower(${this.params.bind(textOf(value))}))`;
      case 'regex':
      case 'not_regex':
        return `regexp_matches(${column}, ${this.params.bind(textOf(value))})`;
      default:
        return `TRY_CAST(${column} AS DOUBLE) ${COMPARISONS[operator]} ${this.params.bind(Number(value))}`;
    }
  }
}

type Scalar = string | number | boolean;

const COMPARISONS: Record<string, string> = { gt: '>', lt: '<', gte: '>=', lte: '<=' };

/** A filter value as the text a property is compared with (`true` for true, `10` for 10). */
function textOf(value: Scalar): string {
  return String(value);
}

function checkValue(value: unknown, operator: FilterOperator, attr: string): void {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    invalid(attr, 'must be a string, number or boolean');
  }
  if (operator in COMPARISONS && !Number.isFinite(Number(value))) invalid(attr, `${operator} needs a number`);
  if (operator === 'regex' || operator === 'not_regex') {
    try {
      new RegExp(String(value));
    } catch {
      invalid(attr, 'is not a valid regular expression');
    }
  }
}
