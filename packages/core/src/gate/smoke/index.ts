export { formatDuration, backoffDelays, nextDelay } from "../../kernel/backoff";
export { type ParsedEndpoint, parseEndpoint } from "./endpoint";
export { SmokeConfigError } from "./errors";
export { grpcTransport } from "./grpc-transport";
export { httpTransport } from "./http-transport";
export { type MtlsProbeOptions, type MtlsProbeResult, probeMtls } from "./mtls-probe";
export { defaultOpenTransport, runSmokeTest, type SmokeDeps } from "./runner";
export { secretsManagerLoader } from "./secrets";
export {
  mergeSmokeSettings,
  resolveSmokeSettings,
  type SmokeConfigSource,
  type SmokeSettings,
  smokeSettingsSchema,
} from "../../checklist/config/smoke-settings";
export { expectedOutput, resolveSpec, reverse, SMOKE_DEFAULTS } from "./spec";
export { renderTimeline } from "./timeline";
export { loadClientTls, type SecretLoader, SecretUnavailableError } from "./tls-material";
export type * from "./transport";
export type * from "./types";
export { SMOKE_PROTOCOLS, TERMINAL_STATUSES } from "./types";
