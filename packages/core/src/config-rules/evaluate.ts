import { type ConfigResourceKey, configResourceKeyOf } from "../checklist/adapters/config-item/identity";
import type { ChecklistItem } from "../checklist/catalogue/items";
import {
  appliesToItem,
  type ConfigPartEvaluation,
  gapsOfRule,
  type ItemEvaluation,
  type OtherKind,
  type PartDecision,
} from "../checklist/engine/item-evaluation";
import type { Finding, Status, Verdict } from "../checklist/model/finding";
import { displayName, type Resource } from "../checklist/model/resource";
import { COMPLIANCE, type Compliance, complianceOfVerdict, worseCompliance } from "../kernel/results/compliance";
import { annotationOf } from "./annotation";
import { type Evaluation, evaluationKey } from "./evaluation";

/**
 * The AWS Config view of the one engine (checklist/engine/item-evaluation.ts): one evaluation per resource,
 * keyed the way Config keys it. The CLI's report (checklist/engine/engine.ts) is the other view of the same
 * evaluation. What Config is then sent is posted-evaluation.ts's business: an undecided resource
 * (INSUFFICIENT_DATA here) is posted NON_COMPLIANT "UNDECIDED: …".
 */
export interface ConfigViewOptions {
  readonly at: Date;
  /** How Config names a resource; the notified item's own key overrides the derived one. */
  readonly keyOf?: (resource: Resource) => ConfigResourceKey;
  /** An item with no configuration rule is evaluated on these resources (the ECS services in scope). */
  readonly services?: readonly Resource[];
}

interface Draft {
  key: ConfigResourceKey;
  compliance: Compliance;
  reasons: string[];
}

/** Outcomes landing on one resource merge into the worst: a failure outranks not knowing, which outranks a pass. */
class Drafts {
  private readonly drafts = new Map<string, Draft>();

  constructor(private readonly keyOf: (resource: Resource) => ConfigResourceKey) {}

  add(resource: Resource, compliance: Compliance, reason: string): void {
    const key = this.keyOf(resource);
    const id = evaluationKey(key);
    const draft = this.drafts.get(id);
    if (!draft) {
      this.drafts.set(id, { key, compliance, reasons: [reason] });
      return;
    }
    const worse = worseCompliance(draft.compliance, compliance);
    if (worse === compliance && compliance !== draft.compliance)
      this.drafts.set(id, { key, compliance, reasons: [reason] });
    else if (compliance === draft.compliance && !draft.reasons.includes(reason)) draft.reasons.push(reason);
  }

  evaluations(item: ChecklistItem, at: Date): Evaluation[] {
    return [...this.drafts.values()].map((draft) => ({
      itemId: item.id,
      resourceType: draft.key.resourceType,
      resourceId: draft.key.resourceId,
      compliance: draft.compliance,
      annotation: annotationOf(draft.reasons.join("; ")),
      orderingTimestamp: at,
    }));
  }
}

export const configEvaluationsOf = (evaluation: ItemEvaluation, options: ConfigViewOptions): Evaluation[] => {
  const drafts = new Drafts(options.keyOf ?? configResourceKeyOf);
  if (evaluation.config) addConfigured(drafts, evaluation, evaluation.config);
  else
    for (const service of options.services ?? []) {
      const others = evaluation.others;
      if (others.length > 0 && others.every(({ decision }) => concernsOthersOnly(decision, service))) {
        // Every part is held by services of other roles (the API's smoke run exercises the worker).
        drafts.add(service, COMPLIANCE.notApplicable, notConcernedText(evaluation));
        continue;
      }
      const found = findingsAbout(evaluation, service);
      const itemWide = itemWideDecisions(evaluation);
      if (found.length === 0 && itemWide.length === 0)
        drafts.add(service, COMPLIANCE.insufficientData, pendingText(evaluation));
      for (const { finding } of found) drafts.add(service, complianceOfStatus(finding.status), finding.reason);
      for (const decision of itemWide) drafts.add(service, complianceOfStatus(decision.status), decision.reason);
      // A part nothing decided keeps a decided one from passing the service on its own.
      const pending = pendingNeeds(
        evaluation,
        new Set([...found.map((f) => f.kind), ...itemWideKinds(evaluation)]),
        undefined,
        service,
      );
      if ((found.length > 0 || itemWide.length > 0) && pending.length > 0)
        drafts.add(service, COMPLIANCE.insufficientData, pending.join("; "));
    }
  return drafts.evaluations(evaluation.item, options.at);
};

