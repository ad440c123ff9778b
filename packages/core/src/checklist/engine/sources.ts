import type { DocumentVerdictRecord } from "../../kernel/results/records/documents";
import type { EvidenceRecord } from "../../kernel/results/records/evidence";
import type { ChecklistItem, ItemId, ParamsOf } from "../catalogue/items";
import type { ReadinessConfig } from "../config/schema";
import type { RecordedSmoke } from "../evidence/smoke-evidence";
import type { Inventory } from "../inventory/inventory";
import type { IamProbeResult } from "../probes/iam-decider";
import type { LogSampler } from "../probes/logs/gather";
import type { ActionSets } from "../probes/iam-verdict";
import type { OtherKind, PartDecider } from "./item-evaluation";

/** The newest evidence recorded for an item and a service (by its ARN); undefined: none recorded. */
export type EvidenceReader = (serviceArn: string, itemId: ItemId) => Promise<EvidenceRecord | undefined>;
/** The newest document verdict published for an item and a service (by its ARN); undefined: none published. */
export type PublishedDocumentReader = (
  serviceArn: string,
  itemId: ItemId,
) => Promise<DocumentVerdictRecord | undefined>;

/** Runs SimulatePrincipalPolicy over the task roles of an inventory's services. */
export type RoleProber = (
  inventory: Inventory,
  sets: ActionSets,
  onProgress?: (message: string) => void,
) => Promise<IamProbeResult>;

export type { LogSampler } from "../probes/logs/gather";

/** The newest smoke run the gate recorded for a service's revision (undefined: none). */
export type SmokeRunReader = (serviceArn: string, revision: string) => Promise<RecordedSmoke | undefined>;

/**
 * What a run can reach besides the inventory. A source that needs something this run cannot reach
 * leaves its part undecided, and the part says what would decide it.
 */
/** What the run reads, for documents made from it (a cost estimate counts only for the same source). */
export type RunOrigin =
  | { readonly kind: "template"; readonly digest: string }
  | { readonly kind: "live"; readonly accountId: string; readonly region: string };

export interface SourceReach {
  /** Where the inventory came from: a template has no deployed account to ask. */
  readonly mode: "template" | "live" | "config-rule";
  /** The template's digest, or the live account and region (absent: not known). */
  readonly origin?: RunOrigin;
  /** The moment the run takes as now (deciders never read the clock; default: the real time). */
  readonly now?: Date;
  /** iam:SimulatePrincipalPolicy (a live account). */
  readonly probeRoles?: RoleProber;
  /** logs:FilterLogEvents (a live account): samples a log group's recent events. */
  readonly sampleLogs?: LogSampler;
  /** The results table the gate records its smoke runs in. */
  readonly readSmokeRun?: SmokeRunReader;
  /** The results table the evidence of load tests, drills and probes is recorded in. */
  readonly readEvidence?: EvidenceReader;
  /** The results table `readiness publish` stores document verdicts in (live runs without documents, Config rules). */
  readonly readPublishedDocument?: PublishedDocumentReader;
}

export interface GatherContext {
  readonly item: ChecklistItem;
  readonly kind: OtherKind;
  readonly inventory: Inventory;
  readonly params: ParamsOf<ItemId>;
  /** readiness.yml (a Config rule has none: the defaults, every service in scope). */
  readonly config: ReadinessConfig;
  /** The folder of the readiness.yml read: `documents` paths resolve against it (none: no file, no documents). */
  readonly configDir?: string;
  readonly reach: SourceReach;
  readonly onProgress?: (message: string) => void;
}

/**
 * What decides one non-config part of an item (a probe, recorded evidence, a document), declared in
 * the item's declaration (`sources`). It does its I/O once, before the engine runs, and answers
 * with the part decider that holds what it found; undefined leaves the part undecided. The CLI
 * (template and live runs) and the Config evaluator gather through this one interface.
 */
export interface PartSource {
  gather(context: GatherContext): Promise<PartDecider | undefined>;
}

/**
 * A probe of a live account. A template has no deployed role or log event to ask, so on a template
 * run the part stays undecided and says what run decides it (`onTemplate`); otherwise `gather`.
 */
export const liveProbe = (onTemplate: string, gather: PartSource["gather"]): PartSource => ({
  gather: async (context) => (context.reach.mode === "template" ? undecidedPart(context, onTemplate) : gather(context)),
});

const undecidedPart =
  ({ item, kind }: Pick<GatherContext, "item" | "kind">, reason: string): PartDecider =>
  (decided, decidedKind) =>
    decided.id === item.id && decidedKind === kind ? { status: "unknown", reason } : undefined;

/** The part deciders of these items' declared sources, gathered one after the other. */
export const gatherPartDeciders = async (
  items: readonly ChecklistItem[],
  context: Omit<GatherContext, "item" | "kind" | "params"> & { readonly params: (id: ItemId) => ParamsOf<ItemId> },
): Promise<PartDecider[]> => {
  const deciders: PartDecider[] = [];
  for (const item of items)
    for (const [kind, source] of Object.entries(item.sources ?? {}) as [OtherKind, PartSource][]) {
      const decider = await source.gather({ ...context, item, kind, params: context.params(item.id) });
      if (decider) deciders.push(decider);
    }
  return deciders;
};
