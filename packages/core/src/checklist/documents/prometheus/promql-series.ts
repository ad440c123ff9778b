import type { SyntaxNode } from "@lezer/common";
import { expressionChildren, type LabelMatcher, labelsOf, matchersOf, type ParsedPromql } from "./promql";
import { SELECTING_AGGREGATIONS } from "./promql-functions";

/**
 * What an expression reads and what its result keeps, from the grammar's tree: the series it
 * selects (metric name and matchers), and whether a label (such as `job` or `queue_name`) survives
 * to the result. Works on trees with syntax errors too: the grammar recovers, so a dashboard
 * query with an unknown Grafana construct still shows the series it reads.
 */
export interface SeriesSelector {
  readonly metric?: string;
  readonly matchers: readonly LabelMatcher[];
}

/**
 * Kept per parse: signal coverage and the recording-rule closure read the selectors of the same
 * rules and panel queries. Parses are the objects of one read, so nothing outlives a run.
 */
const selectorsByParse = new WeakMap<ParsedPromql, readonly SeriesSelector[]>();

export const selectorsOf = (parsed: ParsedPromql): readonly SeriesSelector[] => {
  const cached = selectorsByParse.get(parsed);
  if (cached) return cached;
  const out = readSelectors(parsed);
  selectorsByParse.set(parsed, out);
  return out;
};

const readSelectors = (parsed: ParsedPromql): SeriesSelector[] => {
  const out: SeriesSelector[] = [];
  parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== "VectorSelector") return undefined;
      const node = ref.node;
      const identifier = node.getChild("Identifier");
      const matchers = matchersOf(node, parsed.text);
      const named = matchers.find((m) => m.label === "__name__" && m.op === "=");
      const metric = identifier ? parsed.text.slice(identifier.from, identifier.to) : named?.value;
      out.push({ ...(metric ? { metric } : {}), matchers: matchers.filter((m) => m !== named) });
      return false;
    },
  });
  return out;
};

export const metricNamesOf = (parsed: ParsedPromql): Set<string> =>
  new Set(selectorsOf(parsed).flatMap((selector) => (selector.metric ? [selector.metric] : [])));

/** The names of the functions an expression calls. */
export const functionsOf = (parsed: ParsedPromql): Set<string> => {
  const out = new Set<string>();
  parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name === "FunctionIdentifier") out.add(parsed.text.slice(ref.from, ref.to));
      return undefined;
    },
  });
  return out;
};

/** Whether every series of the result still carries `label` (as the input had it). */
export const keepsLabel = (parsed: ParsedPromql, label: string): boolean => {
  const root = expressionChildren(parsed.tree.topNode)[0];
  return root ? keeps(root, label, parsed.text) : false;
};

const keeps = (node: SyntaxNode, label: string, text: string): boolean => {
  // Aggregations and calls hold their arguments in a FunctionCallBody.
  const body = node.getChild("FunctionCallBody");
  const children = expressionChildren(body ?? node);
  switch (node.name) {
    case "VectorSelector":
    case "MatrixSelector":
      return true;
    case "NumberDurationLiteral":
    case "StringLiteral":
      return false;
    case "AggregateExpr": {
      const op = text.slice(node.getChild("AggregateOp")!.from, node.getChild("AggregateOp")!.to);
      const vector = children[children.length - 1];
      if (!vector || !keeps(vector, label, text)) return false;
      const modifier = node.getChild("AggregateModifier");
      if (SELECTING_AGGREGATIONS.has(op) && !modifier) return true;
      if (!modifier) return false;
      const labels = labelsOf(modifier.getChild("GroupingLabels"), text);
      return modifier.getChild("By") ? labels.includes(label) : !labels.includes(label);
    }
    case "FunctionCall": {
      const name = text.slice(node.getChild("FunctionIdentifier")!.from, node.getChild("FunctionIdentifier")!.to);
      if (name === "scalar" || name === "vector" || name === "time" || name === "pi") return false;
      if (name === "label_replace" || name === "label_join") {
        const target = children[1];
        if (target && text.slice(target.from + 1, target.to - 1) === label) return true;
      }
      const series = children.find((child) => child.name !== "NumberDurationLiteral" && child.name !== "StringLiteral");
      return series ? keeps(series, label, text) : false;
    }
    case "BinaryExpr": {
      const [left, right] = children;
      const leftScalar = !left || left.name === "NumberDurationLiteral";
      const rightScalar = !right || right.name === "NumberDurationLiteral";
      if (leftScalar) return right ? keeps(right, label, text) : false;
      if (rightScalar) return keeps(left, label, text);
      const matching = node.getChild("MatchingModifierClause");
      const manySide = matching?.getChild("GroupRight") ? right : left;
      if (!keeps(manySide, label, text)) return false;
      if (!matching || matching.getChild("GroupLeft") || matching.getChild("GroupRight")) return true;
      const labels = labelsOf(matching.getChild("GroupingLabels"), text);
      return matching.getChild("On") ? labels.includes(label) : !labels.includes(label);
    }
    default:
      return children[0] ? keeps(children[0], label, text) : false;
  }
};
