import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@prometheus-io/lezer-promql";
import { parseDuration } from "./duration";
import { invalidGoEscape } from "./go-strings";
import { AGGREGATION_PARAMETER, FUNCTIONS, type ValueType } from "./promql-functions";
import { compileLabelRegex } from "./promql-regex";

/**
 * PromQL parsed with the Prometheus project's own grammar (@prometheus-io/lezer-promql), then
 * checked the way Prometheus's parser checks an expression after its grammar
 * (promql/parser/parse.go `checkAST`): argument and operand types, arity, `bool` and vector
 * matching rules, `offset`/`@` placement, selectors that would select every series, regexes.
 * The grammar is error-tolerant (it always yields a tree, marking errors), so a syntax error is
 * found as an error node.
 */
export interface PromqlProblem {
  readonly message: string;
  /** 0-based offset in the expression. */
  readonly offset: number;
}

export interface ParsedPromql {
  readonly text: string;
  readonly tree: Tree;
  /** The first problem Prometheus would report, if any. */
  readonly problem?: PromqlProblem;
}

const EXPRESSIONS = new Set([
  "AggregateExpr",
  "BinaryExpr",
  "FunctionCall",
  "MatrixSelector",
  "NumberDurationLiteral",
  "StringLiteral",
  "ParenExpr",
  "OffsetExpr",
  "StepInvariantExpr",
  "SubqueryExpr",
  "UnaryExpr",
  "VectorSelector",
  "AnchoredExpr",
  "SmoothedExpr",
]);

/** Syntax the grammar knows that Prometheus only accepts behind experimental feature flags. */
const EXPERIMENTAL = new Map([
  ["FillModifier", "fill modifiers"],
  ["AnchoredExpr", "the anchored modifier"],
  ["SmoothedExpr", "the smoothed modifier"],
]);

/** Functions and aggregations Prometheus only accepts with `--enable-feature=promql-experimental-functions`. */
const EXPERIMENTAL_FUNCTIONS = new Set([
  "limitk",
  "limit_ratio",
  "sort_by_label",
  "sort_by_label_desc",
  "mad_over_time",
  "info",
  "double_exponential_smoothing",
  "first_over_time",
  "ts_of_first_over_time",
  "ts_of_min_over_time",
  "ts_of_max_over_time",
  "ts_of_last_over_time",
  "histogram_quantiles",
]);

const COMPARISONS = new Set(["Eql", "Neq", "Lte", "Lss", "Gte", "Gtr"]);
const SET_OPERATORS = new Set(["And", "Or", "Unless"]);

class PromqlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const expressionChildren = (node: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (EXPRESSIONS.has(child.name)) out.push(child);
  return out;
};

export const childNamed = (node: SyntaxNode, name: string): SyntaxNode | null => node.getChild(name);

/**
 * What Prometheus 2.42 reads that the current grammar does not, each given to the grammar as
 * text of the same length it reads the same way; every check reads the real text, so offsets
 * stay true. `holt_winters`, renamed double_exponential_smoothing (and made experimental) in
 * Prometheus 3, stands as a function name of its length, and is checked as holt_winters (FUNCTIONS
 * holds its 2.42 signature); a number with a trailing point (`100.`, which Go's ParseFloat reads)
 * stands without it. Inside a string literal a stand-in changes nothing the grammar decides.
 */
