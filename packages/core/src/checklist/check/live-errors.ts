import { FATAL_CODES, FATAL_NAMES, LiveDeadlineError, LiveEndpointError, NO_ANSWER } from "../adapters/live/errors";
import { InputError, UsageError } from "../../kernel/errors";

/** No region anywhere the SDK looks: every call would fail with "Region is missing". */
export const noRegionError = (): UsageError =>
  new UsageError(
    "no region: pass --region or set AWS_REGION",
    undefined,
    "or set `region` for the profile in the AWS config file (~/.aws/config)",
  );

/**
 * Not one read of a live run answered: the credentials may read nothing, or the endpoint has none
 * of the APIs. An empty inventory from such a run is not an account without resources.
 */
export class NothingReadError extends InputError {
  constructor(
    readonly source: string,
    /** Why each read failed, each reason once. */
    readonly reasons: readonly string[],
  ) {
    super(
      `nothing could be read from ${source}: ${[...reasons].sort().join("; ")}`,
      undefined,
      "each reason names the action that failed: grant the missing permissions, or fix --profile, --region or --endpoint-url",
    );
  }
}

// The same errors the collectors treat as fatal for the whole run.
const CONNECTION_CODES = FATAL_CODES;
const CREDENTIAL_ERRORS = FATAL_NAMES;

/**
 * Unreachable or silent endpoints, an exhausted deadline and missing or rejected credentials are the
 * user's setup, not a bug: say what happened, to which endpoint, and how to fix it.
 */
export const explainLiveError = (error: unknown, endpoint?: string, source?: string): unknown => {
  if (error instanceof InputError || !(error instanceof Error)) return error;
  const fixEndpoint = endpoint ? "check --endpoint-url / AWS_ENDPOINT_URL" : "check the network and --region";
  if (error instanceof LiveDeadlineError)
    return new UsageError(
      error.endpoint || !source ? error.message : `${error.message} (reading ${source})`,
      undefined,
      error.endpoint
        ? `the endpoint accepts connections but does not answer: ${fixEndpoint}, or give the check more time with --deadline (e.g. --deadline 10m)`
        : "give the check more time with --deadline (e.g. --deadline 10m), or narrow it with --cluster, --service or --only",
      { cause: error },
    );
  const refusedRegion = /^Region not accepted: region="([^"]*)"/.exec(error.message);
  if (refusedRegion)
    return new UsageError(
      `invalid region "${refusedRegion[1]}"`,
      undefined,
      "pass --region with a region code such as eu-west-1 (or fix AWS_REGION or the profile's region)",
      { cause: error },
    );
  if (error instanceof LiveEndpointError)
    return new UsageError(
      error.message,
      undefined,
      error.code === "ETIMEDOUT" || error.code === NO_ANSWER
        ? `the endpoint does not answer in time: ${fixEndpoint}`
        : endpoint
          ? "start the emulator or fix --endpoint-url / AWS_ENDPOINT_URL"
          : "check the network and --region",
      { cause: error },
    );
  // Errors that never reached the request watch (clients replaced by tests' mocks) carry only their code.
  const code = (error as NodeJS.ErrnoException).code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code;
  if (code && CONNECTION_CODES.has(code))
    return new UsageError(
      `cannot reach ${endpoint ?? "the AWS endpoint"}: ${code}`,
      undefined,
      endpoint ? "start the emulator or fix --endpoint-url / AWS_ENDPOINT_URL" : "check the network and --region",
      { cause: error },
    );
  if (CREDENTIAL_ERRORS.has(error.name))
    return new UsageError(
      `AWS credentials missing or rejected: ${error.name}: ${error.message.split("\n")[0]}`,
      undefined,
      "set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
      { cause: error },
    );
  return error;
};
