import type { Inventory } from "../../inventory/inventory";
import { isDangling, serviceTaskDefinition } from "../../inventory/relations/ecs";
import type { Resource } from "../../model/resource";
import { isUnknown } from "../../model/value";
import { compliant, nonCompliant, type RuleOutcome, undecided } from "../rule";

/** Reasons become Config annotations: keep each one short enough to read in the console. */
export const REASON_LIMIT = 200;

/** Joins problems into one reason of at most `limit` characters: "a; b … and 3 more". */
export const joinProblems = (problems: readonly string[], limit = REASON_LIMIT): string => {
  const shown: string[] = [];
  let length = 0;
  for (const [index, problem] of problems.entries()) {
    const rest = problems.length - index - 1;
    const suffix = rest > 0 ? ` … and ${rest} more` : "";
    const separator = shown.length ? 2 : 0;
    if (length + separator + problem.length + suffix.length > limit) {
      if (shown.length === 0) return clip(problem, limit - suffix.length) + suffix;
      return `${shown.join("; ")} … and ${problems.length - shown.length} more`;
    }
    shown.push(problem);
    length += separator + problem.length;
  }
  return shown.join("; ");
};

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
    const note = this.notes.length ? clip(`; ${this.notes.join("; ")}`, REASON_LIMIT / 2) : "";
    const limit = REASON_LIMIT - note.length;
    if (this.failures.length) return nonCompliant(joinProblems(this.failures, limit) + note, resource);
    if (this.unknowns.length) return undecided(joinProblems(this.unknowns, limit) + note, resource);
    return compliant(clip(passReason, limit) + note, resource);
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

/** Display text for a value in a reason: quoted strings, clipped. */
export const shown = (value: unknown, max = 60): string =>
  clip(typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)), max);

/** "1 container", "2 containers". */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;
