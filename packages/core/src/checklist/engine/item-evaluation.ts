import type { PublishedQueueDepth, PublishedSignal } from "../../kernel/results/records/documents";
import type { ChecklistItem, ItemId, ParamsOf } from "../catalogue/items";
import type { Inventory } from "../inventory/inventory";
import type { EvaluationKind, Finding, Status, Verdict } from "../model/finding";
import type { Resource } from "../model/resource";
import type { ConfigRule, RuleOutcome } from "../rules/rule";
import { evaluateAcrossBranches } from "./branches";
import type { Scope } from "./scope";

/** A kind of evidence beyond configuration: what a probe, a recorded run or a document decides. */
export type OtherKind = Exclude<EvaluationKind, "config">;

/** A decided non-config part: its status, why, and (optionally) what it found about each resource. */
export interface PartDecision {
  readonly status: Status;
  readonly reason: string;
  readonly findings?: Finding[];
  /**
   * "item": the decision is about the item as a whole (a document the team keeps), so it applies to
   * every service and subject, whatever its findings are about (they may name files, not resources).
   * A decision without findings applies to the item too.
   */
  readonly appliesTo?: "item";
  /**
   * Resources (ids) the part does not concern: an evidence part held by the services of some roles
   * (workers drain, the API is load-tested) does not concern a service of another known role, so
   * that service does not wait for it. A subject neither judged nor listed here stays undecided.
   */
  readonly notConcerned?: readonly string[];
  /**
   * The decision weighs the configuration part's source as well (either source counts: CloudWatch
   * alarms or Prometheus documents). Where it judges a subject, its finding replaces the rules'
   * outcomes on that subject, and, once decided, its status is the configuration part's.
   */
  readonly weighsConfig?: boolean;
  /**
   * What `readiness publish` stores with the verdict besides its status and reason, for the runs
   * that read it to weigh with what they see themselves (golden-signals: each queue's depth as the
   * documents alone cover it, matched to live queues by name; each service's signals likewise).
   */
  readonly published?: {
    readonly queueDepth?: readonly PublishedQueueDepth[];
    /** Each judged service's signals as the documents alone cover them, by resource id. */
    readonly serviceSignals?: Readonly<Record<string, readonly PublishedSignal[]>>;
  };
}

/** Whether a part's decision applies to every subject of the item rather than to the resources it names. */
export const appliesToItem = (decision: PartDecision | undefined): decision is PartDecision =>
  decision !== undefined && (decision.appliesTo === "item" || !decision.findings);

/**
 * Decides a non-config part (probe, evidence, document) of an item, or leaves it (undefined).
 * Sources (checklist/engine/sources.ts) gather what decides a part, I/O and all, before the engine runs; the
 * engine itself stays synchronous and pure.
 */
export type PartDecider = (item: ChecklistItem, kind: OtherKind, scope: Scope) => PartDecision | undefined;

/** One outcome of one rule on one subject: what the rule said, about which resource. */
export interface RuleResult {
  readonly subject: Resource;
  /** The subject's place in the evaluated subjects (the Config view posts in this order). */
  readonly subjectIndex: number;
  readonly rule: ConfigRule;
  /** The rule's place in the item's rules (the CLI view lists findings rule by rule). */
  readonly ruleIndex: number;
  /** Usually the subject; a rule may report on a resource it reached through it (a service's log group). */
  readonly resource: Resource;
  readonly verdict: Verdict;
  readonly reason: string;
}

/** The configuration part of one item: every rule outcome, and what could not be evaluated. */
export interface ConfigPartEvaluation {
  readonly rules: readonly ConfigRule[];
  /** The rules' subject types, in the order the rules declare them. */
  readonly subjectTypes: readonly string[];
  readonly subjects: readonly Resource[];
  readonly results: readonly RuleResult[];
  /** Subjects of the rules' types that are outside the scope (not judged; Config posts them NOT_APPLICABLE). */
  readonly outOfScope: readonly Resource[];
  /** The types the rules evaluate or read that the source could not read, with why. */
  readonly unreadable: ReadonlyMap<string, string>;
}

/** One item evaluated: its configuration part (when it has rules) and its other parts, decided or not. */
export interface ItemEvaluation {
  readonly item: ChecklistItem;
  readonly config?: ConfigPartEvaluation;
  /** Each non-config kind of the item, in the item's order, with its decision (undefined: nothing decided it). */
  readonly others: readonly { readonly kind: OtherKind; readonly decision?: PartDecision }[];
}

