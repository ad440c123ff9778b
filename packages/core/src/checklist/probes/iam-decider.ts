import type { ItemId } from "../catalogue/items";
import type { PartDecider } from "../engine/engine";
import type { Scope } from "../engine/scope";
import { ECS_SERVICE } from "../inventory/relations/ecs";
import { IAM_ROLE } from "../inventory/relations/iam";
import type { Finding, PartResult, Status } from "../model/finding";
import type { Resource } from "../model/resource";
import type { TaskRole, TaskRoleGap } from "./task-roles";

export const IAM_PROBE_ITEM = "iam-least-privilege" satisfies ItemId;

/** What the simulation said about one task role. */
export interface RoleProbe {
  readonly role: TaskRole;
  readonly status: Status;
  /** Why, without the role's name ("allows iam:PassRole (must deny)", "endpoint lacks ..."). */
  readonly detail: string;
}

/** The probe over every task role of the inventory's services; the decider narrows it to the run's scope. */
export interface IamProbeResult {
  readonly roles: readonly RoleProbe[];
  readonly gaps: readonly TaskRoleGap[];
  /** Set when nothing was simulated on purpose (both action sets empty). */
  readonly skipped?: string;
}

type Decided = Omit<PartResult, "kind"> & { findings?: Finding[] };

/** What the probe said about one resource (a task role, by its id, ARN or an alias), when it was probed. */
export const roleProbeOf = (probe: IamProbeResult | undefined, subject: Resource): RoleProbe | undefined =>
  probe?.roles.find(
    (r) => r.role.arn === subject.id || r.role.resource?.id === subject.id || subject.aliases.includes(r.role.arn),
  );

/** Decides iam-least-privilege's probe part from a finished probe, for the task roles of the in-scope services. */
export const iamProbeDecider =
  (probe: IamProbeResult): PartDecider =>
  (item, kind, scope) =>
    item.id === IAM_PROBE_ITEM && kind === "probe" ? decideProbePart(probe, scope) : undefined;

export const decideProbePart = (probe: IamProbeResult, scope: Scope): Decided => {
  if (probe.skipped) return { status: "unknown", reason: probe.skipped };
  const inScope = new Set(scope.services.map((s) => s.resource.id));
  const roles = probe.roles.filter((r) => r.role.serviceIds.some((id) => inScope.has(id)));
  const gaps = probe.gaps.filter((g) => inScope.has(g.serviceId));
  const findings = [...roles.map(roleFinding), ...gaps.map(gapFinding)];
  if (roles.length === 0 && gaps.length === 0)
    return { status: "unknown", reason: "no in-scope service has a task role to simulate", findings };
  const failed = roles.filter((r) => r.status === "fail").length;
  const undecided = roles.filter((r) => r.status === "unknown");
  if (failed > 0)
    return {
      status: "fail",
      reason: `${failed} of ${roles.length} task roles fail SimulatePrincipalPolicy`,
      findings,
    };
  if (undecided.length > 0 || gaps.length > 0) {
    const why = [...new Set([...undecided.map((r) => r.detail), ...gaps.map((g) => g.reason)])];
    const head = undecided.length
      ? `${undecided.length} of ${roles.length} task roles could not be simulated`
      : "not every in-scope service's task role could be named";
    return { status: "unknown", reason: `${head}: ${why.join("; ")}`, findings };
  }
  return {
    status: "pass",
    reason: `${roles.length} task roles deny the must-deny actions and allow the must-allow actions`,
    findings,
  };
};

const roleFinding = ({ role, status, detail }: RoleProbe): Finding => ({
  resource: role.resource?.id ?? role.arn,
  type: IAM_ROLE,
  status,
  reason: `role ${role.name}: ${detail}`,
  kind: "probe",
  ...(role.resource?.location ? { location: role.resource.location } : {}),
});

const gapFinding = (gap: TaskRoleGap): Finding => ({
  resource: gap.serviceId,
  type: ECS_SERVICE,
  status: "unknown",
  reason: gap.reason,
  kind: "probe",
});
