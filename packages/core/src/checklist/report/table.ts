import type { CheckReport, ItemResult } from "../engine/engine";
import type { Finding, Status } from "../model/finding";
import { type InputNotes, isIncomplete } from "../model/input";
import { MISSING_NESTED_HINT, missingNestedText, samResourceText } from "./input-notes";
import { bySection, countStatuses, findingsWithStatus, rolesLine, STATUS_MARK, summaryLine } from "./summary";

export interface TableOptions {
  /** ANSI colours; the CLI turns them on only for a TTY without NO_COLOR or --no-color. */
  readonly color?: boolean;
}

type Paint = (text: string, code: number) => string;

const STATUS_COLOUR: Record<Status, number> = { pass: 32, fail: 31, unknown: 33 };

/** The checklist as CHECKLIST.md shows it: one line per item with ✓ ✗ ?, details under failed and unknown items. */
export const formatTable = (report: CheckReport, options: TableOptions = {}): string => {
  const paint: Paint = options.color ? (text, code) => `\u001b[${code}m${text}\u001b[0m` : (text) => text;
  const lines = [paint(`readiness: ${report.source}`, 1)];
  if (report.scope) lines.push(`scope: ${report.scope.description}`);
  const roles = rolesLine(report);
  if (roles) lines.push(`roles: ${roles}`);
  lines.push(...inputLines(report.input, paint));
  for (const [section, items] of bySection(report)) {
    lines.push("", paint(section, 1));
    for (const item of items) lines.push(...itemLines(item, paint));
  }
  lines.push("", summaryWithColour(report, paint));
  return `${lines.join("\n")}\n`;
};

/** What of the input was not read (✗, or ? once accepted), and which SAM resources were expanded (✓). */
const inputLines = (notes: InputNotes | undefined, paint: Paint): string[] => {
  if (!notes || (notes.missingNestedStacks.length === 0 && notes.samResources.length === 0)) return [];
  const lines = ["", paint("Input", 1)];
  const status: Status = notes.missingNestedAllowed ? "unknown" : "fail";
  for (const missing of notes.missingNestedStacks)
    lines.push(`  ${paint(STATUS_MARK[status], STATUS_COLOUR[status])} not read: ${missingNestedText(missing)}`);
  if (isIncomplete(notes)) lines.push(`      ${paint("fix:", 1)} ${MISSING_NESTED_HINT}`);
  for (const sam of notes.samResources)
    lines.push(`  ${paint(STATUS_MARK.pass, STATUS_COLOUR.pass)} SAM: ${samResourceText(sam)}`);
  return lines;
};

const itemLines = (item: ItemResult, paint: Paint): string[] => {
  const mark = paint(STATUS_MARK[item.status], STATUS_COLOUR[item.status]);
  const lines = [`  ${mark} ${item.title}  ${paint(`[${item.id}]`, 2)}`];
  if (item.status === "pass") return lines;
  const findings = findingsWithStatus(item);
  if (item.status === "unknown" || findings.length === 0) lines.push(`      ${item.summary}`);
  for (const finding of findings) lines.push(`      ${findingLine(finding)}`);
  if (item.status === "fail") lines.push(`      ${paint("fix:", 1)} ${item.remediation}`);
  return lines;
};

const findingLine = (finding: Finding): string => {
  const where = finding.location?.line ? ` ${finding.location.file ?? ""}:${finding.location.line}` : "";
  return `- ${finding.resource} (${finding.type}${where}): ${finding.reason}`;
};

const summaryWithColour = (report: CheckReport, paint: Paint): string => {
  const counts = countStatuses(report);
  const line = summaryLine(report);
  return counts.fail > 0 || isIncomplete(report.input)
    ? paint(line, 31)
    : counts.unknown > 0
      ? paint(line, 33)
      : paint(line, 32);
};
