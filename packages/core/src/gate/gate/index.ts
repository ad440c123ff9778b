export {
  createGateClients,
  type GateClients,
  type GateOverrides,
} from "./clients";
export {
  type DeadLetter,
  type DeadLetterDeps,
  type DeadLetterRecord,
  listDeadLetters,
  processDeadLetter,
  processDeadLetters,
} from "./dead-letters";
export { GateEcsError, runningRevision, stopDeploymentWithRollback, updateServiceTo } from "./ecs";
export { GateStoreError, MalformedDeploymentEventError, MalformedHookPayloadError, OutcomeEventError } from "./errors";
export {
  DEPLOYMENT_EVENT_NAMES,
  type DeploymentEventName,
  type EcsDeploymentEvent,
  parseDeploymentEvent,
  parseDeploymentMessage,
  serviceNamesOf,
} from "./event";
export { createGate, type Gate, type GateDeps, type GateStep, type GateStepName } from "./gate";
export { createLifecycleHook, type HookDeps, type LifecycleHook } from "./hook";
export {
  type HookResponse,
  type HookStatus,
  hookExecutionKey,
  type LifecycleHookPayload,
  parseHookPayload,
  TEST_STAGE,
} from "./hook-payload";
export {
  emitOutcome,
  type GateOutcome,
  type GateVerdict,
  OUTCOME_DETAIL_TYPE,
  OUTCOME_SOURCE,
  outcomeDetail,
  putOutcomeEvent,
  startPostDeployEvaluation,
} from "./outcome";
export {
  ECS_NATIVE_TARGET,
  GateRunsStore,
  lastKnownGoodOf,
  type PendingRollback,
  type Provenance,
  type RevisionTally,
  type RollbackMethod,
  type RollbackRecord,
  type RunRecord,
  serviceKey,
} from "./runs-store";
export {
  findGateService,
  type GateService,
  gateServicesFromConfig,
  planGate,
} from "../../checklist/config/gate-services";
export { type GateSettings, readGateSettings } from "./settings";
export { type SmokeTest, smokeSafely } from "./smoke-safely";