export interface ItemEvaluationInput {
  readonly item: ChecklistItem;
  /** The item's rules (default: its declaration's). */
  readonly rules?: readonly ConfigRule[];
  readonly inventory: Inventory;
  readonly scope: Scope;
  readonly params: ParamsOf<ItemId>;
  /** Only these subjects (a Config change notification); default: every resource of the rules' types. */
  readonly subjects?: readonly Resource[];
  readonly partDeciders?: readonly PartDecider[];
  /** Resource types the source could not read, with why. */
  readonly unreadableTypes?: ReadonlyMap<string, string>;
}

/**
 * The one engine. Both the CLI's report (engine.ts) and the Config rules' evaluations
 * (config-rules/evaluate.ts) are views of what it returns. Each in-scope subject is judged by every
 * rule of the item that takes its type, in every branch of the inventory (branches.ts), isolated
 * (a throwing rule is an unknown outcome on that resource, never a failed run); the other parts
 * are decided by the first part decider that answers.
 */
export const evaluateItem = (input: ItemEvaluationInput): ItemEvaluation => {
  const rules = input.rules ?? input.item.rules;
  const others = input.item.kinds
    .filter((kind): kind is OtherKind => kind !== "config")
    .map((kind) => ({ kind, decision: decideOther(input, kind) }));
  if (rules.length === 0) return { item: input.item, others };
  return { item: input.item, config: evaluateConfig(input, rules), others };
};

const evaluateConfig = (input: ItemEvaluationInput, rules: readonly ConfigRule[]): ConfigPartEvaluation => {
  const subjectTypes = [...new Set(rules.flatMap((rule) => rule.resourceTypes))];
  const subjects = input.subjects ?? subjectTypes.flatMap((type) => input.inventory.ofType(type));
  const results: RuleResult[] = [];
  const outOfScope: Resource[] = [];
  subjects.forEach((subject, subjectIndex) => {
    const applying = rules.flatMap((rule, ruleIndex) =>
      rule.resourceTypes.includes(subject.type) ? [{ rule, ruleIndex }] : [],
    );
    if (applying.length === 0) return;
    if (!input.scope.includes(subject)) {
      outOfScope.push(subject);
      return;
    }
    for (const { rule, ruleIndex } of applying)
      for (const outcome of evaluateAcrossBranches(evaluateIsolated, rule, subject, input, input.params))
        results.push({
          subject,
          subjectIndex,
          rule,
          ruleIndex,
          resource: outcome.resource ?? subject,
          verdict: outcome.verdict,
          reason: outcome.reason,
        });
  });
  return { rules, subjectTypes, subjects, results, outOfScope, unreadable: unreadableOf(rules, input.unreadableTypes) };
};

/** The types these rules evaluate or read that the source could not read, in the rules' order. */
const unreadableOf = (rules: readonly ConfigRule[], unreadable?: ReadonlyMap<string, string>): Map<string, string> => {
  const found = new Map<string, string>();
  if (!unreadable?.size) return found;
  for (const rule of rules)
    for (const type of [...rule.resourceTypes, ...rule.readsTypes]) {
      const reason = unreadable.get(type);
      if (reason) found.set(type, reason);
    }
  return found;
};

/** What a rule could not read of what it needs, as `type (reason)`, in its own declaration order. */
export const gapsOfRule = (rule: ConfigRule, unreadable: ReadonlyMap<string, string>): string[] => {
  if (unreadable.size === 0) return [];
  const gaps: string[] = [];
  for (const type of new Set([...rule.resourceTypes, ...rule.readsTypes])) {
    const reason = unreadable.get(type);
    if (reason) gaps.push(`${type} (${reason})`);
  }
  return gaps;
};

const decideOther = (input: ItemEvaluationInput, kind: OtherKind): PartDecision | undefined => {
  for (const decide of input.partDeciders ?? []) {
    const decided = decide(input.item, kind, input.scope);
    if (decided) return decided;
  }
  return undefined;
};

/**
 * What the item still needs beyond configuration (a probe, evidence, a document), by kind, for
 * the parts nothing decided: until something does, a passing configuration cannot tick the item.
 */
export const pendingNeeds = (evaluation: ItemEvaluation, decided: ReadonlySet<OtherKind> = new Set()): string[] =>
  evaluation.others
    .filter((part) => !part.decision && !decided.has(part.kind))
    .map((part) => evaluation.item.needs[part.kind] ?? `needs ${part.kind}`);

/** A rule that throws is reported as an evaluation error on that resource; the run goes on. */
export const evaluateIsolated = (
  rule: ConfigRule,
  subject: Resource,
  input: { readonly inventory: Inventory; readonly scope: Scope },
  params: ParamsOf<ItemId>,
): readonly RuleOutcome[] => {
  try {
    const outcome = rule.evaluate(subject, { inventory: input.inventory, scope: input.scope, params } as never);
    return Array.isArray(outcome) ? outcome : [outcome as RuleOutcome];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ verdict: "unknown", reason: `evaluation error in ${rule.itemId}: ${message}` }];
  }
};
