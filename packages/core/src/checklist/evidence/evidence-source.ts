import type { ServiceRole } from "../config/schema";
import type { PartDecider } from "../engine/item-evaluation";
import type { ScopedService } from "../engine/scope";
import type { EvidenceReader, GatherContext } from "../engine/sources";
import type { Finding, Status } from "../model/finding";
import { type EvidenceJudgement, judgeEvidence } from "./judge";

/** How an item's evidence is gathered and judged (declared with the item's `sources`). */
export interface EvidenceSourceOptions {
  /** What to run to record it, quoted when there is none or it is stale. */
  readonly howToGather: string;
  /** Judge only the services with these roles (the API for a load test, workers for a crash drill). */
  readonly roles?: readonly ServiceRole[];
}

type Judged = { readonly service: ScopedService; readonly judgement: EvidenceJudgement };

const statusOf = (judged: readonly Judged[]): Status =>
  judged.some((j) => j.judgement.status === "fail")
    ? "fail"
    : judged.some((j) => j.judgement.status === "unknown")
      ? "unknown"
      : "pass";

/**
 * Reads the newest evidence of the item for every service in the inventory (one read each, before
 * the engine), and answers with a decider that judges it per in-scope service: the item's
 * `validityDays` and `sameRevision` parameters, the revision each service runs now, the run's clock.
 * Without the results table the part stays undecided, saying so.
 */
export const gatherRecordedEvidence = async (
  context: GatherContext,
  options: EvidenceSourceOptions,
): Promise<PartDecider | undefined> => {
  const reader: EvidenceReader | undefined = context.reach.readEvidence;
  if (!reader) return undefined;
  const params = context.params as { validityDays?: number; sameRevision?: boolean };
  const now = context.reach.now ?? new Date();
  const judgements = new Map<string, EvidenceJudgement>();
  await Promise.all(
    context.inventory.ofType("AWS::ECS::Service").map(async (service) => {
      const revision = service.properties.TaskDefinition;
      const rules = {
        now,
        validityDays: params.validityDays ?? 30,
        sameRevision: params.sameRevision ?? false,
        howToGather: options.howToGather,
        ...(typeof revision === "string" ? { runningRevision: revision } : {}),
      };
      try {
        judgements.set(service.id, judgeEvidence(await reader(service.id, context.item.id), rules));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        judgements.set(service.id, { status: "unknown", detail: `cannot read recorded evidence: ${why}` });
      }
    }),
  );
  const itemId = context.item.id;
  const kind = context.kind;
  return (item, partKind, scope) => {
    if (item.id !== itemId || partKind !== kind) return undefined;
    const services = scope.services.filter((s) => !options.roles || (s.role && options.roles.includes(s.role)));
    if (services.length === 0)
      return {
        status: "unknown",
        reason: options.roles
          ? `no ${options.roles.join(" or ")} service in scope to hold ${kind}`
          : `no service in scope to hold ${kind}`,
      };
    const judged: Judged[] = services.map((service) => ({
      service,
      judgement: judgements.get(service.resource.id) ?? { status: "unknown", detail: "the service was not read" },
    }));
    const status = statusOf(judged);
    const findings: Finding[] = judged.map(({ service, judgement }) => ({
      resource: service.resource.id,
      type: service.resource.type,
      status: judgement.status,
      reason: judgement.detail,
      kind,
    }));
    const shown = judged
      .filter((j) => j.judgement.status === status)
      .map((j) => `${j.service.name}: ${j.judgement.detail}`);
    // Services of another known role hold no such evidence: a Config rule does not leave them waiting for it.
    const otherRoles = scope.services.filter((s) => options.roles && s.role && !options.roles.includes(s.role));
    return {
      status,
      reason: shown.join("; "),
      findings,
      ...(otherRoles.length > 0 ? { notConcerned: otherRoles.map((s) => s.resource.id) } : {}),
    };
  };
};