const GRAMMAR_STAND_INS: readonly (readonly [RegExp, string])[] = [
  [/(?<![\w:])holt_winters(?=\s*\()/g, "day_of_month"],
  [/(?<![\w.])([0-9]+)\.(?![\w.])/g, "$1 "],
];

const grammarText = (text: string): string =>
  GRAMMAR_STAND_INS.reduce((current, [name, standIn]) => current.replace(name, standIn), text);

/** A name right before a `(` the grammar did not expect: Prometheus reads `name(` as a call. */
const CALLEE_BEFORE = /(?<![\w:])([A-Za-z_]\w*)\s*$/;

export const parsePromql = (text: string): ParsedPromql => {
  const tree = parser.parse(grammarText(text));
  if (text.trim() === "") return { text, tree, problem: { message: "no expression found in input", offset: 0 } };
  try {
    checkSyntax(tree, text);
    const root = expressionChildren(tree.topNode)[0];
    if (!root) throw new PromqlError("no expression found in input", 0);
    new TypeChecker(text).typeOf(root);
    return { text, tree };
  } catch (error) {
    if (error instanceof PromqlError) return { text, tree, problem: { message: error.message, offset: error.offset } };
    throw error;
  }
};

/**
 * The parse of an expression a rule or a panel query owns, made once per owner: several deciders
 * read the same expressions (the rule-file check, the recording-rule closure, signal coverage).
 * Owners are the objects of one read, so nothing is kept across runs.
 */
const parsedByOwner = new WeakMap<object, ParsedPromql>();

export const parsePromqlOf = (owner: object, text: string): ParsedPromql => {
  const cached = parsedByOwner.get(owner);
  if (cached && cached.text === text) return cached;
  const result = parsePromql(text);
  parsedByOwner.set(owner, result);
  return result;
};

const checkSyntax = (tree: Tree, text: string): void => {
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        const near = text.slice(node.from, Math.max(node.to, node.from + 1)).trim();
        const callee = near.startsWith("(") ? CALLEE_BEFORE.exec(text.slice(0, node.from)) : null;
        if (callee) throw new PromqlError(`unknown function with name ${JSON.stringify(callee[1])}`, callee.index);
        throw new PromqlError(near ? `unexpected ${JSON.stringify(near)}` : "unexpected end of input", node.from);
      }
      const experimental = EXPERIMENTAL.get(node.name);
      if (experimental) throw new PromqlError(`${experimental} are experimental PromQL, off by default`, node.from);
      if (node.name === "DurationExpr" || node.name === "OffsetDurationExpr") {
        const duration = text.slice(node.from, node.to).trim().replace(/^-/, "");
        const parsed = parseDuration(duration);
        if (!parsed.ok) throw new PromqlError(`bad duration syntax: ${JSON.stringify(duration)}`, node.from);
        // Prometheus 2.x refuses a zero range, subquery step or offset.
        if (parsed.ms === 0) throw new PromqlError("duration must be greater than 0", node.from);
      }
      if (node.name === "StringLiteral") {
        const badEscape = invalidGoEscape(text.slice(node.from, node.to));
        if (badEscape !== undefined)
          throw new PromqlError(`unknown escape sequence ${JSON.stringify(badEscape)}`, node.from);
      }
      if (node.name === "FunctionIdentifier" || node.name === "AggregateOp") {
        const name = text.slice(node.from, node.to);
        if (EXPERIMENTAL_FUNCTIONS.has(name))
          throw new PromqlError(
            `${JSON.stringify(name)} is an experimental PromQL function, off by default`,
            node.from,
          );
      }
      return undefined;
    },
  });
};

const isNumberLiteral = (text: string): boolean => {
  const unsigned = text.replace(/^[+-]/, "").toLowerCase();
  if (unsigned === "inf" || unsigned === "nan") return true;
  if (unsigned.startsWith("0x")) return unsigned.length > 2 && Number.isFinite(Number(unsigned));
  return unsigned !== "" && Number.isFinite(Number(unsigned));
};

class TypeChecker {
  constructor(private readonly text: string) {}

  private fail(message: string, node: SyntaxNode): never {
    throw new PromqlError(message, node.from);
  }

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private expect(node: SyntaxNode, type: ValueType, context: string): void {
    const actual = this.typeOf(node);
    if (actual !== type)
      this.fail(`expected type ${describeType(type)} in ${context}, got ${describeType(actual)}`, node);
  }

  typeOf(node: SyntaxNode): ValueType {
    switch (node.name) {
      case "NumberDurationLiteral":
        if (!isNumberLiteral(this.source(node)))
          this.fail(`unexpected duration ${JSON.stringify(this.source(node))}`, node);
        return "scalar";
      case "StringLiteral":
        return "string";
      case "VectorSelector":
        this.checkSelector(node);
        return "vector";
      case "MatrixSelector": {
        const [inner] = expressionChildren(node);
        if (inner?.name !== "VectorSelector") this.fail("ranges only allowed for vector selectors", node);
        this.checkSelector(inner);
        return "matrix";
      }
      case "SubqueryExpr": {
        const [inner] = expressionChildren(node);
        const type = this.typeOf(inner);
        if (type !== "vector") this.fail(`subquery is only allowed on instant vector, got ${type}`, node);
        return "matrix";
      }
      case "ParenExpr":
        return this.typeOf(expressionChildren(node)[0]);
      case "UnaryExpr": {
        const type = this.typeOf(expressionChildren(node)[0]);
        if (type !== "scalar" && type !== "vector")
          this.fail(
            `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(type)}`,
            node,
          );
        return type;
      }
      case "OffsetExpr":
      case "StepInvariantExpr":
        return this.modified(node);
      case "AggregateExpr":
        return this.aggregation(node);
      case "FunctionCall":
        return this.call(node);
      case "BinaryExpr":
        return this.binary(node);
      default:
        return this.fail(`unexpected ${JSON.stringify(this.source(node))}`, node);
    }
  }

