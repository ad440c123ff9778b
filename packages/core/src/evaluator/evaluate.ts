import { type ConfigResourceKey, configResourceKeyOf } from "../adapters/config-item/identity";
import type { ChecklistItem, ItemId } from "../catalogue/items";
import type { ParamsOf } from "../catalogue/params";
import { evaluateIsolated } from "../engine/engine";
import type { Scope } from "../engine/scope";
import type { Inventory } from "../inventory/inventory";
import type { EvaluationKind, Status, Verdict } from "../model/finding";
import { displayName, type Resource } from "../model/resource";
import { type IamProbeResult, roleProbeOf } from "../probes/iam-decider";
import type { ConfigRule } from "../rules/rule";
import { annotationOf } from "./annotation";
import { COMPLIANCE, type Compliance, complianceOfVerdict, worseCompliance } from "./compliance";
import { type Evaluation, evaluationKey } from "./evaluation";

export interface EvaluateInput {
  readonly item: ChecklistItem;
  readonly params: ParamsOf<ItemId>;
  readonly rules: readonly ConfigRule[];
  readonly inventory: Inventory;
  readonly scope: Scope;
  readonly unreadableTypes: ReadonlyMap<string, string>;
  readonly subjects: readonly Resource[];
  readonly at: Date;
  /** How Config names a resource; the notified item's own key overrides the derived one. */
  readonly keyOf?: (resource: Resource) => ConfigResourceKey;
  /** The probe's answers (iam-least-privilege's task roles); a probed subject's probe part is decided by them. */
  readonly probe?: IamProbeResult;
}

interface Draft {
  key: ConfigResourceKey;
  compliance: Compliance;
  reasons: string[];
}

/**
 * Evaluates each subject with every rule of the item that takes its type, through the engine's
 * isolation (a throwing rule leaves that resource undecided, INSUFFICIENT_DATA, not a failed
 * invocation).
 * Outcomes about another resource (`outcome.resource`) are posted for that resource; several
 * outcomes on one resource merge into the worst.
 */
export const evaluateSubjects = (input: EvaluateInput): Evaluation[] => {
  const keyOf = input.keyOf ?? configResourceKeyOf;
  const drafts = new Map<string, Draft>();
  const add = (resource: Resource, compliance: Compliance, reason: string): void => {
    const key = keyOf(resource);
    const id = evaluationKey(key);
    const draft = drafts.get(id);
    if (!draft) {
      drafts.set(id, { key, compliance, reasons: [reason] });
      return;
    }
    const worse = worseCompliance(draft.compliance, compliance);
    if (worse === compliance && compliance !== draft.compliance) drafts.set(id, { key, compliance, reasons: [reason] });
    else if (compliance === draft.compliance && !draft.reasons.includes(reason)) draft.reasons.push(reason);
  };
  const pendingAll = pendingParts(input.item);
  const pendingUnprobed = pendingParts(input.item, ["probe"]);
  for (const subject of input.subjects) {
    const rules = input.rules.filter((rule) => rule.resourceTypes.includes(subject.type));
    if (rules.length === 0) continue;
    if (!input.scope.includes(subject)) {
      add(subject, COMPLIANCE.notApplicable, "not in the evaluated scope");
      continue;
    }
    const probed = roleProbeOf(input.probe, subject);
    const pending = probed ? pendingUnprobed : pendingAll;
    let applicable = false;
    for (const rule of rules) {
      const gaps = unreadableGaps(rule, input.unreadableTypes);
      for (const outcome of evaluateIsolated(rule, subject, input, input.params)) {
        const target = outcome.resource ?? subject;
        if (target === subject && outcome.verdict !== "not_applicable") applicable = true;
        let compliance = complianceOfVerdict(outcome.verdict);
        let reason = outcome.reason;
        if (compliance === COMPLIANCE.compliant && gaps.length > 0) {
          compliance = COMPLIANCE.insufficientData;
          reason = `could not read ${gaps.join("; ")}; ${reason}`;
        } else if (compliance === COMPLIANCE.compliant && pending.length > 0) {
          compliance = COMPLIANCE.insufficientData;
          reason = `configuration passes (${reason}); ${pending.join("; ")}`;
        }
        add(target, compliance, target === subject ? reason : `${reason} (via ${displayName(subject)})`);
      }
    }
    // The probe's verdict merges like another rule's: a failure outranks a passing configuration.
    if (probed && applicable)
      add(subject, complianceOfVerdict(VERDICT_OF_STATUS[probed.status]), `role ${probed.role.name}: ${probed.detail}`);
  }
  return [...drafts.values()].map((draft) => ({
    itemId: input.item.id,
    resourceType: draft.key.resourceType,
    resourceId: draft.key.resourceId,
    compliance: draft.compliance,
    annotation: annotationOf(draft.reasons.join("; ")),
    orderingTimestamp: input.at,
  }));
};

/**
 * What the item still needs beyond configuration (a probe, evidence, a document): until something
 * decides those parts, a passing configuration cannot make the item COMPLIANT.
 */
export const pendingParts = (item: ChecklistItem, decided: readonly EvaluationKind[] = []): string[] =>
  item.kinds
    .filter((kind) => kind !== "config" && !decided.includes(kind))
    .map((kind) => item.needs[kind as Exclude<EvaluationKind, "config">] ?? `needs ${kind}`);

const VERDICT_OF_STATUS: Readonly<Record<Status, Verdict>> = {
  pass: "compliant",
  fail: "non_compliant",
  unknown: "unknown",
};

const unreadableGaps = (rule: ConfigRule, unreadable: ReadonlyMap<string, string>): string[] => {
  if (unreadable.size === 0) return [];
  const gaps: string[] = [];
  for (const type of new Set([...rule.resourceTypes, ...rule.readsTypes])) {
    const reason = unreadable.get(type);
    if (reason) gaps.push(`${type} (${reason})`);
  }
  return gaps;
};

/** Subject types of the item's rules. */
export const subjectTypesOf = (rules: readonly ConfigRule[]): Set<string> =>
  new Set(rules.flatMap((r) => r.resourceTypes));

/**
 * An item no configuration rule decides: undecided (INSUFFICIENT_DATA; posted NON_COMPLIANT
 * "UNDECIDED: …"), saying what would decide it.
 */
export const evaluatePending = (item: ChecklistItem, key: ConfigResourceKey, at: Date): Evaluation => ({
  itemId: item.id,
  ...key,
  compliance: COMPLIANCE.insufficientData,
  annotation: annotationOf(pendingParts(item).join("; ") || `${item.id}: no configuration rule registered`),
  orderingTimestamp: at,
});
