import type { DocumentPlace } from "../types";
import { type MarkdownDocument, normaliseHeading } from "./markdown";

/** What a runbook lacks of the required sections: missing headings, and headings with nothing under them. */
export interface SectionGaps {
  readonly missing: readonly string[];
  readonly empty: readonly { readonly section: string; readonly place: DocumentPlace }[];
}

export const sectionGaps = (doc: MarkdownDocument, file: string, required: readonly string[]): SectionGaps => {
  const missing: string[] = [];
  const empty: { section: string; place: DocumentPlace }[] = [];
  for (const name of required) {
    const matches = doc.sections.filter((section) => normaliseHeading(section.heading) === normaliseHeading(name));
    if (matches.length === 0) missing.push(name);
    else if (!matches.some((section) => section.hasContent))
      empty.push({ section: name, place: { file, line: matches[0].line } });
  }
  return { missing, empty };
};

export const describeGaps = (gaps: SectionGaps): string =>
  [
    gaps.missing.length > 0 ? `lacks the section(s) ${gaps.missing.join(", ")}` : "",
    ...gaps.empty.map((gap) => `section ${gap.section} (${gap.place.file}:${gap.place.line}) is empty`),
  ]
    .filter(Boolean)
    .join("; ");

export const hasGaps = (gaps: SectionGaps): boolean => gaps.missing.length > 0 || gaps.empty.length > 0;
