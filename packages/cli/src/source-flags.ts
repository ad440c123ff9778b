import { UsageError } from "@readiness/core/kernel/errors";
import { type AwsAccessFlags, awsEndpointOf } from "./command-io";
import { parseDuration } from "./commands/duration";
import type { CliIo } from "./io";

/** The flags that choose what a command reads: a template before deploy, or a running account. */
export interface SourceFlags extends AwsAccessFlags {
  readonly template?: string;
  readonly live?: boolean;
  readonly cluster?: readonly string[];
  readonly accountWide?: boolean;
  readonly deadline?: string;
  readonly parameter?: readonly string[];
}

/**
 * Exactly one source, and no flag of the other one (check and cost share it). `nothing` is the
 * message when neither is given; `liveOnly` and `templateOnly` add a command's own flags.
 */
export const validateSourceFlags = (
  flags: SourceFlags,
  options: {
    readonly nothing: string;
    readonly liveOnly?: ReadonlyArray<readonly [string, unknown]>;
    readonly templateOnly?: ReadonlyArray<readonly [string, unknown]>;
  },
): void => {
  if ((flags.template === undefined) === !flags.live)
    throw new UsageError(
      flags.live ? "--template and --live cannot be used together" : options.nothing,
      undefined,
      "pass exactly one of --template PATH (a template before deploy) or --live (a running account)",
    );
  if (flags.template !== undefined) {
    const liveOnly = [
      ["--profile", flags.profile],
      ["--endpoint-url", flags.endpointUrl],
      ["--cluster", flags.cluster?.length ? "set" : undefined],
      ["--account-wide", flags.accountWide ? "set" : undefined],
      ["--deadline", flags.deadline],
      ...(options.liveOnly ?? []),
    ].filter(([, value]) => value !== undefined);
    if (liveOnly.length > 0)
      throw new UsageError(
        `${liveOnly.map(([flag]) => flag).join(", ")} only applies with --live`,
        undefined,
        "drop it, or use --live",
      );
  }
  if (flags.live) {
    const templateOnly = [
      ["--parameter", flags.parameter?.length ? "set" : undefined],
      ...(options.templateOnly ?? []),
    ].filter(([, value]) => value !== undefined);
    for (const [flag] of templateOnly)
      throw new UsageError(`${flag} only applies with --template`, undefined, "drop it, or use --template");
  }
};

/** Where a --live run reads (--endpoint-url, else AWS_ENDPOINT_URL, else AWS) and its --deadline, said as progress. */
export const startLiveCollection = async (
  flags: SourceFlags,
  io: CliIo,
  progress: (message: string) => void,
): Promise<{ readonly endpoint: string | undefined; readonly deadlineMs: number }> => {
  const endpoint = awsEndpointOf(flags, io);
  const { DEFAULT_LIVE_DEADLINE_MS, formatDeadline } = await import("@readiness/core/checklist/adapters/live/deadline");
  const deadlineMs =
    flags.deadline === undefined ? DEFAULT_LIVE_DEADLINE_MS : parseDuration(flags.deadline, "--deadline");
  progress(`collecting resources from ${endpoint ?? "AWS"} (deadline ${formatDeadline(deadlineMs)})`);
  return { endpoint, deadlineMs };
};
