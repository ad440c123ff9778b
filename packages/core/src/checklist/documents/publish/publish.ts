import { loadTemplateInventory } from "../../adapters/template/index";
import { CHECKLIST, type ItemId } from "../../catalogue/items";
import { digestTemplateFiles } from "../../cost/digest";
import { hasDocuments } from "../../config/documents-schema";
import { paramsFromConfig } from "../../config/params";
import type { ReadinessConfig } from "../../config/schema";
import { appliesToItem } from "../../engine/item-evaluation";
import { buildScope } from "../../engine/scope";
import { gatherPartDeciders } from "../../engine/sources";
import { serviceNamesOf } from "../../../kernel/ecs-arn";
import { UsageError } from "../../../kernel/errors";
import type { DocumentVerdictRecord } from "../../../kernel/results/records/documents";
import { documentFilesRead } from "../source/gather";
import { provenanceOf } from "./provenance";

export interface PublishInput {
  /** The template the platform is deployed from (its digest decides the cost estimate; its queues golden-signals). */
  readonly template: string;
  readonly config: ReadinessConfig;
  /** The folder of readiness.yml: the documents resolve against it. */
  readonly configDir: string;
  /** How long each verdict stays valid: after it, the verdict is stale and stale is non-compliant. */
  readonly validityDays: number;
  readonly now: Date;
  readonly env: NodeJS.ProcessEnv;
  readonly onProgress?: (message: string) => void;
}

export interface PublishOutcome {
  readonly records: readonly DocumentVerdictRecord[];
  readonly warnings: readonly string[];
}

const DAY_MS = 86_400_000;

/** `<cluster>/<service>` of a readiness.yml service, as the live runs and Config key it (from the ARN). */
const serviceKeyOf = (cluster: string, service: string, templateName: unknown): string => {
  if (service.startsWith("arn:")) {
    const names = serviceNamesOf(service);
    return `${names.cluster}/${names.service}`;
  }
  const clusterName = cluster.startsWith("arn:") ? cluster.slice(cluster.lastIndexOf("/") + 1) : cluster;
  return `${clusterName}/${typeof templateName === "string" ? templateName : service}`;
};

/**
 * `readiness publish`: decides every document item and part of every service readiness.yml lists,
 * as a template run does, and returns the verdicts to store (one per item × service) with their
 * provenance. Services are keyed by their cluster and ECS service name, so each needs `cluster`.
 */
export const documentVerdictsToPublish = async (input: PublishInput): Promise<PublishOutcome> => {
  const { config } = input;
  if (!hasDocuments(config))
    throw new UsageError(
      "readiness.yml names no documents: there is nothing to publish",
      undefined,
      "add a documents section (docs/readiness-yml.md#documents), or run readiness init to start one",
    );
  const unkeyed = config.services.filter((s) => !s.cluster && !s.service.startsWith("arn:"));
  if (config.services.length === 0 || unkeyed.length > 0)
    throw new UsageError(
      config.services.length === 0
        ? "readiness.yml lists no services: published verdicts are kept per ECS service"
        : `services without a cluster: ${unkeyed.map((s) => s.name ?? s.service).join(", ")}`,
      undefined,
      "list each service with its cluster (services[].cluster) and its ECS service name, as they run",
    );
  const loaded = await loadTemplateInventory(input.template);
  const scope = buildScope(loaded.inventory, config);
  const items = CHECKLIST.filter((item) => item.sources?.document);
  input.onProgress?.(`deciding ${items.length} document items for ${config.services.length} services`);
  const deciders = await gatherPartDeciders(items, {
    inventory: loaded.inventory,
    config,
    configDir: input.configDir,
    params: paramsFromConfig(config),
    reach: {
      mode: "template",
      origin: { kind: "template", digest: await digestTemplateFiles(loaded.files) },
      now: input.now,
    },
  });
  const provenance = await provenanceOf(await documentFilesRead(input), input.env, input.configDir);
  const publishedAt = input.now.toISOString();
  const validUntil = new Date(input.now.getTime() + input.validityDays * DAY_MS).toISOString();
  const records: DocumentVerdictRecord[] = [];
  const warnings: string[] = [];
  for (const declared of config.services) {
    const name = declared.name ?? declared.service;
    const scoped = scope.services.find((s) => s.name === name);
    if (!scoped) {
      warnings.push(`service ${name} is not in ${input.template}: nothing published for it`);
      continue;
    }
    const service = serviceKeyOf(declared.cluster ?? "", declared.service, scoped.resource.properties.ServiceName);
    for (const item of items) {
      const decision = deciders.map((decide) => decide(item, "document", scope)).find(Boolean);
      if (!decision) continue;
      const finding = decision.findings?.find((f) => f.resource === scoped.resource.id);
      const verdict = appliesToItem(decision) ? decision : finding;
      if (!verdict) {
        // Not judged for this service (golden-signals: a DLQ processor has no signals). Stored, so
        // that a run reading the verdicts leaves the service out rather than calling it undecided.
        records.push({
          service,
          itemId: item.id as ItemId,
          status: "pass",
          reason: `not applicable: the documents judge nothing of ${item.id} on this service (role ${scoped.role ?? "unknown"})`,
          publishedAt,
          validUntil,
          notApplicable: true,
          provenance,
        });
        continue;
      }
      records.push({
        service,
        itemId: item.id as ItemId,
        status: verdict.status,
        reason: verdict.reason,
        publishedAt,
        validUntil,
        ...(decision.weighsConfig ? { weighsConfig: true } : {}),
        ...(decision.published?.serviceSignals?.[scoped.resource.id]
          ? { signals: decision.published.serviceSignals[scoped.resource.id] }
          : {}),
        ...(decision.published?.queueDepth ? { queueDepth: decision.published.queueDepth } : {}),
        provenance,
      });
    }
  }
  return { records, warnings };
};
