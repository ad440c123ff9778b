import type { EvaluationKind } from "../model/finding";
import type { PartSource } from "../engine/sources";
import type { ConfigRule } from "../rules/rule";
import type { ItemId } from "./items";
import type * as z from "../../kernel/validation/zod";

export type Section = "Reliability" | "Security" | "Observability" | "Operations";
export type Severity = "critical" | "high" | "medium" | "low";

/** An item's parameters: an object schema with defaults; readiness.yml's `rules.<id>` overrides them. */
export type ParamSchema = z.ZodMiniType<Record<string, unknown>, Record<string, unknown>>;

/**
 * One checklist item, declared once in `checklist/catalogue/<id>.ts` through declareItem: what the
 * users call it, how it is decided, its parameters and the configuration rules that decide its
 * config part. The static registry (items.ts), the lazy loaders (loaders.ts), the IAM actions and
 * the Config rule scopes are all derived from these declarations.
 */
export interface ItemDeclaration<Id extends ItemId = ItemId, S extends ParamSchema = ParamSchema>
  extends Omit<ItemSpec<Id, S>, "needs" | "rules"> {
  /** The parts that decide the item, in KIND_ORDER: derived from `rules` and `sources`. */
  readonly kinds: readonly EvaluationKind[];
  /**
   * For each non-config kind the spec says it of: the reason shown while that part is not decided,
   * led by its kind (e.g. "needs evidence: no load test recorded").
   */
  readonly needs: Partial<Record<OtherKind, string>>;
  /** The configuration rules that decide the config part, in the order they run (none: no config part). */
  readonly rules: readonly ConfigRule<Id>[];
}

type OtherKind = Exclude<EvaluationKind, "config">;

/** What an item's file writes: its declaration less what is derived from it. */
export interface ItemSpec<Id extends ItemId = ItemId, S extends ParamSchema = ParamSchema> {
  /** Stable kebab-case id: Config rule names, JSON output and SARIF rule ids use it. */
  readonly id: Id;
  readonly section: Section;
  /** The users' own words, verbatim from CHECKLIST.md. */
  readonly title: string;
  readonly severity: Severity;
  /** What decides the item, in one sentence (CHECKLIST.md's last column). */
  readonly decidedBy: string;
  /** How to fix a failure. */
  readonly remediation: string;
  /**
   * For each non-config kind: what is missing while it is not decided (e.g. evidence: "no load test
   * recorded"; the reason shown is "needs evidence: no load test recorded"). None: no more than
   * "needs evidence".
   */
  readonly needs?: Partial<Record<OtherKind, string>>;
  /** The item's parameters, with their defaults. */
  readonly params: S;
  /** The configuration rules that decide the config part, in the order they run (none or empty: no config part). */
  readonly rules?: readonly ConfigRule<Id>[];
  /** What decides each other part (probe, evidence, document); a part without one stays undecided. */
  readonly sources?: { readonly [Kind in OtherKind]?: PartSource };
  /**
   * A part that decides the item when the configuration cannot be: an undecided config part (a
   * setting the source could not read) with this part passing passes the item. A configuration
   * that fails still fails the item. mtls: a recorded handshake probe shows client certificates
   * enforced where the listener's mutual-TLS settings were not readable.
   */
  readonly decidesUnreadableConfig?: OtherKind;
}

/**
 * The order an item's parts are listed in wherever they show (reports, SARIF tags, `readiness
 * items`, CHECKLIST.md): the documents, the configuration, then the probe or the evidence.
 */
const KIND_ORDER: readonly EvaluationKind[] = ["document", "config", "probe", "evidence"];

/**
 * An item's declaration from its file's spec. Its kinds are derived, so that they cannot disagree
 * with what decides the item: config when it has rules, each other kind it has a source for. Each
 * `needs` reason is led by its kind, so the spec does not say the kind a second time.
 */
export const declareItem = <Id extends ItemId, S extends ParamSchema>(
  spec: ItemSpec<Id, S>,
): ItemDeclaration<Id, S> => {
  const rules = spec.rules ?? [];
  return {
    ...spec,
    kinds: KIND_ORDER.filter((kind) => (kind === "config" ? rules.length > 0 : spec.sources?.[kind] !== undefined)),
    needs: Object.fromEntries(
      Object.entries(spec.needs ?? {}).map(([kind, missing]) => [kind, `needs ${kind}: ${missing}`]),
    ),
    rules,
  };
};