/**
 * Each subject judged by the item's rules, in the order evaluated. A passing configuration is
 * undecided while a part of the item is: when a type its rule needs could not be read, or when
 * another part (probe, evidence, document) has not decided this resource yet. Another part's
 * finding on the subject merges like another rule's outcome.
 */
const addConfigured = (drafts: Drafts, evaluation: ItemEvaluation, config: ConfigPartEvaluation): void => {
  const outOfScope = new Set(config.outOfScope);
  config.subjects.forEach((subject, subjectIndex) => {
    if (outOfScope.has(subject)) {
      drafts.add(subject, COMPLIANCE.notApplicable, "not in the evaluated scope");
      return;
    }
    const results = config.results.filter((result) => result.subjectIndex === subjectIndex);
    if (results.length === 0) return;
    const found = findingsAbout(evaluation, subject);
    // A part that weighs the configuration's source too (either source counts) decides this subject in its place.
    const weighing = found.filter(({ kind }) => weighsConfig(evaluation, kind));
    if (weighing.length > 0) {
      for (const { finding } of weighing) drafts.add(subject, complianceOfStatus(finding.status), finding.reason);
      return;
    }
    const pending = pendingNeeds(evaluation, new Set(found.map((f) => f.kind)), config, subject);
    const standIn = standInPassing(evaluation, config);
    let applicable = false;
    for (const result of results) {
      const target = result.resource;
      if (target === subject && result.verdict !== "not_applicable") applicable = true;
      let compliance = complianceOfVerdict(result.verdict);
      let reason = result.reason;
      const gaps = gapsOfRule(result.rule, config.unreadable);
      if (compliance === COMPLIANCE.compliant && gaps.length > 0) {
        compliance = COMPLIANCE.insufficientData;
        reason = `could not read ${gaps.join("; ")}; ${reason}`;
      }
      if (compliance === COMPLIANCE.insufficientData && standIn && pending.length === 0) {
        compliance = COMPLIANCE.compliant;
        reason = `${standIn.reason} (configuration undecided: ${reason})`;
      } else if (compliance === COMPLIANCE.compliant && pending.length > 0) {
        compliance = COMPLIANCE.insufficientData;
        reason = `configuration passes (${reason}); ${pending.join("; ")}`;
      }
      drafts.add(target, compliance, target === subject ? reason : `${reason} (via ${displayName(subject)})`);
    }
    if (!applicable) return;
    for (const { finding } of found) drafts.add(subject, complianceOfStatus(finding.status), finding.reason);
    for (const { decision } of evaluation.others)
      if (isItemWide(decision, config) && decision.status === "fail")
        drafts.add(subject, COMPLIANCE.nonCompliant, decision.reason);
  });
};

/** What the other parts found about this resource (by its id or an alias). */
const findingsAbout = (evaluation: ItemEvaluation, resource: Resource): { kind: OtherKind; finding: Finding }[] =>
  evaluation.others.flatMap(({ kind, decision }) =>
    (decision?.findings ?? [])
      .filter((finding) => finding.resource === resource.id || resource.aliases.includes(finding.resource))
      .map((finding) => ({ kind, finding })),
  );

/**
 * What the item still needs for this resource: each other part that found nothing about it,
 * by the item's own words ("needs probe: …"), or the part's reason when it was decided undecided
 * for the whole item (a document that is not configured).
 */
const pendingNeeds = (
  evaluation: ItemEvaluation,
  decidedHere: ReadonlySet<OtherKind>,
  config?: ConfigPartEvaluation,
  resource?: Resource,
): string[] =>
  evaluation.others
    .filter(
      ({ kind, decision }) =>
        !decidedHere.has(kind) &&
        !passesForTheItem(decision, config) &&
        !weighedElsewhere(decision) &&
        !concernsOthersOnly(decision, resource),
    )
    .map(({ kind, decision }) =>
      appliesToItem(decision) && decision.status === "unknown"
        ? decision.reason
        : (evaluation.item.needs[kind] ?? `needs ${kind}`),
    );

