import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseAllDocuments,
  type YAMLMap,
} from "yaml";
import type { DocumentFile, DocumentPlace } from "../types";
import { parseDuration } from "./duration";
import { scalarText, YamlPlaces, yamlTag } from "./yaml-places";

/**
 * A Prometheus rule file read as Prometheus 2.42 reads it (model/rulefmt: yaml.v3 with known
 * fields only, into RuleGroups): every rule with the places of its parts, and every problem that
 * makes Prometheus refuse the file. Only the first YAML document counts, as in Prometheus.
 * Structural checks past decoding (names, expressions, templates, duplicates) are in
 * rule-checks.ts.
 */
export interface PrometheusRule {
  readonly file: string;
  readonly group: string;
  /** 1-based position in its group, as promtool counts. */
  readonly index: number;
  /** Set when the rule is an alerting rule. */
  readonly alert?: string;
  /** Set when the rule is a recording rule. */
  readonly record?: string;
  readonly expr?: string;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The `alert` or `record` key, else the rule's first line. */
  readonly place: DocumentPlace;
  readonly exprPlace: DocumentPlace;
  readonly labelPlaces: Readonly<Record<string, DocumentPlace>>;
  readonly annotationPlaces: Readonly<Record<string, DocumentPlace>>;
}

export interface RuleGroup {
  readonly name: string;
  readonly place: DocumentPlace;
  readonly rules: readonly PrometheusRule[];
}

/** Something that makes Prometheus (and promtool) refuse the file. */
export interface RuleProblem {
  readonly message: string;
  readonly place: DocumentPlace;
  /** The rule's name (alert or record) when the problem is a rule's. */
  readonly rule?: string;
}

export interface RuleFile {
  readonly path: string;
  readonly groups: readonly RuleGroup[];
  readonly problems: readonly RuleProblem[];
}

const FILE_FIELDS = new Set(["groups"]);
/** 2.42's fields, and `query_offset` (Prometheus ≥ 2.53), which promtool 2.42 does not know yet. */
const GROUP_FIELDS = new Set(["name", "interval", "limit", "rules", "query_offset"]);
const RULE_FIELDS = new Set(["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"]);

export const readRuleFile = (file: DocumentFile): RuleFile => {
  const lines = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const first = Array.isArray(docs) ? docs[0] : undefined;
  if (!first) return { path: file.path, groups: [], problems: [] };
  const places = new YamlPlaces(file.path, lines, first);
  const problems: RuleProblem[] = [];
  const problem = (message: string, place: DocumentPlace, rule?: string) =>
    problems.push(rule === undefined ? { message, place } : { message, place, rule });
  if (first.errors.length > 0) {
    for (const error of first.errors)
      problem(`invalid YAML: ${error.message.split("\n")[0]}`, places.atOffset(error.pos[0]));
    return { path: file.path, groups: [], problems };
  }
  const reader = new RuleReader(places, problem);
  return { path: file.path, groups: reader.file(first.contents), problems };
};

type Report = (message: string, place: DocumentPlace, rule?: string) => void;

class RuleReader {
  constructor(
    private readonly places: YamlPlaces,
    private readonly report: Report,
  ) {}

  file(root: unknown): RuleGroup[] {
    const node = this.places.resolve(root);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return [];
    const map = this.mapping(node, "rulefmt.RuleGroups");
    if (!map) return [];
    const fields = this.fields(map, FILE_FIELDS, "rulefmt.RuleGroups");
    const groups = this.places.resolve(fields.get("groups")?.value);
    if (groups === undefined || groups === null || (isScalar(groups) && groups.value === null)) return [];
    if (!isSeq(groups)) {
      this.mismatch(groups as Node, "[]rulefmt.RuleGroup");
      return [];
    }
    return groups.items.flatMap((item) => {
      const group = this.group(this.places.resolve(item));
      return group ? [group] : [];
    });
  }

