/*
 * Given every container (minus exemptContainers, reported) with ReadonlyRootFilesystem true, a non-root User, Capabilities.Drop containing ALL and not Privileged → compliant.
 * Given a container with ReadonlyRootFilesystem false or absent, User absent or root (root, 0, 0:0, root:root, 0:<gid>, root:<group>), no drop of ALL, or Privileged true → non_compliant, one outcome listing every container problem.
 * Given one of those settings unknown → unknown (unless another problem already fails the task definition).
 * Given a task definition without containers → not_applicable.
 */
import { booleanOf, droppedCapabilities, isRootUser } from "../../inventory/relations/containers";
import { type Container, containersOf, ECS_TASK_DEFINITION } from "../../inventory/relations/ecs";
import { isUnknown } from "../../model/value";
import { defineRule, notApplicable, undecided } from "../rule";
import { counted, Problems } from "./support";

export const containerHardening = defineRule({
  itemId: "container-hardening",
  resourceTypes: [ECS_TASK_DEFINITION],
  readsTypes: [],
  evaluate(taskDefinition, { params }) {
    const containers = containersOf(taskDefinition);
    if (isUnknown(containers)) return undecided(`containers unknown: ${containers.reason}`);
    if (containers.length === 0) return notApplicable("no container definitions");

    const exempt = new Set(params.exemptContainers);
    const problems = new Problems();
    const checked = containers.filter((c) => !exempt.has(c.name));
    for (const container of checked) {
      const { failures, unknowns } = containerProblems(container);
      if (failures.length) problems.fail(`container ${container.name}: ${failures.join(", ")}`);
      if (unknowns.length) problems.unknown(`container ${container.name}: ${unknowns.join(", ")}`);
    }
    const exempted = containers.filter((c) => exempt.has(c.name)).map((c) => c.name);
    if (exempted.length) problems.note(`exempt: ${exempted.join(", ")}`);
    return problems.outcome(
      `${counted(checked.length, "container")}: read-only root, non-root user, drop ALL, not privileged`,
    );
  },
});

const containerProblems = (container: Container): { failures: string[]; unknowns: string[] } => {
  const failures: string[] = [];
  const unknowns: string[] = [];
  const definition = container.definition;

  const readonlyRoot = booleanOf(definition.ReadonlyRootFilesystem);
  if (isUnknown(readonlyRoot)) unknowns.push(`readonlyRootFilesystem unknown (${readonlyRoot.reason})`);
  else if (readonlyRoot !== true)
    failures.push(readonlyRoot === false ? "root filesystem writable" : "root filesystem writable (not set)");

  const user = definition.User;
  if (isUnknown(user)) unknowns.push(`user unknown (${user.reason})`);
  else if (user !== undefined && typeof user !== "string") failures.push("user is not a string");
  else if (isRootUser(user)) failures.push(user === undefined ? "user is root (not set)" : "user is root");

  const dropped = droppedCapabilities(container);
  if (isUnknown(dropped)) unknowns.push(`capabilities.drop unknown (${dropped.reason})`);
  else if (!dropped?.some((c) => typeof c === "string" && c.toUpperCase() === "ALL")) {
    if (dropped?.some(isUnknown)) unknowns.push("a dropped capability is unknown");
    else failures.push("capabilities not dropped (drop lacks ALL)");
  }

  const privileged = booleanOf(definition.Privileged);
  if (isUnknown(privileged)) unknowns.push(`privileged unknown (${privileged.reason})`);
  else if (privileged === true) failures.push("privileged");

  return { failures, unknowns };
};
