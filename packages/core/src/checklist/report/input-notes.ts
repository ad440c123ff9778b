import type { InputNotes, MissingNestedStack, SamResource } from "../model/input";
import { isIncomplete } from "../model/input";
import type { SourceLocation } from "../model/resource";

/** "main.yaml:21", or "" when the place is unknown. */
export const placeText = (location: SourceLocation): string =>
  location.file ? `${location.file}${location.line ? `:${location.line}` : ""}` : "";

/** One line for a nested stack whose template was not read. */
export const missingNestedText = (missing: MissingNestedStack): string => {
  const where = placeText(missing.location);
  return `nested stack ${missing.resource}${where ? ` (${where})` : ""}: its template ${missing.templateUrl} was not found (${missing.reason}); none of its resources were checked`;
};

/** What to do about missing nested templates. */
export const MISSING_NESTED_HINT =
  "put each template where its TemplateURL's path ends, under the folder checked (or check the folder that holds them), or pass --allow-missing-nested to accept the gap";

/** One line for a SAM resource the check expanded. */
export const samResourceText = (sam: SamResource): string => {
  const checked = sam.expandedTo.length > 0 ? `checked as ${sam.expandedTo.join(", ")}` : "not checked";
  return `${sam.resource} (${sam.type}) ${checked}${sam.notModelled.length > 0 ? `; not modelled: ${sam.notModelled.join(", ")}` : ""}`;
};

/**
 * The clause the summary line gets when part of the input was not read: "; INCOMPLETE: 1 nested
 * stack not read" (failing the run), or "; 1 nested stack not read (accepted)" with --allow-missing-nested.
 */
export const incompleteClause = (notes: InputNotes | undefined): string => {
  const count = notes?.missingNestedStacks.length ?? 0;
  if (count === 0) return "";
  const what = `${count} nested stack${count === 1 ? "" : "s"} not read`;
  return isIncomplete(notes) ? `; INCOMPLETE: ${what}` : `; ${what} (accepted with --allow-missing-nested)`;
};
