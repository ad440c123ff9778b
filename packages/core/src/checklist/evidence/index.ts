export {
  IDEMPOTENT_WRITES_ITEM,
  idempotencyVerdict,
  POST_DEPLOY_SMOKE_ITEM,
  postDeployVerdict,
  type RecordedSmoke,
  type ServiceSmokeHistory,
  type SmokeVerdict,
  smokeEvidenceDecider,
} from "./smoke-evidence";
