import type { ChecklistItem, ItemId, Section, Severity } from "../catalogue/items";
import type { ParamsOf } from "../catalogue/params";
import type { Inventory } from "../inventory/inventory";
import type { EvaluationKind, Finding, PartResult, Status } from "../model/finding";
import type { InputNotes } from "../model/input";
import type { Resource } from "../model/resource";
import type { ConfigRule, RuleOutcome } from "../rules/rule";
import { evaluateAcrossBranches } from "./branches";
import type { Scope, ScopeSummary } from "./scope";

export interface ItemResult {
  readonly id: ItemId;
  readonly section: Section;
  readonly title: string;
  readonly kinds: readonly EvaluationKind[];
  readonly severity: Severity;
  readonly status: Status;
  /** One line: why the item has this status. */
  readonly summary: string;
  readonly parts: readonly PartResult[];
  /** Failed and unknown findings first, then passes. Not-applicable outcomes are counted, not listed. */
  readonly findings: readonly Finding[];
  readonly remediation: string;
}

export interface CheckReport {
  readonly source: string;
  /** Which scope ran (account-wide, a whole template, clusters, services); absent in reports built by hand. */
  readonly scope?: ScopeSummary;
  readonly items: readonly ItemResult[];
  /** Template checks: what of the input could not be read, and which SAM resources were expanded. */
  readonly input?: InputNotes;
}

/** Decides a non-config part (probe, evidence, document) of an item; later capabilities plug in here. */
export type PartDecider = (
  item: ChecklistItem,
  kind: Exclude<EvaluationKind, "config">,
  scope: Scope,
) => { status: Status; reason: string; findings?: Finding[] } | undefined;

export interface EngineInput {
  /**
   * The checklist items to run, in report order (the CLI passes the whole catalogue; the Config
   * evaluator its one item). Passed in, so the engine never imports every item's rules itself.
   */
  readonly items: readonly ChecklistItem[];
  readonly inventory: Inventory;
  readonly rules: readonly ConfigRule[];
  readonly scope: Scope;
  /** Resolved parameters per item (defaults merged with readiness.yml). */
  readonly params: (id: ItemId) => ParamsOf<ItemId>;
  readonly only?: readonly ItemId[];
  readonly skip?: readonly ItemId[];
  readonly partDeciders?: readonly PartDecider[];
  /** Description of what was checked (template path, account/region). */
  readonly source: string;
  /**
   * Resource types the source could not read, with the reason (live mode: "missing permission
   * ecs:DescribeServices", "endpoint lacks the API ..."). A rule that evaluates or reads such a type
   * cannot pass: its item's config part becomes unknown with that reason (a failure still fails).
   */
  readonly unreadableTypes?: ReadonlyMap<string, string>;
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, pass: 2 };

/** Runs every selected item: config rules over the in-scope inventory, other kinds through the part deciders. */
export const runChecks = (input: EngineInput): CheckReport => {
  const selected = input.items.filter(
    (item) => (!input.only?.length || input.only.includes(item.id)) && !input.skip?.includes(item.id),
  );
  const rulesByItem = new Map<ItemId, ConfigRule[]>();
  for (const rule of input.rules) {
    const list = rulesByItem.get(rule.itemId);
    if (list) list.push(rule);
    else rulesByItem.set(rule.itemId, [rule]);
  }
  const items = selected.map((item) => evaluateItem(item, rulesByItem.get(item.id) ?? [], input));
  return { source: input.source, scope: input.scope.summary, items };
};

const evaluateItem = (item: ChecklistItem, rules: readonly ConfigRule[], input: EngineInput): ItemResult => {
  const parts: PartResult[] = [];
  const findings: Finding[] = [];
  for (const kind of item.kinds) {
    if (kind === "config") {
      const part = evaluateConfigPart(item, rules, input);
      parts.push(part.result);
      findings.push(...part.findings);
      continue;
    }
    const decided = decideOtherPart(item, kind, input);
    parts.push({ kind, status: decided.status, reason: decided.reason });
    if (decided.findings) findings.push(...decided.findings);
  }
  findings.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const status = worstStatus(parts.map((p) => p.status));
  return {
    id: item.id,
    section: item.section,
    title: item.title,
    kinds: item.kinds,
    severity: item.severity,
    status,
    summary: summarise(status, parts),
    parts,
    findings,
    remediation: item.remediation,
  };
};