/** Why an item does not concern a service: each part's own account of whom it judged. */
const notConcernedText = (evaluation: ItemEvaluation): string =>
  `held by services of other roles: ${evaluation.others.map(({ decision }) => decision?.reason ?? "").join("; ")}`;

/** A part that does not concern this resource (an evidence part of another role's services) is not its to wait for. */
const concernsOthersOnly = (decision: PartDecision | undefined, resource: Resource | undefined): boolean =>
  resource !== undefined &&
  (decision?.notConcerned ?? []).some((id) => id === resource.id || resource.aliases.includes(id));

/** A decided part that weighs the configuration leaves a subject it did not judge to the configuration alone. */
const weighedElsewhere = (decision: PartDecision | undefined): boolean =>
  decision?.weighsConfig === true && decision.status !== "unknown";

/**
 * A decision about the item as a whole rather than about the configuration's subjects: one that
 * applies to the item (a document's verdict, or no findings), or whose findings are only about
 * other types (mtls: its probe judges the API services, its rule listeners).
 */
const isItemWide = (decision: PartDecision | undefined, config?: ConfigPartEvaluation): decision is PartDecision => {
  if (decision === undefined) return false;
  // As appliesToItem (a guard: its false branch would leave no decision to read here).
  if (decision.appliesTo === "item" || !decision.findings) return true;
  return config !== undefined && decision.findings.every((f) => !config.subjectTypes.includes(f.type));
};

const passesForTheItem = (decision: PartDecision | undefined, config?: ConfigPartEvaluation): boolean =>
  isItemWide(decision, config) && decision.status === "pass";

/** The item's declared stand-in for an unreadable configuration (decidesUnreadableConfig), when it passes for the item. */
const standInPassing = (evaluation: ItemEvaluation, config: ConfigPartEvaluation): PartDecision | undefined => {
  const kind = evaluation.item.decidesUnreadableConfig;
  const decision = kind && evaluation.others.find((part) => part.kind === kind)?.decision;
  return decision && passesForTheItem(decision, config) ? decision : undefined;
};

/** The decided parts that apply to every subject of the item (a document's verdict). */
const itemWideDecisions = (evaluation: ItemEvaluation): PartDecision[] =>
  evaluation.others.flatMap(({ decision }) =>
    appliesToItem(decision) && decision.status !== "unknown" ? [decision] : [],
  );

const itemWideKinds = (evaluation: ItemEvaluation): OtherKind[] =>
  evaluation.others.flatMap(({ kind, decision }) =>
    appliesToItem(decision) && decision.status !== "unknown" ? [kind] : [],
  );

const weighsConfig = (evaluation: ItemEvaluation, kind: OtherKind): boolean =>
  evaluation.others.some((part) => part.kind === kind && part.decision?.weighsConfig === true);

/** An item nothing decides on this resource: what would decide it. */
const pendingText = (evaluation: ItemEvaluation): string =>
  pendingNeeds(evaluation, new Set()).join("; ") || `${evaluation.item.id}: no configuration rule registered`;

const VERDICT_OF_STATUS: Readonly<Record<Status, Verdict>> = {
  pass: "compliant",
  fail: "non_compliant",
  unknown: "unknown",
};

const complianceOfStatus = (status: Status): Compliance => complianceOfVerdict(VERDICT_OF_STATUS[status]);

/**
 * An item without configuration rules on one notified resource (a change notification, which
 * gathers nothing): undecided, saying what would decide it.
 */
export const pendingEvaluation = (item: ChecklistItem, key: ConfigResourceKey, at: Date): Evaluation => ({
  itemId: item.id,
  ...key,
  compliance: COMPLIANCE.insufficientData,
  annotation: annotationOf(
    pendingText({
      item,
      others: item.kinds.filter((kind): kind is OtherKind => kind !== "config").map((kind) => ({ kind })),
    }),
  ),
  orderingTimestamp: at,
});
