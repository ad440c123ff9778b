export { loadSmokeHistories } from "./load-smoke-histories";
export {
  IDEMPOTENT_WRITES_ITEM,
  POST_DEPLOY_SMOKE_ITEM,
  type RecordedSmoke,
  type ServiceSmokeHistory,
  smokeEvidenceDecider,
} from "./smoke-evidence";
