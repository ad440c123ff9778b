import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CheckReport } from "@readiness/core/checklist/engine/engine";

const STACKS_DOC = resolve(import.meta.dirname, "../../docs/stacks.md");
const SECTION = "## readiness on its own checklist";

/** A failure docs/stacks.md accepts: the item, the resource's logical id, and why. */
export interface AcceptedFailure {
  readonly item: string;
  readonly logicalId: string;
  readonly reason: string;
}

export interface SelfCheckDoc {
  readonly acceptedFailures: readonly AcceptedFailure[];
  /** Item ids documented as undecided for the stacks, with why. */
  readonly undecided: ReadonlyMap<string, string>;
}

/** The rows of the Markdown table under `heading`, each row's cells with backticks removed. */
const tableRows = (section: string, heading: string): string[][] => {
  const start = section.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/stacks.md has no "${heading}" under "${SECTION}"`);
  const lines = section.slice(start + heading.length + 2).split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim().replaceAll("`", "")),
    );
  }
  // The header and the |---| line.
  return rows.slice(2);
};

/** What docs/stacks.md says about readiness's checklist run over its own stacks. */
export const readSelfCheckDoc = (text: string = readFileSync(STACKS_DOC, "utf8")): SelfCheckDoc => {
  const start = text.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`docs/stacks.md has no "${SECTION}" section`);
  const next = text.indexOf("\n## ", start + SECTION.length + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  const acceptedFailures = tableRows(section, "### Accepted failures").map(([item, logicalId, reason]) => ({
    item: item ?? "",
    logicalId: logicalId ?? "",
    reason: reason ?? "",
  }));
  const undecided = new Map(
    tableRows(section, "### Not decided from a template").map(([item, why]) => [item ?? "", why ?? ""]),
  );
  return { acceptedFailures, undecided };
};

/** "Rules/EvaluatorDeadLetterQueueFD857EB7" → the logical id, as the docs name it (stacks share CDK's singletons). */
export const logicalIdOf = (resource: string): string => resource.slice(resource.lastIndexOf("/") + 1);

/** Every way the run and docs/stacks.md disagree; empty when the docs tell the truth. */
export const disagreements = (checked: CheckReport, doc: SelfCheckDoc): string[] => {
  const found: string[] = [];
  const failing = new Set(
    checked.items.flatMap((item) =>
      item.findings.filter((f) => f.status === "fail").map((f) => `${item.id} ${logicalIdOf(f.resource)}`),
    ),
  );
  const accepted = new Set(doc.acceptedFailures.map((a) => `${a.item} ${a.logicalId}`));
  for (const failure of failing)
    if (!accepted.has(failure)) found.push(`${failure} fails and docs/stacks.md does not accept it`);
  for (const failure of accepted)
    if (!failing.has(failure)) found.push(`${failure} is accepted in docs/stacks.md but does not fail`);
  for (const a of doc.acceptedFailures)
    if (a.reason === "") found.push(`${a.item} ${a.logicalId} is accepted without a reason`);
  for (const item of checked.items) {
    const documented = doc.undecided.has(item.id);
    if (item.status === "unknown" && !documented)
      found.push(`${item.id} is undecided (${item.summary}) and docs/stacks.md does not list it`);
    if (item.status !== "unknown" && documented) found.push(`${item.id} is listed as undecided but is ${item.status}`);
  }
  return found;
};
