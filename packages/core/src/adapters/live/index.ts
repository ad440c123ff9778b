export { createLiveClients, destroyLiveClients, type LiveClientOptions, type LiveClients } from "./clients";
export { collectLiveInventory, DEFAULT_CONCURRENCY, type LiveCollection, type LiveCollectOptions } from "./collect";
export {
  EndpointLacksApiError,
  LiveAccessDeniedError,
  LiveApiError,
  LiveReadError,
  LiveResourceGoneError,
  translateSdkError,
} from "./errors";
export { LIVE_ACTIONS } from "./live-actions";
export type { LiveProgress } from "./run";
