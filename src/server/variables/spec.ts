/**
 * What a variable may hold: the five types PostHog's SQL variables have (String, Number, Boolean,
 * List, Date) plus the checks an operator can add in the config file. The same shape comes from
 * three places (the config file, PostHog's per-endpoint `openapi.json`, the endpoint definition), so
 * validation has one input whatever the source.
 */
import { z } from 'zod';

export const VARIABLE_TYPES = ['String', 'Number', 'Boolean', 'List', 'Date'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface VariableSpec {
  /** Undefined when the source does not say: any string, number, boolean, null or list of strings. */
  type?: VariableType;
  required?: boolean;
  enum?: ReadonlyArray<string | number>;
  /** Number: the smallest value. String: the shortest length. List: the fewest items. */
  min?: number;
  /** Number: the largest value. String: the longest length. List: the most items. */
  max?: number;
  /** A regular expression the whole string (each item of a List) must match. */
  pattern?: string;
  /** The longest string (each item of a List). */
  maxLength?: number;
}

/** The variables an endpoint takes; anything else is refused. */
export interface VariableSchema {
  readonly variables: ReadonlyMap<string, VariableSpec>;
  /** Where the schema came from, for logs and `ph-embed check`. */
  readonly source: 'config' | 'openapi' | 'definition';
}

/** PostHog's `code_name` rule plus what breakdown properties use (`$browser`, `$feature/flag-key`). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_$][A-Za-z0-9_$./:-]{0,199}$/;

const MAX_PATTERN_LENGTH = 500;

const pattern = z
  .string()
  .max(MAX_PATTERN_LENGTH, `must be at most ${MAX_PATTERN_LENGTH} characters`)
  .refine((value) => {
    try {
      new RegExp(value, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/** One variable in the config file: `{"type": "String", "required": true, "enum": ["a", "b"]}`. */
export const variableSpecSchema = z
  .strictObject({
    type: z.enum(VARIABLE_TYPES, `must be one of ${VARIABLE_TYPES.join(', ')}`),
    required: z.boolean('must be true or false').optional(),
    enum: z
      .array(z.union([z.string().max(1000), z.number().finite()]), 'must be a list of strings or numbers')
      .min(1, 'must list at least one value')
      .max(1000, 'must list at most 1000 values')
      .optional(),
    min: z.number('must be a number').finite().optional(),
    max: z.number('must be a number').finite().optional(),
    pattern: pattern.optional(),
    maxLength: z.int('must be a whole number').min(1, 'must be 1 or more').max(1_000_000).optional(),
  })
  .superRefine((spec, ctx) => {
    const bounded = spec.min !== undefined || spec.max !== undefined;
    if (bounded && (spec.type === 'Boolean' || spec.type === 'Date')) {
      ctx.addIssue({ code: 'custom', message: 'min and max apply to Number, String and List only' });
    }
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      ctx.addIssue({ code: 'custom', message: 'min must not be larger than max', path: ['min'] });
    }
    if (
      (spec.pattern !== undefined || spec.maxLength !== undefined) &&
      !['String', 'List'].includes(spec.type)
    ) {
      ctx.addIssue({ code: 'custom', message: 'pattern and maxLength apply to String and List only' });
    }
  });

/** An endpoint's variables in the config file, by name. */
export const variableSpecsSchema = z.record(z.string(), variableSpecSchema).superRefine((specs, ctx) => {
  for (const name of Object.keys(specs)) {
    if (!VARIABLE_NAME_PATTERN.test(name)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be variable names (a letter, _ or $, then up to 199 more)',
        path: [name],
      });
    }
  }
});

export type ConfiguredVariables = z.output<typeof variableSpecsSchema>;

export function schemaFromConfig(variables: ConfiguredVariables): VariableSchema {
  return { variables: new Map(Object.entries(variables)), source: 'config' };
}
