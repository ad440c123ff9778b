/*
 * Given the ECS deployment controller (absent = ECS) with DeploymentCircuitBreaker {Enable: true, Rollback: true} → compliant.
 * Given the ECS controller with a BLUE_GREEN, LINEAR or CANARY strategy and non-empty LifecycleHooks → compliant.
 * Given the CODE_DEPLOY controller → compliant (CodeDeploy rolls back blue/green deployments).
 * Given the ECS controller with the circuit breaker off, rollback off, or a hook strategy without hooks → non_compliant naming the gap.
 * Given the EXTERNAL controller, or an unknown controller, strategy, hooks or circuit breaker value → unknown.
 */
import { booleanOf } from "../../inventory/relations/containers";
import { ECS_SERVICE } from "../../inventory/relations/ecs";
import { asArray, isUnknown, pathOf } from "../../model/value";
import { compliant, defineRule, nonCompliant, type RuleOutcome, undecided } from "../rule";
import { counted, shown } from "./support";

const HOOK_STRATEGIES = new Set(["BLUE_GREEN", "LINEAR", "CANARY"]);

export const cicdGate = defineRule({
  itemId: "cicd-gate",
  resourceTypes: [ECS_SERVICE],
  readsTypes: [],
  evaluate(service) {
    const controller = pathOf(service.properties, "DeploymentController", "Type") ?? "ECS";
    if (isUnknown(controller)) return undecided(`deployment controller unknown: ${controller.reason}`);
    if (controller === "CODE_DEPLOY") return compliant("CodeDeploy blue/green deployments (rollback by CodeDeploy)");
    if (controller === "EXTERNAL")
      return undecided("EXTERNAL deployment controller: rollback is up to the external tool");
    if (controller !== "ECS") return undecided(`deployment controller ${shown(controller)} not recognised`);

    const deployment = service.properties.DeploymentConfiguration;
    if (isUnknown(deployment)) return undecided(`deployment configuration unknown: ${deployment.reason}`);
    const strategy = pathOf(deployment, "Strategy") ?? "ROLLING";
    if (isUnknown(strategy)) return undecided(`deployment strategy unknown: ${strategy.reason}`);
    if (typeof strategy === "string" && HOOK_STRATEGIES.has(strategy))
      return lifecycleHooks(strategy, pathOf(deployment, "LifecycleHooks"));
    if (strategy !== "ROLLING") return undecided(`deployment strategy ${shown(strategy)} not recognised`);
    return circuitBreaker(pathOf(deployment, "DeploymentCircuitBreaker"));
  },
});

const lifecycleHooks = (strategy: string, hooks: unknown): RuleOutcome => {
  if (isUnknown(hooks)) return undecided(`${strategy} lifecycle hooks unknown: ${hooks.reason}`);
  const count = asArray(hooks).length;
  if (count === 0)
    return nonCompliant(`${strategy} deployment without lifecycle hooks: nothing tests the new revision`);
  return compliant(`${strategy} deployment with ${counted(count, "lifecycle hook")}`);
};

const circuitBreaker = (breaker: unknown): RuleOutcome => {
  if (isUnknown(breaker)) return undecided(`circuit breaker unknown: ${breaker.reason}`);
  if (breaker === undefined) return nonCompliant("rolling deployment without the deployment circuit breaker");
  const enable = booleanOf(pathOf(breaker, "Enable"));
  const rollback = booleanOf(pathOf(breaker, "Rollback"));
  if (enable !== true && !isUnknown(enable)) return nonCompliant("deployment circuit breaker disabled");
  if (rollback !== true && !isUnknown(rollback)) return nonCompliant("deployment circuit breaker rollback off");
  if (isUnknown(enable)) return undecided(`circuit breaker enable unknown: ${enable.reason}`);
  if (isUnknown(rollback)) return undecided(`circuit breaker rollback unknown: ${rollback.reason}`);
  return compliant("rolling deployment with circuit breaker and rollback");
};
