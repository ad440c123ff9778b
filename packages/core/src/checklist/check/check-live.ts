import { DEFAULT_LIVE_DEADLINE_MS } from "../adapters/live/deadline";
import type { LiveClients, LiveTimeouts } from "../adapters/live/index";
import type { PartDecider } from "../engine/engine";
import { accountOf } from "../cost/read-live";
import { typesUsedBy } from "../rules/needs";
import { RULES } from "../rules/registry";
import { type CheckOutcome, type CheckSelection, checkInventory } from "./check-inventory";
import { NothingReadError, noRegionError } from "./live-errors";
import { gatherLiveParts, isSelected } from "./live-probes";
import { progressLines, withLiveSession } from "./live-session";

export interface LiveCheckInput extends CheckSelection {
  readonly region?: string;
  readonly profile?: string;
  /** Any AWS-compatible endpoint (moto, LocalStack); the CLI defaults it to AWS_ENDPOINT_URL. */
  readonly endpoint?: string;
  /**
   * ECS clusters to look in (--cluster, plus the clusters readiness.yml names). They also restrict
   * the scope: the services of these clusters and what they use (see buildScope).
   */
  readonly clusters?: readonly string[];
  /** --account-wide: judge every resource read, not only what the clusters' services use. */
  readonly accountWide?: boolean;
  /** One line per finished collection step ("ecs services: 2/2"), and about long waits. */
  readonly onProgress?: (message: string) => void;
  /**
   * The results table the deployment gate records its smoke runs in (--results-table): decides
   * post-deploy-smoke and idempotent-writes for the revisions the services run now.
   */
  readonly resultsTable?: string;
  /** How long the whole run may take (--deadline), in ms; default DEFAULT_LIVE_DEADLINE_MS. */
  readonly deadlineMs?: number;
  /** Per-attempt connection and answer timeouts (default DEFAULT_LIVE_TIMEOUTS); no flag sets them. */
  readonly timeouts?: Partial<LiveTimeouts>;
}

export { DEFAULT_LIVE_DEADLINE_MS };

type LiveModule = typeof import("../adapters/live/index");

/**
 * Checks a live account or endpoint. The SDK-based collectors load lazily, so template checks and
 * the other commands never pay for the AWS SDK. The run refuses to start without a region, stops
 * at its deadline naming the endpoint it waited on, and fails when nothing at all could be read.
 */
export const checkLive = async (input: LiveCheckInput): Promise<CheckOutcome> => {
  const read = await withLiveSession(input, ({ live, clients, onProgress }) =>
    readAccount(live, clients, { ...input, onProgress }),
  );
  const outcome = checkInventory({
    ...input,
    clusters: read.clusters,
    inventory: read.collection.inventory,
    source: `live ${read.source}`,
    unreadableTypes: read.collection.unreadableTypes,
    partDeciders: [...(input.partDeciders ?? []), ...read.probeDeciders],
  });
  return { ...outcome, warnings: [...read.collection.warnings, ...outcome.warnings] };
};

interface AccountRead {
  /** The endpoint, or "AWS <region>". */
  readonly source: string;
  readonly clusters: readonly string[];
  readonly collection: Awaited<ReturnType<LiveModule["collectLiveInventory"]>>;
  readonly probeDeciders: readonly PartDecider[];
}

/** Everything the run reads: the inventory, then the probes and the recorded smoke runs that need it. */
const readAccount = async (live: LiveModule, clients: LiveClients, input: LiveCheckInput): Promise<AccountRead> => {
  const region = await live.resolvedRegion(clients);
  if (!region) throw noRegionError();
  const source = input.endpoint ?? `AWS ${region}`;
  const clusters = unique([
    ...(input.clusters ?? []),
    ...input.config.services.flatMap((s) => (s.cluster ? [s.cluster] : [])),
  ]);
  const services = input.services?.length ? input.services : input.config.services.map((s) => s.service);
  const collection = await live.collectLiveInventory(clients, {
    clusters: clusters.length ? clusters : undefined,
    services: services.length ? [...services] : undefined,
    types: typesToCollect(input),
    onProgress: input.onProgress ? progressLines(input.onProgress) : undefined,
  });
  if (collection.reads.succeeded === 0 && collection.reads.failed.length > 0)
    throw new NothingReadError(source, collection.reads.failed);
  const accountId = accountOf(collection.inventory);
  const probeDeciders = await gatherLiveParts(
    {
      ...(accountId ? { origin: { kind: "live", accountId, region } as const } : {}),
      iam: clients.iam,
      logs: clients.logs,
      dynamodb: clients.dynamodb,
      ...(input.resultsTable ? { resultsTable: input.resultsTable } : {}),
    },
    collection.inventory,
    input,
    input.onProgress,
  );
  return { source, clusters, collection, probeDeciders };
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

const unique = (values: readonly string[]): string[] => [...new Set(values)];
