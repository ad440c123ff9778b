/** Probes: checks that ask a live account a question (here: IAM's policy simulator) rather than read its configuration. */
export {
  decideProbePart,
  IAM_PROBE_ITEM,
  type IamProbeResult,
  iamProbeDecider,
  type RoleProbe,
  roleProbeOf,
} from "./iam-decider";
export { type IamProbeOptions, probeTaskRoles } from "./iam-probe";
export { PROBE_ACTIONS, SIMULATE_ACTION } from "./actions";
export { type SimulatedDecisions, type Simulation, simulateRoleActions } from "./iam-simulate";
export { type ActionSets, actionsToSimulate, judgeRole, type RoleVerdict } from "./iam-verdict";
export { type TaskRole, type TaskRoleGap, type TaskRoles, taskRolesOfServices } from "./task-roles";
