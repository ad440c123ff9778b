export {
  createLiveClients,
  destroyLiveClients,
  type LiveClientOptions,
  type LiveClients,
  resolvedRegion,
} from "./clients";
export { collectLiveInventory, DEFAULT_CONCURRENCY, type LiveCollection, type LiveCollectOptions } from "./collect";
export {
  EndpointLacksApiError,
  LiveAccessDeniedError,
  LiveDeadlineError,
  LiveEndpointError,
  LiveApiError,
  LiveReadError,
  LiveResourceGoneError,
  translateSdkError,
} from "./errors";
export { LIVE_ACTIONS } from "./collectors";
export type { LiveProgress } from "./run";
export { DEFAULT_LIVE_DEADLINE_MS, formatDeadline, LiveDeadline, type PendingRequest } from "./deadline";
export { DEFAULT_LIVE_TIMEOUTS, type LiveTimeouts } from "./request-watch";
