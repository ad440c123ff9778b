export { createLiveClients, destroyLiveClients, type LiveClientOptions, type LiveClients } from "./clients";
export {
  collectLiveInventory,
  DEFAULT_CONCURRENCY,
  LIVE_ACTIONS,
  type LiveCollectOptions,
  type LiveCollection,
} from "./collect";
export {
  EndpointLacksApiError,
  LiveAccessDeniedError,
  LiveApiError,
  LiveReadError,
  LiveResourceGoneError,
  translateSdkError,
} from "./errors";
export type { LiveProgress } from "./run";
