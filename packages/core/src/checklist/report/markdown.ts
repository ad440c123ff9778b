import type { CheckReport, ItemResult } from "../engine/engine";
import { type InputNotes, isIncomplete } from "../model/input";
import { MISSING_NESTED_HINT, missingNestedText, samResourceText } from "./input-notes";
import { bySection, findingsWithStatus, rolesLine, summaryLine } from "./summary";

/** A Markdown checklist (for PR comments and job summaries): ticked items pass, the rest say why. */
export const formatMarkdown = (report: CheckReport): string => {
  const lines = [`# Production readiness: ${inline(report.source)}`, ""];
  if (report.scope) lines.push(`Scope: ${inline(report.scope.description)}`, "");
  const roles = rolesLine(report);
  if (roles) lines.push(`Roles: ${inline(roles)}`, "");
  lines.push(`**${summaryLine(report)}**`, ...inputLines(report.input));
  for (const [section, items] of bySection(report)) {
    lines.push("", `## ${section}`, "");
    for (const item of items) lines.push(...itemLines(item));
  }
  return `${lines.join("\n")}\n`;
};

/** What of the input was not read, and which SAM resources were expanded. */
const inputLines = (notes: InputNotes | undefined): string[] => {
  if (!notes || (notes.missingNestedStacks.length === 0 && notes.samResources.length === 0)) return [];
  const lines = ["", "## Input", ""];
  const label = notes.missingNestedAllowed ? "_not read (accepted)_" : "**not read**";
  for (const missing of notes.missingNestedStacks) lines.push(`- ${label}: ${inline(missingNestedText(missing))}`);
  if (isIncomplete(notes)) lines.push("", `  Fix: ${inline(MISSING_NESTED_HINT)}`);
  for (const sam of notes.samResources) lines.push(`- SAM: ${inline(samResourceText(sam))}`);
  return lines;
};

const LABEL = { pass: "", fail: "**failed**: ", unknown: "_unknown_: " } as const;

const itemLines = (item: ItemResult): string[] => {
  const box = item.status === "pass" ? "[x]" : "[ ]";
  const lines = [`- ${box} ${inline(item.title)} (\`${item.id}\`): ${LABEL[item.status]}${inline(item.summary)}`];
  const findings = item.status === "pass" ? [] : findingsWithStatus(item);
  if (findings.length > 0) {
    lines.push("", "  | Resource | Type | Location | Reason |", "  |---|---|---|---|");
    for (const f of findings) {
      const where = f.location?.file ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ""}` : "";
      lines.push(`  | ${cell(f.resource)} | ${cell(f.type)} | ${cell(where)} | ${cell(f.reason)} |`);
    }
    lines.push("");
  }
  if (item.status === "fail") lines.push(`  Fix: ${inline(item.remediation)}`, "");
  return lines;
};

/** Text on one line that cannot open HTML or break the list. */
const inline = (text: string): string => text.replace(/\r?\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A table cell: pipes and backslashes would split or escape the cell. */
const cell = (text: string): string => inline(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
