import { ConfigFileError, type ReadinessConfig } from "@readiness/core";

/** Lambda's limit on a function's environment: 4 KB for all keys and values together. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

/**
 * Room kept for the other variables (table and rule names resolved at deploy time, SST's and
 * Powertools' own): readiness.yml as JSON may use the rest.
 */
export const ENVIRONMENT_RESERVE_BYTES = 1024;

/**
 * readiness.yml (parsed, defaults applied) as the JSON the gate's functions read from
 * READINESS_CONFIG_JSON. Too large a file fails the synth here rather than the deployment later.
 */
export const readinessConfigJson = (config: ReadinessConfig): string => {
  const json = JSON.stringify(config);
  const bytes = Buffer.byteLength(json, "utf8");
  const room = LAMBDA_ENVIRONMENT_LIMIT_BYTES - ENVIRONMENT_RESERVE_BYTES;
  if (bytes > room)
    throw new ConfigFileError(
      `post-deploy gate: readiness.yml is ${bytes} bytes as JSON, more than the ${room} bytes the gate's functions can take in their environment (Lambda allows ${LAMBDA_ENVIRONMENT_LIMIT_BYTES} in all)`,
      { file: "readiness.yml" },
      "drop services the gate need not watch, or move shared smoke settings to the top-level `smoke` instead of repeating them per service",
    );
  return json;
};