/** An item passes only when every part passes; any failure fails it; otherwise it is not decided. */
export const worstStatus = (statuses: readonly Status[]): Status => {
  if (statuses.includes("fail")) return "fail";
  if (statuses.length === 0 || statuses.includes("unknown")) return "unknown";
  return "pass";
};

const summarise = (status: Status, parts: readonly PartResult[]): string => {
  const relevant = parts.filter((p) => p.status === status);
  return (relevant.length ? relevant : parts).map((p) => p.reason).join("; ");
};

const decideOtherPart = (
  item: ChecklistItem,
  kind: Exclude<EvaluationKind, "config">,
  input: EngineInput,
): { status: Status; reason: string; findings?: Finding[] } => {
  for (const decide of input.partDeciders ?? []) {
    const decided = decide(item, kind, input.scope);
    if (decided) return decided;
  }
  return { status: "unknown", reason: item.needs[kind] ?? `needs ${kind}: not evaluated in this mode` };
};

const evaluateConfigPart = (
  item: ChecklistItem,
  rules: readonly ConfigRule[],
  input: EngineInput,
): { result: PartResult; findings: Finding[] } => {
  if (rules.length === 0)
    return { result: { kind: "config", status: "unknown", reason: "no configuration rule registered" }, findings: [] };
  const params = input.params(item.id);
  const findings: Finding[] = [];
  let notApplicable = 0;
  const subjectTypes = new Set<string>();
  for (const rule of rules) {
    for (const type of rule.resourceTypes) {
      subjectTypes.add(type);
      for (const subject of input.inventory.ofType(type)) {
        if (!input.scope.includes(subject)) continue;
        for (const outcome of evaluateAcrossBranches(evaluateIsolated, rule, subject, input, params)) {
          if (outcome.verdict === "not_applicable") {
            notApplicable++;
            continue;
          }
          findings.push(toFinding(outcome, outcome.resource ?? subject));
        }
      }
    }
  }
  const result = configPartResult(findings, notApplicable, subjectTypes);
  const gaps = unreadableReasons(rules, input.unreadableTypes);
  if (gaps.length === 0) return { result, findings };
  // A failure stays a failure (what was read is wrong either way), but it says what it could not
  // read: the unread data might have changed a finding (a queue no read showed to be a DLQ).
  if (result.status === "fail")
    return {
      result: { ...result, reason: `${result.reason}; could not read everything: ${gaps.join("; ")}` },
      findings,
    };
  return {
    result: { kind: "config", status: "unknown", reason: `could not read everything: ${gaps.join("; ")}` },
    findings,
  };
};

const unreadableReasons = (rules: readonly ConfigRule[], unreadable?: ReadonlyMap<string, string>): string[] => {
  if (!unreadable?.size) return [];
  const reasons = new Set<string>();
  for (const rule of rules)
    for (const type of [...rule.resourceTypes, ...rule.readsTypes]) {
      const reason = unreadable.get(type);
      if (reason) reasons.add(`${type}: ${reason}`);
    }
  return [...reasons];
};

/** A rule that throws is reported as an evaluation error on that resource; the run goes on. */
export const evaluateIsolated = (
  rule: ConfigRule,
  subject: Resource,
  input: Pick<EngineInput, "inventory" | "scope">,
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

const toFinding = (outcome: RuleOutcome, resource: Resource): Finding => ({
  resource: resource.id,
  type: resource.type,
  status: outcome.verdict === "compliant" ? "pass" : outcome.verdict === "non_compliant" ? "fail" : "unknown",
  reason: outcome.reason,
  kind: "config",
  location: resource.location,
});

const configPartResult = (findings: readonly Finding[], notApplicable: number, types: Set<string>): PartResult => {
  const failed = findings.filter((f) => f.status === "fail").length;
  const unknown = findings.filter((f) => f.status === "unknown").length;
  const passed = findings.length - failed - unknown;
  if (failed > 0) return { kind: "config", status: "fail", reason: `${failed} of ${findings.length} resources fail` };
  if (unknown > 0)
    return {
      kind: "config",
      status: "unknown",
      reason: `${unknown} of ${findings.length} resources could not be decided`,
    };
  if (passed > 0) return { kind: "config", status: "pass", reason: `${passed} resources pass` };
  const what = [...types].join(", ");
  return {
    kind: "config",
    status: "unknown",
    reason:
      notApplicable > 0
        ? `not applicable to any of the ${notApplicable} in-scope resources`
        : `no in-scope ${what} to check`,
  };
};
