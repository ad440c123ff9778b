import { ReadinessError } from "../../../kernel/errors";

/**
 * Why one AWS API could not be read. Each is raised at the call site with the IAM action
 * (`service:Action`) it concerns, so the report can say exactly what to grant or what the endpoint lacks.
 */
export class LiveReadError extends ReadinessError {
  constructor(
    readonly action: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${action}: ${reason}`, options);
  }
}

/** The credentials lack the permission for this action. */
export class LiveAccessDeniedError extends LiveReadError {
  constructor(action: string, options?: { cause?: unknown }) {
    super(action, `missing permission ${action}`, options);
  }
}

/** The endpoint (an emulator, usually) does not implement this action. */
export class EndpointLacksApiError extends LiveReadError {
  constructor(action: string, options?: { cause?: unknown }) {
    super(action, `endpoint lacks ${action}`, options);
  }
}

/** The resource asked about no longer exists (deleted between the list and the describe call). */
export class LiveResourceGoneError extends LiveReadError {
  constructor(action: string, detail: string, options?: { cause?: unknown }) {
    super(action, `${action}: not found (${detail})`, options);
  }
}

/** Any other failure of one action (a validation error, throttling that outlasted the retries). */
export class LiveApiError extends LiveReadError {
  constructor(action: string, detail: string, options?: { cause?: unknown }) {
    super(action, `${action} failed: ${detail}`, options);
  }
}

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedException",
  "AuthorizationError",
  "AuthorizationErrorException",
  "NotAuthorized",
]);

const NOT_IMPLEMENTED = new Set([
  "NotImplemented",
  "NotImplementedException",
  "UnknownOperationException",
  "InvalidAction",
  "UnsupportedOperation",
]);

/**
 * Failures that make the whole run meaningless (no network, no or bad credentials): these are
 * rethrown as they are, so the caller can explain them once instead of once per API.
 */
export const FATAL_NAMES: ReadonlySet<string> = new Set([
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "ExpiredToken",
  "ExpiredTokenException",
  "AuthFailure",
]);
export const FATAL_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

const shapeOf = (error: unknown): SdkErrorShape =>
  typeof error === "object" && error !== null ? (error as SdkErrorShape) : {};

/**
 * An endpoint that could not be reached, or that did not answer within the request timeout, after
 * the retries: fatal for the run, and named (host, action) so the user knows what to fix.
 */
/** LiveEndpointError's code for an endpoint that connected, has answered nothing in the run, and let a request time out. */
export const NO_ANSWER = "NO_ANSWER";

export class LiveEndpointError extends ReadinessError {
  constructor(
    /** The endpoint's origin, e.g. `https://ecs.eu-west-1.amazonaws.com` or `http://127.0.0.1:5000`. */
    readonly endpoint: string,
    readonly action: string,
    /** The network error code: ECONNREFUSED, ENOTFOUND, ETIMEDOUT (no answer in time), NO_ANSWER (never answered), … */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The whole live run outlasted its deadline (--deadline): it stops, naming what it was waiting for. */
export class LiveDeadlineError extends ReadinessError {
  constructor(
    readonly deadlineMs: number,
    /** The endpoint the oldest unanswered request went to; undefined when none was in flight. */
    readonly endpoint: string | undefined,
    /** That request's action (`ecs:ListClusters`), when one was in flight. */
    readonly waitingOn: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** A request made after its run ended (a retry, a queued read): refused, since the run's result is decided. */
export class LiveRunEndedError extends ReadinessError {}

export const isFatalLiveError = (error: unknown): boolean => {
  if (error instanceof LiveEndpointError || error instanceof LiveDeadlineError || error instanceof LiveRunEndedError)
    return true;
  const shape = shapeOf(error);
  const code = shape.code ?? shapeOf(shape.cause).code;
  return FATAL_NAMES.has(shape.name ?? "") || (code !== undefined && FATAL_CODES.has(code));
};

/**
 * An endpoint that lacks an API answers like moto does: HTTP 500 (or 404/501) with an HTML page the
 * SDK cannot parse, so the SDK throws a deserialization error carrying only `$metadata`.
 */
export const isUnparseableAnswer = (shape: SdkErrorShape): boolean => {
  const status = shape.$metadata?.httpStatusCode;
  const unparseable =
    shape.name === "SyntaxError" ||
    /Deserialization error|XML parse error|is not valid JSON|Unexpected token/i.test(shape.message ?? "");
  return unparseable && (status === undefined || status >= 400) && shape.$fault === undefined;
};

/** Translates an SDK error from one action into a typed read error; fatal errors are returned unchanged. */
export const translateSdkError = (error: unknown, action: string): LiveReadError | unknown => {
  if (error instanceof LiveReadError || isFatalLiveError(error)) return error;
  const shape = shapeOf(error);
  const name = shape.name ?? "";
  if (ACCESS_DENIED.has(name) || (shape.$metadata?.httpStatusCode === 403 && !isUnparseableAnswer(shape)))
    return new LiveAccessDeniedError(action, { cause: error });
  if (NOT_IMPLEMENTED.has(name) || isUnparseableAnswer(shape) || shape.$metadata?.httpStatusCode === 501)
    return new EndpointLacksApiError(action, { cause: error });
  const message = (shape.message ?? String(error)).split("\n")[0];
  if (/NotFound|NonExistent|NoSuchEntity|DoesNotExist/.test(name))
    return new LiveResourceGoneError(action, `${name}: ${message}`, { cause: error });
  return new LiveApiError(action, name && name !== "Error" ? `${name}: ${message}` : message, { cause: error });
};
