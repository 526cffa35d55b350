import { devWarning } from '../../internal/dev-warning.js';
import type { ComplexAttributeConverter } from 'lit';

type VariablesConverter = ComplexAttributeConverter<Record<string, unknown> | undefined>;

/**
 * Reads `variables='{"customer_id":"acme"}'` for the element `tag`. Anything but a JSON object is
 * ignored (the element then runs without variables, with a dev-mode warning) rather than thrown
 * from attribute parsing, where nobody could catch it.
 */
export function variablesConverterFor(tag: string): VariablesConverter {
  return {
    fromAttribute(value: string | null) {
      if (value === null || value.trim() === '') return undefined;
      try {
        const parsed: unknown = JSON.parse(value);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          return parsed as Record<string, unknown>;
        }
      } catch {
        // Falls through: malformed JSON is treated like any other non-object.
      }
      devWarning(tag, 'ignores `variables`: it is not a JSON object.', value);
      return undefined;
    },
  };
}

export const variablesConverter = variablesConverterFor('ph-endpoint-chart');
