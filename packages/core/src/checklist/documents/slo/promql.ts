import { parser } from "@prometheus-io/lezer-promql";

type Tree = ReturnType<typeof parser.parse>;
type SyntaxNode = Tree["topNode"];

/**
 * PromQL read with the Prometheus project's own grammar (lezer-promql): the series a query selects
 * and the latency facts an SLO's indicator carries (a histogram quantile, a bucket's `le`, a
 * summary's `quantile`). The grammar recovers from errors; any error node makes the query invalid,
 * at the first error's offset.
 */

export type PromqlParse =
  | { readonly ok: true; readonly query: ParsedQuery }
  | { readonly ok: false; readonly offset: number; readonly message: string };

export interface ParsedQuery {
  readonly text: string;
  readonly tree: Tree;
}

/** Sloth's queries carry the Go template `{{.window}}`, filled in per window when Sloth renders rules. */
export const fillSlothWindow = (query: string): string => query.replace(/\{\{\s*\.window\s*\}\}/g, "5m");

export const parsePromql = (text: string): PromqlParse => {
  if (text.trim() === "") return { ok: false, offset: 0, message: "the query is empty" };
  const tree = parser.parse(text);
  let errorAt: number | undefined;
  tree.iterate({
    enter(node) {
      if (errorAt !== undefined) return false;
      if (node.type.isError) errorAt = node.from;
      return undefined;
    },
  });
  if (errorAt !== undefined)
    return {
      ok: false,
      offset: errorAt,
      message: `PromQL syntax error at character ${errorAt + 1}: ${JSON.stringify(text.slice(errorAt, errorAt + 20) || "(end of query)")}`,
    };
  return { ok: true, query: { text, tree } };
};

export interface Selector {
  /** The metric name, or undefined for a selector by labels only. */
  readonly metric?: string;
  /** Equality matchers (`=`) by label name; regex and negative matchers are left out. */
  readonly equals: Readonly<Record<string, string>>;
}

/** Every vector selector of the query, in order. */
export const selectorsOf = (query: ParsedQuery): Selector[] => {
  const selectors: Selector[] = [];
  query.tree.iterate({
    enter(node) {
      if (node.name !== "VectorSelector") return undefined;
      selectors.push(selectorOf(node.node, query.text));
      return false;
    },
  });
  return selectors;
};

/** The metric names a query reads, without repeats, in order. */
export const seriesOf = (query: ParsedQuery): string[] => [
  ...new Set(selectorsOf(query).flatMap((s) => (s.metric ? [s.metric] : []))),
];

/** The quantile of the first `histogram_quantile(φ, …)` call, when φ is a number literal. */
export const histogramQuantileOf = (query: ParsedQuery): number | undefined => {
  let quantile: number | undefined;
  query.tree.iterate({
    enter(node) {
      if (quantile !== undefined) return false;
      if (node.name !== "FunctionCall" || !node.node.getChild("FunctionIdentifier")?.getChild("HistogramQuantile"))
        return undefined;
      const first = node.node.getChild("FunctionCallBody")?.firstChild;
      if (first?.name === "NumberDurationLiteral") quantile = Number(query.text.slice(first.from, first.to));
      return undefined;
    },
  });
  return quantile;
};

/**
 * The number the whole query's value is scaled by: `histogram_quantile(…) * 1000` reports seconds
 * as milliseconds (1000), `… / 60` as minutes (1/60); 1 when it is not scaled by a number.
 */
export const scaleOf = (query: ParsedQuery): number => {
  const unwrap = (node: SyntaxNode | null): SyntaxNode | null => {
    let current = node;
    while (current && (current.name === "ParenExpr" || current.name === "PromQL"))
      current = current.firstChild?.name === "(" ? current.firstChild.nextSibling : current.firstChild;
    return current;
  };
  const number = (node: SyntaxNode | null): number | undefined =>
    node?.name === "NumberDurationLiteral" ? Number(query.text.slice(node.from, node.to)) : undefined;
  let scale = 1;
  for (let node = unwrap(query.tree.topNode); node?.name === "BinaryExpr"; ) {
    const left = unwrap(node.firstChild);
    const op = left?.nextSibling;
    const right = unwrap(op?.nextSibling ?? null);
    const [l, r] = [number(left), number(right)];
    if (op?.name === "Mul" && r !== undefined && r !== 0) {
      scale *= r;
      node = left;
    } else if (op?.name === "Mul" && l !== undefined && l !== 0) {
      scale *= l;
      node = right;
    } else if (op?.name === "Div" && r !== undefined && r !== 0) {
      scale /= r;
      node = left;
    } else break;
  }
  return Number.isFinite(scale) ? scale : 1;
};

const selectorOf = (node: SyntaxNode, text: string): Selector => {
  const source = (n: SyntaxNode): string => text.slice(n.from, n.to);
  let metric = node.getChild("Identifier") ? source(node.getChild("Identifier")!) : undefined;
  const equals: Record<string, string> = {};
  const matchers = node.getChild("LabelMatchers");
  for (let child = matchers?.firstChild; child; child = child.nextSibling) {
    if (child.name === "QuotedLabelName") {
      // {"metric.name", …}: a quoted metric name (Prometheus 3's UTF-8 names).
      const literal = child.getChild("StringLiteral");
      if (literal) metric = unquote(source(literal));
      continue;
    }
    if (child.name !== "UnquotedLabelMatcher" && child.name !== "QuotedLabelMatcher") continue;
    const nameNode = child.getChild("LabelName") ?? child.getChild("QuotedLabelName")?.getChild("StringLiteral");
    const op = child.getChild("MatchOp");
    const values = child.getChildren("StringLiteral");
    const value = values[values.length - 1];
    if (!nameNode || !op || !value || !op.getChild("EqlSingle")) continue;
    const name = nameNode.name === "LabelName" ? source(nameNode) : unquote(source(nameNode));
    if (name === "__name__") metric = unquote(source(value));
    else equals[name] = unquote(source(value));
  }
  return { ...(metric ? { metric } : {}), equals };
};

/** A PromQL string literal's value: "…" and '…' with Go escapes, `…` raw. */
export const unquote = (literal: string): string => {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === "`") return body;
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{3}|.)/g, (_, sequence: string) => {
    const head = sequence[0]!;
    if (head === "u" || head === "U" || head === "x")
      return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    if (/[0-7]/.test(head) && sequence.length === 3) return String.fromCodePoint(Number.parseInt(sequence, 8));
    return { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v" }[head] ?? head;
  });
};
