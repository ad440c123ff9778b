import type { Inventory } from "../../inventory/inventory";
import { isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { compliant, nonCompliant, type RuleOutcome, undecided } from "../rule";

/**
 * Joins problems into one reason, every one of them: the table, JSON, Markdown, JUnit and SARIF
 * reports carry each finding in full. Only the AWS Config annotation is cut to Config's limit, and
 * that happens once, where the annotation is made (config-rules/annotation.ts), not here.
 */
export const joinProblems = (problems: readonly string[]): string => problems.join("; ");

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

/** Collects the failures and undecidable points of one subject, then turns them into one outcome. */
export class Problems {
  readonly failures: string[] = [];
  readonly unknowns: string[] = [];
  private notes: string[] = [];

  fail(reason: string): void {
    this.failures.push(reason);
  }

  unknown(reason: string): void {
    this.unknowns.push(reason);
  }

  /** Context added to the reason whatever the verdict (e.g. "exempt: envoy"). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** Any failure → non_compliant; otherwise any unknown → unknown; otherwise compliant with `passReason`. */
  outcome(passReason: string, resource?: Resource): RuleOutcome {
    const note = this.notes.length ? `; ${this.notes.join("; ")}` : "";
    if (this.failures.length) return nonCompliant(joinProblems(this.failures) + note, resource);
    if (this.unknowns.length) return undecided(joinProblems(this.unknowns) + note, resource);
    return compliant(passReason + note, resource);
  }
}

/** The task definition a service runs, or the outcome explaining why it cannot be read. */
export const runningTaskDefinition = (
  inventory: Inventory,
  service: Resource,
): { taskDefinition: Resource } | { outcome: RuleOutcome } => {
  if (service.properties.TaskDefinition === undefined)
    return { outcome: undecided("service names no task definition (task sets are not read)") };
  const resolved = serviceTaskDefinition(inventory, service);
  if (isUnknown(resolved)) return { outcome: undecided(`task definition unknown: ${resolved.reason}`) };
  if (isDangling(resolved)) return { outcome: undecided(`task definition ${resolved.dangling} not in the inventory`) };
  return { taskDefinition: resolved };
};

/** Display text for a configured value quoted in a reason (an endpoint, a controller name): clipped, since the value is context, not a finding. */
export const shown = (value: unknown, max = 60): string =>
  clip(typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)), max);

/** "1 container", "2 containers". */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;
