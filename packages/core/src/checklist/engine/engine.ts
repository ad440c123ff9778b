import type { ChecklistItem, ItemId, Section, Severity } from "../catalogue/items";
import type { ParamsOf } from "../catalogue/params";
import type { Inventory } from "../inventory/inventory";
import {
  type EvaluationKind,
  type Finding,
  type PartResult,
  type Status,
  statusOfVerdict,
  type Verdict,
} from "../model/finding";
import type { InputNotes } from "../model/input";
import type { ConfigRule } from "../rules/rule";
import {
  type ConfigPartEvaluation,
  evaluateItem,
  type ItemEvaluation,
  type PartDecider,
  type RuleResult,
} from "./item-evaluation";
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

export type { PartDecider, PartDecision } from "./item-evaluation";

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

/**
 * The CLI's view of the one engine (item-evaluation.ts): runs every selected item and reports it as
 * the checklist shows it, each part with its status and every finding.
 */
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
  const items = selected.map((item) =>
    itemResultOf(
      evaluateItem({
        item,
        rules: rulesByItem.get(item.id) ?? [],
        inventory: input.inventory,
        scope: input.scope,
        params: input.params(item.id),
        partDeciders: input.partDeciders,
        unreadableTypes: input.unreadableTypes,
      }),
    ),
  );
  return { source: input.source, scope: input.scope.summary, items };
};

/** One item as the report shows it: a result per part, the findings failed and unknown first. */
export const itemResultOf = (evaluation: ItemEvaluation): ItemResult => {
  const { item } = evaluation;
  const parts: PartResult[] = [];
  const findings: Finding[] = [];
  const others = new Map(evaluation.others.map((part) => [part.kind, part.decision]));
  const weighing = evaluation.others.find((part) => part.decision?.weighsConfig && part.decision.status !== "unknown");
  for (const kind of item.kinds) {
    if (kind === "config") {
      const part = configPartOf(evaluation.config);
      if (weighing?.decision) {
        // Another part weighs this source with its own (either counts): its verdict is this part's
        // too, and its findings replace the rules' on the subjects it judged.
        const judged = new Set((weighing.decision.findings ?? []).map((f) => f.resource));
        const rest = part.findings.filter((f) => !judged.has(f.resource));
        parts.push({
          kind,
          status: worstStatus([weighing.decision.status, ...rest.map((f) => f.status)]),
          reason: `decided with the ${weighing.kind} part (either source counts); configuration alone: ${part.result.reason}`,
        });
        findings.push(...rest);
        continue;
      }
      parts.push(part.result);
      findings.push(...part.findings);
      continue;
    }
    const decided = others.get(kind) ?? {
      status: "unknown" as const,
      reason: item.needs[kind] ?? `needs ${kind}: not evaluated in this mode`,
    };
    parts.push({ kind, status: decided.status, reason: decided.reason });
    if (decided.findings) findings.push(...decided.findings);
  }
  findings.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const standIn = standInFor(item, parts);
  const status = standIn ? "pass" : worstStatus(parts.map((p) => p.status));
  return {
    id: item.id,
    section: item.section,
    title: item.title,
    kinds: item.kinds,
    severity: item.severity,
    status,
    summary: standIn ?? summarise(status, parts),
    parts,
    findings,
    remediation: item.remediation,
  };
};

/**
 * The summary of an item whose configuration could not be decided but whose declared stand-in part
 * (`decidesUnreadableConfig`) passes, every other part passing too; undefined otherwise.
 */
const standInFor = (item: ChecklistItem, parts: readonly PartResult[]): string | undefined => {
  const kind = item.decidesUnreadableConfig;
  if (!kind) return undefined;
  const config = parts.find((p) => p.kind === "config");
  const standIn = parts.find((p) => p.kind === kind);
  if (config?.status !== "unknown" || standIn?.status !== "pass") return undefined;
  if (parts.some((p) => p !== config && p.status !== "pass")) return undefined;
  return `${standIn.reason} (${kind} decides it: the configuration is undecided: ${config.reason})`;
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

/** The report lists a rule's findings together, rule by rule, each rule's subjects type by type. */
const reportOrder = (a: RuleResult, b: RuleResult): number =>
  a.ruleIndex - b.ruleIndex ||
  a.rule.resourceTypes.indexOf(a.subject.type) - b.rule.resourceTypes.indexOf(b.subject.type) ||
  a.subjectIndex - b.subjectIndex;

const configPartOf = (config: ConfigPartEvaluation | undefined): { result: PartResult; findings: Finding[] } => {
  if (!config)
    return { result: { kind: "config", status: "unknown", reason: "no configuration rule registered" }, findings: [] };
  const judged = [...config.results].sort(reportOrder);
  const findings = judged.filter((r) => r.verdict !== "not_applicable").map(toFinding);
  const notApplicable = judged.length - findings.length;
  const result = configPartResult(findings, notApplicable, config.subjectTypes);
  const gaps = [...config.unreadable].map(([type, reason]) => `${type}: ${reason}`);
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

const toFinding = (result: RuleResult): Finding => ({
  resource: result.resource.id,
  type: result.resource.type,
  status: statusOfVerdict(result.verdict as Exclude<Verdict, "not_applicable">),
  reason: result.reason,
  kind: "config",
  location: result.resource.location,
});

const configPartResult = (
  findings: readonly Finding[],
  notApplicable: number,
  types: readonly string[],
): PartResult => {
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
  const what = types.join(", ");
  return {
    kind: "config",
    status: "unknown",
    reason:
      notApplicable > 0
        ? `not applicable to any of the ${notApplicable} in-scope resources`
        : `no in-scope ${what} to check`,
  };
};
