import type { DocumentVerdict } from "../types";

/**
 * A decider never throws: the readers turn every malformed input they know of into a finding, and
 * this catches what they do not know of yet (a bug, an input nobody thought of). The verdict is
 * unknown, never a pass, and says which item and which files, so the run goes on and the report
 * shows where to look.
 */
export const neverThrows =
  <Input>(item: string, filesOf: (input: Input) => readonly string[], decide: (input: Input) => DocumentVerdict) =>
  (input: Input): DocumentVerdict => {
    try {
      return decide(input);
    } catch (error) {
      const files = filesOf(input).join(", ") || "no file";
      const reason = `${item}: readiness failed while reading ${files} (${(error as Error)?.message ?? String(error)}); this is a readiness bug, please report it with the file`;
      return { status: "unknown", reason, findings: [{ status: "unknown", reason }] };
    }
  };