  /** `offset` and `@` apply to selectors and subqueries only, once each. */
  private modified(node: SyntaxNode): ValueType {
    const [inner] = expressionChildren(node);
    const modifier = node.name === "OffsetExpr" ? "offset" : "@";
    let target = inner;
    while (target.name === "OffsetExpr" || target.name === "StepInvariantExpr") {
      if (target.name === node.name)
        this.fail(`${modifier === "@" ? "@ <timestamp>" : "offset"} may not be set multiple times`, node);
      target = expressionChildren(target)[0];
    }
    if (!["VectorSelector", "MatrixSelector", "SubqueryExpr"].includes(target.name))
      this.fail(
        `${modifier === "@" ? "@ modifier" : "offset modifier"} must be preceded by an instant vector selector or range vector selector or a subquery`,
        node,
      );
    if (node.name === "StepInvariantExpr") {
      const at = node.getChild("NumberDurationLiteral");
      if (at && !isNumberLiteral(this.source(at)))
        this.fail(`unexpected duration ${JSON.stringify(this.source(at))}`, at);
    }
    return this.typeOf(inner);
  }

  private aggregation(node: SyntaxNode): ValueType {
    const op = this.source(node.getChild("AggregateOp")!);
    const body = node.getChild("FunctionCallBody")!;
    const args = expressionChildren(body);
    const parameter = AGGREGATION_PARAMETER[op];
    const expected = parameter ? 2 : 1;
    if (args.length !== expected)
      this.fail(
        `wrong number of arguments for aggregate expression provided, expected ${expected}, got ${args.length}`,
        node,
      );
    this.expect(args[args.length - 1], "vector", "aggregation expression");
    if (parameter) this.expect(args[0], parameter, "aggregation parameter");
    return "vector";
  }

  private call(node: SyntaxNode): ValueType {
    const name = this.source(node.getChild("FunctionIdentifier")!);
    const args = expressionChildren(node.getChild("FunctionCallBody")!);
    const signature = FUNCTIONS[name];
    if (!signature) {
      for (const arg of args) this.typeOf(arg);
      return "vector";
    }
    const count = signature.args.length;
    if (!signature.optional && !signature.repeats) {
      if (args.length !== count)
        this.fail(`expected ${count} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`, node);
    } else {
      const least = count - (signature.optional ?? 1);
      if (args.length < least)
        this.fail(
          `expected at least ${least} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`,
          node,
        );
      if (!signature.repeats && args.length > count)
        this.fail(`expected at most ${count} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`, node);
    }
    args.forEach((arg, index) => {
      if (index >= count && !signature.repeats) return;
      this.expect(arg, signature.args[Math.min(index, count - 1)], `call to function ${JSON.stringify(name)}`);
    });
    return signature.returns;
  }

  private binary(node: SyntaxNode): ValueType {
    const [left, right] = expressionChildren(node);
    const leftType = this.typeOf(left);
    const rightType = this.typeOf(right);
    const operator = operatorOf(node);
    const opName = operator ? this.source(operator) : "?";
    const returnsBool = node.getChild("BoolModifier") !== null;
    const isComparison = operator !== null && COMPARISONS.has(operator.name);
    const isSet = operator !== null && SET_OPERATORS.has(operator.name);
    if (returnsBool && !isComparison) this.fail("bool modifier can only be used on comparison operators", node);
    if (isComparison && !returnsBool && leftType === "scalar" && rightType === "scalar")
      this.fail("comparisons between scalars must use BOOL modifier", node);
    const matching = node.getChild("MatchingModifierClause");
    const grouped =
      matching !== null && (matching.getChild("GroupLeft") !== null || matching.getChild("GroupRight") !== null);
    if (matching?.getChild("On")) {
      const on = labelsOf(matching.getChild("GroupingLabels"), this.text);
      const include = matching.getChildren("GroupingLabels")[1];
      for (const label of labelsOf(include ?? null, this.text))
        if (on.includes(label))
          this.fail(`label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`, node);
    }
    for (const [side, type] of [
      [left, leftType],
      [right, rightType],
    ] as const)
      if (type !== "scalar" && type !== "vector")
        this.fail("binary expression must contain only scalar and instant vector types", side);
    if (leftType !== "vector" || rightType !== "vector") {
      if (matching && labelsOf(matching.getChild("GroupingLabels"), this.text).length > 0)
        this.fail("vector matching only allowed between instant vectors", node);
    } else if (isSet && grouped) {
      this.fail(`no grouping allowed for ${JSON.stringify(opName)} operation`, node);
    }
    if ((leftType === "scalar" || rightType === "scalar") && isSet)
      this.fail(`set operator ${JSON.stringify(opName)} not allowed in binary scalar expression`, node);
    return leftType === "vector" || rightType === "vector" ? "vector" : "scalar";
  }

