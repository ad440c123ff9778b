import { loadTemplateInventory } from "../adapters/template/index";
import type { ReadinessConfig } from "../config/schema";
import { buildScope, ScopeError, type ScopeOptions } from "../engine/scope";
import { UsageError } from "../../kernel/errors";
import type { Inventory } from "../inventory/inventory";
import type { LiveSessionOptions } from "../check/live-session";
import { digestTemplateFiles } from "./digest";
import { type EstimateDocument, type MadeFrom, toEstimateDocument } from "./document";
import { estimateCost } from "./estimate";
import { pricesFor } from "./prices";

/** The default region of a template estimate, as of a template check (`AWS::Region`). */
export const DEFAULT_TEMPLATE_REGION = "us-east-1";

interface CostRunInput {
  /** readiness.yml: the services that root the scope, and the `cost:` assumptions. */
  readonly config: ReadinessConfig;
  readonly onProgress?: (message: string) => void;
  /** When the estimate is made (default now). */
  readonly now?: Date;
}

export interface TemplateCostInput extends CostRunInput {
  /** A template file, or a directory (cdk.out / SST build output). */
  readonly path: string;
  readonly parameters?: Readonly<Record<string, string>>;
  /** The region whose prices apply, also the template's AWS::Region (default us-east-1). */
  readonly region?: string;
}

export interface LiveCostInput extends CostRunInput, LiveSessionOptions {
  /** --cluster; readiness.yml's services[].cluster are added. */
  readonly clusters?: readonly string[];
  /** --account-wide: every resource read is estimated, not only what the services use. */
  readonly accountWide?: boolean;
}

export interface CostOutcome {
  readonly document: EstimateDocument;
  /** What the user should know: template features ignored, stand-ins the estimate used. */
  readonly warnings: readonly string[];
}

/** An estimate from a template before deploy; bad templates throw TemplateError (exit 2). */
export const costFromTemplate = async (input: TemplateCostInput): Promise<CostOutcome> => {
  const region = input.region ?? DEFAULT_TEMPLATE_REGION;
  pricesFor(region); // an unpriced region is refused before anything is read
  const loaded = await loadTemplateInventory(input.path, {
    region,
    parameters: input.parameters ? { ...input.parameters } : undefined,
  });
  input.onProgress?.(
    `loaded ${loaded.inventory.size} resource${loaded.inventory.size === 1 ? "" : "s"} from ${loaded.files.length} template file${loaded.files.length === 1 ? "" : "s"}`,
  );
  const madeFrom: MadeFrom = { kind: "template", digest: await digestTemplateFiles(loaded.files), files: loaded.files };
  return estimateOf(input, loaded.inventory, region, madeFrom, {}, loaded.warnings);
};

/** An estimate from a live account or endpoint, with the same scope a live check has. */
export const costFromLive = async (input: LiveCostInput): Promise<CostOutcome> => {
  if (input.region) pricesFor(input.region);
  const clusters = [
    ...new Set([...(input.clusters ?? []), ...input.config.services.flatMap((s) => (s.cluster ? [s.cluster] : []))]),
  ];
  const services = input.config.services.map((s) => s.service);
  const { readLiveForCost } = await import("./read-live");
  const read = await readLiveForCost({ ...input, clusters, services });
  pricesFor(read.region);
  const madeFrom: MadeFrom = {
    kind: "live",
    accountId: read.accountId,
    region: read.region,
    ...(input.endpoint ? { endpoint: input.endpoint } : {}),
  };
  return estimateOf(
    input,
    read.inventory,
    read.region,
    madeFrom,
    { clusters, accountWide: input.accountWide },
    read.warnings,
  );
};

const estimateOf = (
  input: CostRunInput,
  inventory: Inventory,
  region: string,
  madeFrom: MadeFrom,
  scopeOptions: ScopeOptions,
  readWarnings: readonly string[],
): CostOutcome => {
  let scope: ReturnType<typeof buildScope>;
  try {
    scope = buildScope(inventory, input.config, scopeOptions);
  } catch (error) {
    if (error instanceof ScopeError) throw new UsageError(error.message, undefined, error.hint, { cause: error });
    throw error;
  }
  input.onProgress?.(`estimating ${scope.summary.description} with ${region} prices`);
  const estimate = estimateCost({ inventory, scope, settings: input.config.cost, region });
  const document = toEstimateDocument(estimate, {
    madeFrom,
    createdAt: input.now ?? new Date(),
    scope: scope.summary.description,
  });
  return { document, warnings: [...readWarnings, ...estimate.warnings] };
};
