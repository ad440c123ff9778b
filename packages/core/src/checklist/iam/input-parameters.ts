import type { ItemId } from "../catalogue/items";
import { DerivationError } from "./errors";

/** AWS Config's limit on a rule's InputParameters (the JSON text). */
export const MAX_INPUT_PARAMETERS_LENGTH = 1024;

/** A Config rule's input parameters: a flat map of strings (Config passes them to the function as JSON text). */
export type InputParameters = Readonly<Record<string, string>>;

/**
 * `{ itemId, ...params }` with every non-string value JSON-encoded (numbers "30", lists
 * '["a","b"]'), since Config input parameters are strings. The evaluator's
 * `parseRuleParameters` (config-rules/params.ts) reverses it: a string stays a string where the
 * parameter's schema accepts one, anything else is JSON-decoded.
 */
export const encodeInputParameters = (itemId: ItemId, params: Readonly<Record<string, unknown>>): InputParameters => {
  const encoded: Record<string, string> = { itemId };
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    encoded[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  const length = JSON.stringify(encoded).length;
  if (length > MAX_INPUT_PARAMETERS_LENGTH)
    throw new DerivationError(
      `input parameters of the Config rule for ${itemId} are ${length} characters, over AWS Config's ${MAX_INPUT_PARAMETERS_LENGTH}`,
      `shorten the rules.${itemId} values in readiness.yml (e.g. fewer or shorter list entries)`,
    );
  return encoded;
};
