import { MalformedDeploymentEventError } from "./errors";

export const DEPLOYMENT_EVENT_NAMES = [
  "SERVICE_DEPLOYMENT_IN_PROGRESS",
  "SERVICE_DEPLOYMENT_COMPLETED",
  "SERVICE_DEPLOYMENT_FAILED",
] as const;
export type DeploymentEventName = (typeof DEPLOYMENT_EVENT_NAMES)[number];

/**
 * An EventBridge `aws.ecs` / `ECS Deployment State Change` event, validated. The `detail` keeps
 * its EventBridge shape so the idempotency key (JMESPath `[detail.deploymentId, detail.eventName]`)
 * reads the same fields on the raw and the parsed event.
 */
export interface EcsDeploymentEvent {
  readonly id?: string;
  readonly source: "aws.ecs";
  readonly "detail-type": "ECS Deployment State Change";
  readonly time?: string;
  readonly region?: string;
  readonly account?: string;
  readonly resources: readonly string[];
  /** resources[0]: the service's ARN. */
  readonly serviceArn: string;
  readonly detail: {
    readonly eventType: string;
    readonly eventName: DeploymentEventName;
    readonly deploymentId: string;
    readonly updatedAt: string;
    readonly reason: string;
  };
}

const SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/[^/\s]+(\/[^/\s]+)?$/;

/** Validates an ECS deployment state change event; throws `MalformedDeploymentEventError` naming the field. */
export const parseDeploymentEvent = (input: unknown): EcsDeploymentEvent => {
  const event = objectAt(input, "(event)");
  if (event.source !== "aws.ecs") throw wrong("source", event.source, '"aws.ecs"');
  if (event["detail-type"] !== "ECS Deployment State Change")
    throw wrong("detail-type", event["detail-type"], '"ECS Deployment State Change"');
  const resources = event.resources;
  if (!Array.isArray(resources) || resources.length === 0)
    throw new MalformedDeploymentEventError(
      "resources",
      `expected a list holding the service ARN, got ${describe(resources)}`,
    );
  const serviceArn = resources[0];
  if (typeof serviceArn !== "string" || !SERVICE_ARN.test(serviceArn))
    throw wrong(
      "resources[0]",
      serviceArn,
      "an ECS service ARN (arn:aws:ecs:<region>:<account>:service/<cluster>/<service>)",
    );
  const detail = objectAt(event.detail, "detail");
  const eventName = detail.eventName;
  if (typeof eventName !== "string" || !(DEPLOYMENT_EVENT_NAMES as readonly string[]).includes(eventName))
    throw wrong("detail.eventName", eventName, DEPLOYMENT_EVENT_NAMES.join(" | "));
  const deploymentId = text(detail, "deploymentId");
  const updatedAt = text(detail, "updatedAt");
  if (Number.isNaN(Date.parse(updatedAt))) throw wrong("detail.updatedAt", updatedAt, "an ISO 8601 time");
  return {
    ...(typeof event.id === "string" ? { id: event.id } : {}),
    source: "aws.ecs",
    "detail-type": "ECS Deployment State Change",
    ...(typeof event.time === "string" ? { time: event.time } : {}),
    ...(typeof event.region === "string" ? { region: event.region } : {}),
    ...(typeof event.account === "string" ? { account: event.account } : {}),
    resources: resources.filter((r): r is string => typeof r === "string"),
    serviceArn,
    detail: {
      eventType: typeof detail.eventType === "string" ? detail.eventType : "INFO",
      eventName: eventName as DeploymentEventName,
      deploymentId,
      updatedAt,
      // ECS always sends a reason; an absent one is not worth refusing the event for.
      reason: typeof detail.reason === "string" ? detail.reason : "",
    },
  };
};

// The results table keys records by these names too (kernel/results/layout.ts), so the parse lives in the model.
export { serviceNamesOf } from "../../kernel/ecs-arn";

const objectAt = (value: unknown, field: string): Record<string, unknown> => {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new MalformedDeploymentEventError(field, `expected a JSON object, got ${describe(value)}`);
};

const text = (detail: Record<string, unknown>, key: string): string => {
  const value = detail[key];
  if (typeof value === "string" && value.trim() !== "") return value;
  throw wrong(`detail.${key}`, value, "a non-empty string");
};

const wrong = (field: string, value: unknown, expected: string): MalformedDeploymentEventError =>
  new MalformedDeploymentEventError(field, `expected ${expected}, got ${describe(value)}`);

const describe = (value: unknown): string => {
  if (value === undefined) return "nothing (the field is missing)";
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
};

/** An SQS message body holding the event: JSON, then `parseDeploymentEvent`. */
export const parseDeploymentMessage = (body: string): EcsDeploymentEvent => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new MalformedDeploymentEventError("(body)", `the SQS message body is not JSON: ${(error as Error).message}`);
  }
  return parseDeploymentEvent(json);
};
