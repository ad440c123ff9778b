import { FATAL_CODES, FATAL_NAMES } from "../adapters/live/errors";
import type { LiveProgress } from "../adapters/live/index";
import type { PartDecider } from "../engine/engine";
import { InputError, UsageError } from "../errors";
import { typesUsedBy } from "../rules/needs";
import { RULES } from "../rules/registry";
import { type CheckOutcome, type CheckSelection, checkInventory } from "./check-inventory";
import { isSelected, runLiveProbes, smokeEvidenceFrom } from "./live-probes";

export interface LiveCheckInput extends CheckSelection {
  readonly region?: string;
  readonly profile?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack); the CLI defaults it to AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /** ECS clusters to look in (--cluster, plus the clusters readiness.yml names). */
  readonly clusters?: readonly string[];
  /** One line per finished collection step ("ecs services: 2/2"). */
  readonly onProgress?: (message: string) => void;
  /**
   * The results table the deployment gate records its smoke runs in (--results-table): decides
   * post-deploy-smoke and idempotent-writes for the revisions the services run now.
   */
  readonly resultsTable?: string;
}

/**
 * Checks a live account or endpoint. The SDK-based collectors load lazily, so template checks and
 * the other commands never pay for the AWS SDK.
 */
export const checkLive = async (input: LiveCheckInput): Promise<CheckOutcome> => {
  const live = await import("../adapters/live/index");
  const clusters = unique([
    ...(input.clusters ?? []),
    ...input.config.services.flatMap((s) => (s.cluster ? [s.cluster] : [])),
  ]);
  const services = input.services?.length ? input.services : input.config.services.map((s) => s.service);
  const clients = live.createLiveClients({ region: input.region, profile: input.profile, endpoint: input.endpoint });
  let collected: Awaited<ReturnType<typeof live.collectLiveInventory>>;
  let probeDeciders: PartDecider[];
  try {
    collected = await live.collectLiveInventory(clients, {
      clusters: clusters.length ? clusters : undefined,
      services: services.length ? [...services] : undefined,
      types: typesToCollect(input),
      onProgress: input.onProgress ? progressLines(input.onProgress) : undefined,
    });
    probeDeciders = [
      ...(await runLiveProbes(clients.iam, collected.inventory, input, input.onProgress)),
      ...(input.resultsTable
        ? [await smokeEvidenceFrom(clients.dynamodb, input.resultsTable, collected.inventory, input)]
        : []),
    ];
  } catch (error) {
    throw explainLiveError(error, input.endpoint);
  } finally {
    // Open sockets would keep a short-lived CLI process alive.
    live.destroyLiveClients(clients);
  }
  const source = `live ${clients.source}`;
  const outcome = checkInventory({
    ...input,
    inventory: collected.inventory,
    source,
    unreadableTypes: collected.unreadableTypes,
    partDeciders: [...(input.partDeciders ?? []), ...probeDeciders],
  });
  return { ...outcome, warnings: [...collected.warnings, ...outcome.warnings] };
};

/**
 * With --only or --skip, the resource types the kept items' rules evaluate or read (ECS services
 * and task definitions are always collected: they root the scope); otherwise every type. A check of
 * one item then makes only the calls, and needs only the permissions, that item needs.
 */
export const typesToCollect = (selection: CheckSelection): readonly string[] | undefined => {
  if (!selection.only?.length && !selection.skip?.length) return undefined;
  return typesUsedBy((selection.rules ?? RULES).filter((rule) => isSelected(rule.itemId, selection)));
};

/** Collectors report every described resource; a person wants one line per finished step. */
const progressLines =
  (emit: (message: string) => void) =>
  (event: LiveProgress): void => {
    if (event.total === undefined) emit(`${event.step}: ${event.done}`);
    else if (event.done >= event.total) emit(`${event.step}: ${event.done}/${event.total}`);
  };

const unique = (values: readonly string[]): string[] => [...new Set(values)];

// The same errors the collectors treat as fatal for the whole run.
const CONNECTION_CODES = FATAL_CODES;
const CREDENTIAL_ERRORS = FATAL_NAMES;

/** Unreachable endpoints and missing or rejected credentials are the user's setup, not a bug: say how to fix them. */
export const explainLiveError = (error: unknown, endpoint?: string): unknown => {
  if (error instanceof InputError || !(error instanceof Error)) return error;
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
