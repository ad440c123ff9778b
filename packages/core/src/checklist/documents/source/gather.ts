import { alertsDefinedItem } from "../../catalogue/alerts-defined";
import { runbooksItem } from "../../catalogue/runbooks";
import { documentsOfService, type DocumentPaths, hasDocuments } from "../../config/documents-schema";
import type { ReadinessConfig } from "../../config/schema";
import { worstStatus } from "../../engine/engine";
import type { PartDecider } from "../../engine/item-evaluation";
import type { ScopedService } from "../../engine/scope";
import type { GatherContext } from "../../engine/sources";
import { isDeadLetterQueue } from "../../inventory/relations/dead-letters";
import { queueNameOf, SQS_QUEUE } from "../../inventory/relations/sqs";
import type { Finding, Status } from "../../model/finding";
import type { PublishedQueueDepth, PublishedSignal } from "../../../kernel/results/records/documents";
import { type DocumentSet, loadDocumentSet } from "./document-set";
import { itemDecision } from "./decision";
import type { DocumentDecider, DocumentRun, DocumentService } from "./run";

/** The services that share one set of documents (the top level's, or a service's override). */
interface DocumentGroup {
  readonly set: DocumentSet;
  /** readiness.yml's services (their names) that read this set; the top-level group also takes undeclared ones. */
  readonly services: ReadonlySet<string>;
}

interface Groups {
  readonly top: DocumentGroup;
  readonly byService: ReadonlyMap<string, DocumentGroup>;
}

/** Every item of a run reads the same documents: they are read once per readiness.yml and folder. */
const cache = new WeakMap<ReadinessConfig, Map<string, Promise<Groups>>>();

const declaredName = (service: ReadinessConfig["services"][number]): string => service.name ?? service.service;

const loadGroups = async (config: ReadinessConfig, root: string | undefined): Promise<Groups> => {
  const sets = new Map<string, { paths: DocumentPaths; services: Set<string> }>();
  const keyOf = (paths: DocumentPaths) => JSON.stringify(paths);
  const top = documentsOfService(config.documents, undefined);
  sets.set(keyOf(top), { paths: top, services: new Set() });
  const serviceKeys = new Map<string, string>();
  for (const service of config.services) {
    const paths = documentsOfService(config.documents, service);
    const key = keyOf(paths);
    if (!sets.has(key)) sets.set(key, { paths, services: new Set() });
    sets.get(key)!.services.add(declaredName(service));
    serviceKeys.set(declaredName(service), key);
  }
  const groups = new Map<string, DocumentGroup>();
  await Promise.all(
    [...sets].map(async ([key, { paths, services }]) =>
      groups.set(key, { set: await loadDocumentSet(root, paths), services }),
    ),
  );
  return {
    top: groups.get(keyOf(top))!,
    byService: new Map([...serviceKeys].map(([name, key]) => [name, groups.get(key)!])),
  };
};

const groupsOf = (context: Pick<GatherContext, "config" | "configDir">): Promise<Groups> => {
  const byRoot = cache.get(context.config) ?? new Map<string, Promise<Groups>>();
  cache.set(context.config, byRoot);
  const root = context.configDir ?? "";
  let groups = byRoot.get(root);
  if (!groups) {
    groups = loadGroups(context.config, context.configDir);
    byRoot.set(root, groups);
  }
  return groups;
};

/** Every document file the run read for this readiness.yml (every group's), once each, in path order. */
export const documentFilesRead = async (context: Pick<GatherContext, "config" | "configDir">) => {
  const groups = await groupsOf(context);
  const sets = new Set([groups.top, ...groups.byService.values()].map((group) => group.set));
  const byPath = new Map([...sets].flatMap((set) => set.allFiles().map((file) => [file.path, file] as const)));
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
};

/**
 * The document source of one item: reads the documents readiness.yml names (once per run, shared
 * by every item), then decides the item's document part with its decider. Services that share
 * documents are decided together: with one set for all, the decision applies to the item (every
 * service and subject); with a service's own documents, each group is decided on its own and its
 * services carry its findings. Without a readiness.yml or a `documents` key, the decider says
 * which key to set (unknown). A run that reads no files (the Config evaluator; a live run whose
 * readiness.yml names no documents) decides from the verdicts `readiness publish` stored, when it
 * can reach them (published.ts); otherwise its part stays pending.
 */
