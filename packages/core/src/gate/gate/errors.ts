import { InputError, ReadinessError } from "../../kernel/errors";
import { ResultsStoreError } from "../../kernel/results/errors";

/**
 * An event the gate cannot act on (not an ECS deployment state change, or a field missing or of the
 * wrong type). `field` names the JSON path; the message says what was found and how to fix it. The
 * SQS record fails, is retried, then lands in the DLQ, where the DLQ processor stores it.
 */
export class MalformedDeploymentEventError extends InputError {
  constructor(
    readonly field: string,
    problem: string,
    hint = "send the EventBridge event of aws.ecs / ECS Deployment State Change unchanged",
  ) {
    super(`malformed ECS deployment event: ${field}: ${problem}`, { file: "event", path: field }, hint);
  }
}

/** A lifecycle hook payload the hook cannot act on; ECS rolls the deployment back when the hook fails. */
export class MalformedHookPayloadError extends InputError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(
      `malformed ECS lifecycle hook payload: ${field}: ${problem}`,
      { file: "payload", path: field },
      "configure the function as an ECS deployment lifecycle hook (POST_TEST_TRAFFIC_SHIFT)",
    );
  }
}

/** Reading or writing the gate's records in the results table failed (the gate's stores raise it). */
export class GateStoreError extends ResultsStoreError {}

/** The outcome event could not be put on the bus: the gate fails so the message is retried. */
export class OutcomeEventError extends ReadinessError {}
