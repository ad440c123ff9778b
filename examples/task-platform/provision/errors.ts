import { ReadinessError } from "@readiness/core/kernel/errors";

/** Provisioning could not complete: what failed, on which resource, and how to fix it. */
export class ProvisionError extends ReadinessError {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(hint ? `${message}\n  hint: ${hint}` : message, options);
  }
}

/** A property was set through the SDK, but reading it back shows something else. */
export class VerificationError extends ProvisionError {
  constructor(
    readonly resource: string,
    readonly property: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(
      `${resource}: ${property} is still ${JSON.stringify(actual)} after setting it to ${JSON.stringify(expected)}`,
      "the endpoint accepted the change but does not keep it; check the endpoint's support for this property",
    );
  }
}

/** Teardown left resources behind. */
export class TeardownIncompleteError extends ProvisionError {
  constructor(readonly leftovers: readonly string[]) {
    super(
      `teardown left ${leftovers.length} resources: ${leftovers.join(", ")}`,
      "delete them by hand, then re-run teardown",
    );
  }
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const shapeOf = (error: unknown): SdkErrorShape =>
  typeof error === "object" && error !== null ? (error as SdkErrorShape) : {};

/**
 * The endpoint does not implement the API: moto answers an unimplemented action with HTTP 500 and
 * an HTML page, which the SDK reports as a deserialization error.
 */
export const isMissingApi = (error: unknown): boolean => {
  const { $metadata, message } = shapeOf(error);
  return $metadata?.httpStatusCode === 500 && /Deserialization error|<html|<!DOCTYPE/i.test(message ?? "");
};

/** The SDK error says the resource does not exist (names vary by service). */
export const isNotFound = (error: unknown): boolean => {
  const { name, message, $metadata } = shapeOf(error);
  if (/NotFound|NoSuch|DoesNotExist|NonExistent|Missing/i.test(name ?? "")) return true;
  if (/does not exist|not found|cannot be found|Unknown (queue|role)/i.test(message ?? "")) return true;
  return $metadata?.httpStatusCode === 404;
};

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