export const gatherDocuments = async (
  context: GatherContext,
  decide: DocumentDecider,
): Promise<PartDecider | undefined> => {
  const reader = context.reach.readPublishedDocument;
  // A live run whose readiness.yml names no documents reads the published verdicts when it can
  // reach them; without them it says, as a template run does, which key to set.
  const readsFiles =
    context.reach.mode === "template" || (context.reach.mode === "live" && (hasDocuments(context.config) || !reader));
  if (!readsFiles) {
    if (!reader) return undefined;
    const { gatherPublished } = await import("./published");
    return gatherPublished(context, reader);
  }
  const groups = await groupsOf(context);
  const rules = context.config.rules as Record<string, unknown>;
  const runbookSections = runbooksItem.params.parse(rules.runbooks ?? {}).requiredSections as string[];
  const requiredAlerts = alertsDefinedItem.params.parse(rules["alerts-defined"] ?? {}).requiredAlerts as string[];
  const now = context.reach.now ?? new Date();
  const declared = new Map(context.config.services.map((s) => [declaredName(s), s]));
  const { item: forItem, kind: forKind } = context;
  return (item, kind, scope) => {
    if (item.id !== forItem.id || kind !== forKind) return undefined;
    const queues = context.inventory
      .ofType(SQS_QUEUE)
      .filter((queue) => scope.includes(queue))
      .map((queue) => ({
        resource: queue,
        name: queueNameOf(queue),
        isDlq: isDeadLetterQueue(context.inventory, queue),
      }));
    const toService = (service: ScopedService): DocumentService => {
      const own = declared.get(service.name);
      return {
        resource: service.resource,
        name: service.name,
        ...(service.role ? { role: service.role } : {}),
        ...(own?.team ? { team: own.team } : {}),
        metricsJob: own?.metricsJob ?? service.name,
      };
    };
    const run = (services: readonly ScopedService[]): DocumentRun => ({
      params: context.params as Record<string, unknown>,
      runbookSections,
      requiredAlerts,
      services: services.map(toService),
      queues,
      inventory: context.inventory,
      ...(context.config.launchDate ? { launchDate: context.config.launchDate } : {}),
      now,
      ...(context.reach.origin ? { origin: context.reach.origin } : {}),
    });
    const byGroup = new Map<DocumentGroup, ScopedService[]>();
    for (const service of scope.services) {
      const group = groups.byService.get(service.name) ?? groups.top;
      byGroup.set(group, [...(byGroup.get(group) ?? []), service]);
    }
    if (byGroup.size <= 1) {
      const [group, services] = [...byGroup][0] ?? [groups.top, scope.services];
      return itemDecision(decide(group.set, run(services)));
    }
    // Services with documents of their own: each group decided on its own, its services carry it.
    const findings: Finding[] = [];
    const reasons: string[] = [];
    const statuses: Status[] = [];
    let weighsConfig = false;
    const queueDepth: PublishedQueueDepth[] = [];
    const serviceSignals: Record<string, readonly PublishedSignal[]> = {};
    for (const [group, services] of byGroup) {
      const decision = itemDecision(decide(group.set, run(services)));
      statuses.push(decision.status);
      reasons.push(`${services.map((s) => s.name).join(", ")}: ${decision.reason}`);
      if (decision.weighsConfig) weighsConfig = true;
      queueDepth.push(...(decision.published?.queueDepth ?? []));
      Object.assign(serviceSignals, decision.published?.serviceSignals);
      if (decision.appliesTo === "item")
        for (const service of services)
          findings.push({
            resource: service.resource.id,
            type: service.resource.type,
            status: decision.status,
            reason: decision.reason,
            kind: "document",
          });
      else findings.push(...(decision.findings ?? []));
    }
    const status = worstStatus(statuses);
    return {
      status,
      reason: reasons.join("; "),
      findings,
      ...(weighsConfig ? { weighsConfig: true } : {}),
      // Each group's documents judged every queue: a queue any of them covers is covered.
      ...(queueDepth.length ? { published: { queueDepth, serviceSignals } } : {}),
    };
  };
};