  private checkSelector(node: SyntaxNode): void {
    const matchers = matchersOf(node, this.text);
    const name = node.getChild("Identifier");
    if (name && matchers.some((m) => m.label === "__name__"))
      this.fail(`metric name must not be set twice: ${JSON.stringify(this.source(name))}`, node);
    for (const matcher of matchers) {
      if (matcher.op === "=~" || matcher.op === "!~") {
        const compiled = compileLabelRegex(matcher.value);
        if (!compiled.ok) this.fail(compiled.error, node);
      }
    }
    const all = name ? [{ label: "__name__", op: "=" as const, value: this.source(name) }, ...matchers] : matchers;
    if (!all.some((matcher) => !matcherMatches(matcher, "")))
      this.fail("vector selector must contain at least one non-empty matcher", node);
  }
}

const describeType = (type: ValueType): string =>
  type === "vector" ? "instant vector" : type === "matrix" ? "range vector" : type;

const operatorOf = (node: SyntaxNode): SyntaxNode | null => {
  for (let child = node.firstChild; child; child = child.nextSibling)
    if (!EXPRESSIONS.has(child.name) && child.name !== "BoolModifier" && child.name !== "MatchingModifierClause")
      return child;
  return null;
};

export interface LabelMatcher {
  readonly label: string;
  readonly op: "=" | "!=" | "=~" | "!~";
  readonly value: string;
}

/** Reads a string literal as PromQL does (Go quoting rules: "…", '…' or `…`). */
export const stringValue = (literal: string): string => {
  if (literal.startsWith("`")) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  if (!body.includes("\\")) return body;
  if (literal.startsWith('"')) {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return body;
    }
  }
  return body.replace(/\\(.)/g, "$1");
};

export const labelsOf = (grouping: SyntaxNode | null, text: string): string[] =>
  grouping ? grouping.getChildren("LabelName").map((n) => text.slice(n.from, n.to)) : [];

export const matchersOf = (selector: SyntaxNode, text: string): LabelMatcher[] => {
  const list = selector.getChild("LabelMatchers");
  if (!list) return [];
  const out: LabelMatcher[] = [];
  for (let matcher = list.firstChild; matcher; matcher = matcher.nextSibling) {
    if (matcher.name === "QuotedLabelName") {
      const literal = matcher.getChild("StringLiteral");
      if (literal) out.push({ label: "__name__", op: "=", value: stringValue(text.slice(literal.from, literal.to)) });
      continue;
    }
    if (matcher.name !== "UnquotedLabelMatcher" && matcher.name !== "QuotedLabelMatcher") continue;
    const nameNode = matcher.getChild("LabelName") ?? matcher.getChild("QuotedLabelName");
    const op = matcher.getChild("MatchOp");
    const literals = matcher.getChildren("StringLiteral");
    const valueNode = literals[literals.length - 1];
    if (!nameNode || !op || !valueNode) continue;
    const rawName = text.slice(nameNode.from, nameNode.to);
    out.push({
      label: nameNode.name === "QuotedLabelName" ? stringValue(rawName) : rawName,
      op: text.slice(op.from, op.to) as LabelMatcher["op"],
      value: stringValue(text.slice(valueNode.from, valueNode.to)),
    });
  }
  return out;
};

/** Whether a matcher accepts a label value (Prometheus regexes are anchored). */
export const matcherMatches = (matcher: LabelMatcher, value: string): boolean => {
  switch (matcher.op) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
    case "!~": {
      const compiled = compileLabelRegex(matcher.value);
      const matches = compiled.ok ? compiled.regex.test(value) : false;
      return matcher.op === "=~" ? matches : !matches;
    }
  }
};
