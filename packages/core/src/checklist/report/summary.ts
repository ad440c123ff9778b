import type { Section } from "../catalogue/items";
import type { CheckReport, ItemResult } from "../engine/engine";
import { describeRole } from "../engine/roles";
import type { Finding, Status } from "../model/finding";
import { incompleteClause } from "./input-notes";

export interface StatusCounts {
  readonly pass: number;
  readonly fail: number;
  readonly unknown: number;
}

export const countStatuses = (report: CheckReport): StatusCounts => {
  const counts = { pass: 0, fail: 0, unknown: 0 };
  for (const item of report.items) counts[item.status]++;
  return counts;
};

/**
 * "3 passed, 2 failed, 25 unknown of 30 items": the closing line of every human-readable format,
 * with "; INCOMPLETE: 1 nested stack not read" when part of the input was not read.
 */
export const summaryLine = (report: CheckReport): string => {
  const { pass, fail, unknown } = countStatuses(report);
  return `${pass} passed, ${fail} failed, ${unknown} unknown of ${report.items.length} items${incompleteClause(report.input)}`;
};

/** Items grouped by section, in the checklist's order. */
export const bySection = (report: CheckReport): [Section, ItemResult[]][] => {
  const groups = new Map<Section, ItemResult[]>();
  for (const item of report.items) {
    const group = groups.get(item.section);
    if (group) group.push(item);
    else groups.set(item.section, [item]);
  }
  return [...groups];
};

/** The findings worth showing for an item: the ones that explain its status (fail for a failed item, unknown for an unknown one). */
export const findingsWithStatus = (item: ItemResult, status: Status = item.status): Finding[] =>
  item.findings.filter((f) => f.status === status);

export const STATUS_MARK: Record<Status, string> = { pass: "✓", fail: "✗", unknown: "?" };

/**
 * "task-api → api (load balancer target: target group ApiTargets); cache → none (…)": the role each
 * in-scope service is judged as, and why. Undefined when the scope names no service.
 */
export const rolesLine = (report: CheckReport): string | undefined => {
  const roles = report.scope?.roles ?? [];
  if (roles.length === 0) return undefined;
  return roles
    .map(
      (note) =>
        `${note.service} → ${describeRole(note.role && note.source ? { role: note.role, source: note.source, evidence: note.evidence ?? "" } : undefined)}`,
    )
    .join("; ");
};
