import { ReadinessError } from "../kernel/errors";

/**
 * The Config event cannot be evaluated as given (missing or invalid JSON `invokingEvent`, unknown
 * `itemId`, bad rule parameters, unknown message type). `field` says where, `hint` how to fix.
 * The invocation fails with it: Config shows the rule's last error.
 */
export class MalformedEventError extends ReadinessError {
  constructor(
    message: string,
    readonly field: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`malformed Config event: ${field}: ${message} (${hint})`, options);
  }
}

/** Some evaluations were still refused by PutEvaluations after every retry. */
export class PutEvaluationsError extends ReadinessError {
  constructor(
    message: string,
    readonly failed: readonly { resourceType: string; resourceId: string }[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** AWS Config could not give the configuration of an oversized item (GetResourceConfigHistory). */
export class ConfigHistoryError extends ReadinessError {}

export { ResultsStoreError } from "../kernel/results/errors";
