import { MalformedHookPayloadError } from "./errors";

/** The stage at which the hook smoke-tests: the green revision gets test traffic, no production traffic yet. */
export const TEST_STAGE = "POST_TEST_TRAFFIC_SHIFT";

/**
 * What ECS sends a lifecycle hook function (native blue/green, linear, canary deployments): the
 * service, the target service revision, the traffic weights, the stage, and the `hookDetails` of
 * the service's hook configuration (or of our previous IN_PROGRESS answer).
 */
export interface LifecycleHookPayload {
  /** One hook execution; stable across the IN_PROGRESS callbacks of one stage. */
  readonly executionId?: string;
  /** The service deployment ARN. */
  readonly resourceArn?: string;
  readonly lifecycleStage: string;
  readonly serviceArn: string;
  readonly targetServiceRevisionArn: string;
  readonly testTrafficWeights: Readonly<Record<string, number>>;
  readonly hookDetails: Readonly<Record<string, unknown>>;
}

export type HookStatus = "IN_PROGRESS" | "SUCCEEDED" | "FAILED";

export interface HookResponse {
  readonly hookStatus: HookStatus;
  /** Seconds until ECS calls again (IN_PROGRESS only). */
  readonly callBackDelay?: number;
  readonly hookDetails?: Record<string, unknown>;
}

/**
 * Validates the payload. `executionDetails` holds the deployment's fields; `lifecycleStage` may sit
 * beside it or inside it, both are read.
 */
export const parseHookPayload = (input: unknown): LifecycleHookPayload => {
  const payload = objectAt(input, "(payload)");
  const details = objectAt(payload.executionDetails, "executionDetails");
  const stage = payload.lifecycleStage ?? details.lifecycleStage;
  if (typeof stage !== "string" || stage === "")
    throw new MalformedHookPayloadError(
      "lifecycleStage",
      `expected a stage name such as ${TEST_STAGE}, got ${describe(stage)}`,
    );
  const serviceArn = details.serviceArn;
  if (typeof serviceArn !== "string" || !/^arn:aws[a-z-]*:ecs:[^:]+:\d{12}:service\//.test(serviceArn))
    throw new MalformedHookPayloadError(
      "executionDetails.serviceArn",
      `expected an ECS service ARN, got ${describe(serviceArn)}`,
    );
  const target = details.targetServiceRevisionArn;
  if (typeof target !== "string" || target === "")
    throw new MalformedHookPayloadError(
      "executionDetails.targetServiceRevisionArn",
      `expected the service revision ARN being deployed, got ${describe(target)}`,
    );
  const weights = details.testTrafficWeights ?? {};
  if (typeof weights !== "object" || weights === null || Array.isArray(weights))
    throw new MalformedHookPayloadError(
      "executionDetails.testTrafficWeights",
      `expected a map of revision ARN → percent, got ${describe(weights)}`,
    );
  const hookDetails = payload.hookDetails ?? {};
  if (typeof hookDetails !== "object" || hookDetails === null || Array.isArray(hookDetails))
    throw new MalformedHookPayloadError("hookDetails", `expected a JSON object, got ${describe(hookDetails)}`);
  return {
    ...(typeof payload.executionId === "string" ? { executionId: payload.executionId } : {}),
    ...(typeof payload.resourceArn === "string" ? { resourceArn: payload.resourceArn } : {}),
    lifecycleStage: stage,
    serviceArn,
    targetServiceRevisionArn: target,
    testTrafficWeights: weights as Record<string, number>,
    hookDetails: hookDetails as Record<string, unknown>,
  };
};

/** The key of one hook execution's state: the execution id, else the deployment and its target revision. */
export const hookExecutionKey = (payload: LifecycleHookPayload): string =>
  payload.executionId ??
  `${payload.resourceArn ?? payload.serviceArn}#${payload.targetServiceRevisionArn}#${payload.lifecycleStage}`;

const objectAt = (value: unknown, field: string): Record<string, unknown> => {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new MalformedHookPayloadError(field, `expected a JSON object, got ${describe(value)}`);
};

const describe = (value: unknown): string =>
  value === undefined ? "nothing (the field is missing)" : (JSON.stringify(value) ?? String(value)).slice(0, 80);
