import { devWarning } from './dev-warning.js';
import type { ComplexAttributeConverter } from 'lit';

/**
 * Reads `variables='{"customer_id":"acme"}'`. Anything but a JSON object is ignored (the element
 * then runs without variables, with a dev-mode warning) rather than thrown from attribute
 * parsing, where nobody could catch it.
 */
export const variablesConverter: ComplexAttributeConverter<Record<string, unknown> | undefined> = {
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
    devWarning('ph-endpoint-chart', 'ignores `variables`: it is not a JSON object.', value);
    return undefined;
  },
};