  private group(node: unknown): RuleGroup | undefined {
    const map = this.mapping(node, "rulefmt.RuleGroup");
    if (!map) return undefined;
    const fields = this.fields(map, GROUP_FIELDS, "rulefmt.RuleGroup");
    const name = this.string(fields.get("name")) ?? "";
    this.duration(fields.get("interval"));
    this.duration(fields.get("query_offset"));
    const limit = this.places.resolve(fields.get("limit")?.value);
    if (limit !== undefined && !(isScalar(limit) && (limit.value === null || Number.isInteger(limit.value))))
      this.mismatch(limit as Node, "int");
    const place = this.places.at(map);
    const rulesNode = this.places.resolve(fields.get("rules")?.value);
    const rules: PrometheusRule[] = [];
    if (isSeq(rulesNode)) {
      rulesNode.items.forEach((item, index) => {
        const rule = this.rule(this.places.resolve(item), name, index + 1);
        if (rule) rules.push(rule);
      });
    } else if (rulesNode !== undefined && rulesNode !== null && !(isScalar(rulesNode) && rulesNode.value === null)) {
      this.mismatch(rulesNode as Node, "[]rulefmt.RuleNode");
    }
    return { name, place, rules };
  }

  private rule(node: unknown, group: string, index: number): PrometheusRule | undefined {
    const map = this.mapping(node, "rulefmt.RuleNode");
    if (!map) return undefined;
    const fields = this.fields(map, RULE_FIELDS, "rulefmt.RuleNode");
    const alert = this.string(fields.get("alert")) || undefined;
    const record = this.string(fields.get("record")) || undefined;
    const expr = this.string(fields.get("expr")) || undefined;
    const keyOf = fields.get("alert") ?? fields.get("record");
    const labels = this.stringMap(fields.get("labels"));
    const annotations = this.stringMap(fields.get("annotations"));
    return {
      file: this.places.file,
      group,
      index,
      ...(alert !== undefined ? { alert } : {}),
      ...(record !== undefined ? { record } : {}),
      ...(expr !== undefined ? { expr } : {}),
      forMs: this.duration(fields.get("for")),
      keepFiringForMs: this.duration(fields.get("keep_firing_for")),
      labels: labels.values,
      annotations: annotations.values,
      place: this.places.at((keyOf?.value as Node) ?? map),
      exprPlace: this.places.at((fields.get("expr")?.value as Node) ?? map),
      labelPlaces: labels.places,
      annotationPlaces: annotations.places,
    };
  }

  // --- decoding helpers, with yaml.v3's messages ------------------------------------------------
  private mapping(node: unknown, type: string): YAMLMap | undefined {
    if (isMap(node)) return node;
    if (node !== null && node !== undefined && !(isScalar(node) && node.value === null))
      this.mismatch(node as Node, type);
    return undefined;
  }

  private mismatch(node: Node, type: string): void {
    const text = isScalar(node) ? ` \`${scalarText(node)}\`` : "";
    this.report(`cannot unmarshal ${yamlTag(node)}${text} into ${type}`, this.places.at(node));
  }

  private fields(map: YAMLMap, known: ReadonlySet<string>, type: string): Map<string, Pair> {
    const out = new Map<string, Pair>();
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = scalarText(this.places.resolve(pair.key)) ?? "";
      if (!known.has(key)) this.report(`field ${key} not found in type ${type}`, this.places.at(pair.key as Node));
      else out.set(key, pair);
    }
    return out;
  }

  /** A string field: null when absent or null, undefined when it is not a scalar (reported). */
  private string(pair: Pair | undefined): string | null | undefined {
    if (!pair) return null;
    const value = this.places.resolve(pair.value);
    if (value === null || value === undefined) return null;
    const text = scalarText(value);
    if (text === undefined) this.mismatch(value as Node, "string");
    return text;
  }

  /** A duration field in milliseconds; absent and null are 0, as in Go. */
  private duration(pair: Pair | undefined): number {
    const text = this.string(pair);
    if (text === null || text === undefined) return 0;
    const parsed = parseDuration(text);
    if (parsed.ok) return parsed.ms;
    this.report(parsed.error, this.places.at(pair!.value as Node));
    return 0;
  }

  private stringMap(pair: Pair | undefined): {
    values: Record<string, string>;
    places: Record<string, DocumentPlace>;
  } {
    const values: Record<string, string> = {};
    const places: Record<string, DocumentPlace> = {};
    if (!pair) return { values, places };
    const node = this.places.resolve(pair.value);
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return { values, places };
    if (!isMap(node)) {
      this.mismatch(node as Node, "map[string]string");
      return { values, places };
    }
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = scalarText(this.places.resolve(item.key));
      const value = this.places.resolve(item.value);
      const text = value === null || value === undefined ? "" : scalarText(value);
      if (key === undefined || key === null) continue;
      if (text === undefined) {
        this.mismatch(value as Node, "string");
        continue;
      }
      values[key] = text ?? "";
      places[key] = this.places.at(item.key as Node);
    }
    return { values, places };
  }
}
