import { type DocumentFinding, type DocumentVerdict, verdictOf } from "../types";
import { readMarkdown } from "./markdown";
import type { RunbookLibrary } from "./resolve";
import { describeGaps, hasGaps, sectionGaps } from "./sections";

/**
 * rollback-tested, document part.
 * Given the runbooks folder,
 * Then a runbook is titled (front matter `title`, else its first level-1 heading) or tagged
 * (front matter `tags`) as the rollback procedure, and has every required section, none empty.
 * No runbooks folder configured decides nothing (unknown).
 */
/** "Rollback", "roll back", "roll-back", "rolling back", "rollbacks", as whole words. */
const ROLLBACK_WORDS = /\broll(?:ing|ed)?[\s-]*backs?\b/i;

const isRollbackRunbook = (title: string | undefined, tags: readonly string[]): boolean =>
  tags.some((tag) => /^roll[\s-]*backs?$/i.test(tag.trim())) || ROLLBACK_WORDS.test(title ?? "");

export const decideRollbackRunbook = (
  input: { readonly runbooks?: RunbookLibrary },
  params: { readonly requiredSections: readonly string[] },
): DocumentVerdict => {
  if (!input.runbooks)
    return verdictOf([{ status: "unknown", reason: "no runbooks folder configured (documents.runbooks)" }], "");
  const candidates = input.runbooks.files
    .map((file) => ({ file, doc: readMarkdown(file.text) }))
    .filter(({ doc }) => isRollbackRunbook(doc.title, doc.tags));
  if (candidates.length === 0)
    return verdictOf(
      [
        {
          status: "fail",
          reason: `no runbook titled or tagged as the rollback procedure among the ${input.runbooks.files.length} runbook(s) in ${input.runbooks.folder}`,
        },
      ],
      "",
    );
  const findings: DocumentFinding[] = [];
  for (const { file, doc } of candidates) {
    const gaps = sectionGaps(doc, file.path, params.requiredSections);
    if (!hasGaps(gaps))
      return verdictOf(
        [{ status: "pass", reason: `rollback runbook ${file.path}`, place: { file: file.path } }],
        `rollback runbook ${file.path} has the sections ${params.requiredSections.join(", ")}`,
      );
    findings.push({
      status: "fail",
      reason: `rollback runbook ${file.path} ${describeGaps(gaps)}`,
      place: { file: file.path },
    });
  }
  return verdictOf(findings, "");
};
