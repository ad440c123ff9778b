/**
 * GitHub Actions expressions (`if:` conditions), parsed by their grammar and evaluated for one
 * simulated event with three-valued logic: a context readiness does not know (`github.actor`,
 * `vars.*`, `inputs.*`, a job output) is `UNKNOWN`, and so is anything that depends on it, while
 * `unknown && false` is still false. Semantics follow GitHub's documentation: `&&`/`||` return an
 * operand, falsy is false, 0, "", null; `==` between strings ignores case, and operands of
 * different types compare as numbers; `startsWith`, `endsWith` and `contains` ignore case.
 */

export const UNKNOWN: unique symbol = Symbol("unknown");
export type Value =
  | string
  | number
  | boolean
  | null
  | typeof UNKNOWN
  | readonly Value[]
  | { readonly [key: string]: Value };

export type Expr =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "context"; readonly name: string }
  | { readonly kind: "property"; readonly object: Expr; readonly key: Expr }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr };

export class ExpressionSyntaxError extends Error {}

type Token = { kind: "number" | "string" | "name" | "op" | "end"; text: string; at: number };

const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", ".", ",", "*"];

const tokenize = (source: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let text = "";
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw new ExpressionSyntaxError(`unterminated string at ${i + 1}`);
        if (source[j] === "'" && source[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (source[j] === "'") break;
        else text += source[j++];
      }
      tokens.push({ kind: "string", text, at: i });
      i = j + 1;
      continue;
    }
    const number = /^(0x[0-9a-fA-F]+|-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(source.slice(i));
    if (number && /[\d.-]/.test(c)) {
      tokens.push({ kind: "number", text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new ExpressionSyntaxError(`unexpected "${c}" at ${i + 1}`);
    tokens.push({ kind: "op", text: op, at: i });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", at: source.length });
  return tokens;
};

/** Parses an expression; a whole-string `${{ … }}` wrapper is removed first. */
export const parseExpression = (source: string): Expr => {
  const trimmed = source.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(trimmed);
  const text = wrapped ? wrapped[1]! : trimmed;
  if (text.includes("${{"))
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a JS template
    throw new ExpressionSyntaxError("mixes text and ${{ }} (GitHub reads that as a non-empty string)");
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position]!;
  const next = () => tokens[position++]!;
  const expect = (text: string) => {
    const token = next();
    if (token.text !== text || token.kind === "string")
      throw new ExpressionSyntaxError(`expected "${text}" at ${token.at + 1}`);
  };
  const binary = (operators: readonly string[], operand: () => Expr) => (): Expr => {
    let left = operand();
    while (peek().kind === "op" && operators.includes(peek().text)) {
      const op = next().text;
      left = { kind: "binary", op, left, right: operand() };
    }
    return left;
  };
  const primary = (): Expr => {
    const token = next();
    if (token.kind === "string") return { kind: "literal", value: token.text };
    if (token.kind === "number") return { kind: "literal", value: Number(token.text) };
    if (token.kind === "op" && token.text === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (token.kind === "name") {
      if (token.text === "true" || token.text === "false") return { kind: "literal", value: token.text === "true" };
      if (token.text === "null") return { kind: "literal", value: null };
      if (peek().text === "(" && peek().kind === "op") {
        next();
        const args: Expr[] = [];
        if (peek().text !== ")") {
          args.push(or());
          while (peek().text === "," && peek().kind === "op") {
            next();
            args.push(or());
          }
        }
        expect(")");
        return { kind: "call", name: token.text.toLowerCase(), args };
      }
      return { kind: "context", name: token.text.toLowerCase() };
    }
    throw new ExpressionSyntaxError(
      `unexpected ${token.kind === "end" ? "end of expression" : `"${token.text}"`} at ${token.at + 1}`,
    );
  };
  const postfix = (): Expr => {
    let expr = primary();
    for (;;) {
      if (peek().kind === "op" && peek().text === ".") {
        next();
        const key = next();
        if (key.kind !== "name" && !(key.kind === "op" && key.text === "*"))
          throw new ExpressionSyntaxError(`expected a property name at ${key.at + 1}`);
        expr = { kind: "property", object: expr, key: { kind: "literal", value: key.text.toLowerCase() } };
      } else if (peek().kind === "op" && peek().text === "[") {
        next();
        const key = or();
        expect("]");
        expr = { kind: "property", object: expr, key };
      } else return expr;
    }
  };
  const unary = (): Expr => {
    if (peek().kind === "op" && peek().text === "!") {
      next();
      return { kind: "not", operand: unary() };
    }
    return postfix();
  };
  const comparison = binary(["<", "<=", ">", ">="], unary);
  const equality = binary(["==", "!="], comparison);
  const and = binary(["&&"], equality);
  const or = binary(["||"], and);
  const expr = or();
  if (peek().kind !== "end") throw new ExpressionSyntaxError(`unexpected "${peek().text}" at ${peek().at + 1}`);
  return expr;
};

/** The job status functions GitHub evaluates a job's `if` with. */
export interface JobStatus {
  readonly success: boolean;
  readonly failure: boolean;
  readonly cancelled: boolean;
}

const STATUS_FUNCTIONS = new Set(["success", "failure", "cancelled", "always"]);

/** Whether the expression calls a status function (without one, GitHub adds `success() &&`). */
export const callsStatusFunction = (expr: Expr): boolean => {
  switch (expr.kind) {
    case "call":
      return STATUS_FUNCTIONS.has(expr.name) || expr.args.some(callsStatusFunction);
    case "property":
      return callsStatusFunction(expr.object) || callsStatusFunction(expr.key);
    case "not":
      return callsStatusFunction(expr.operand);
    case "binary":
      return callsStatusFunction(expr.left) || callsStatusFunction(expr.right);
    default:
      return false;
  }
};

/** A job's `if`, as GitHub runs it: with `success() &&` prepended when it calls no status function. */
export const evaluateJobCondition = (
  expr: Expr,
  contexts: Readonly<Record<string, Value>>,
  status: JobStatus,
): Value => {
  const value = evaluate(expr, contexts, status);
  return callsStatusFunction(expr) || status.success ? value : false;
};

export const truthy = (value: Value): boolean | typeof UNKNOWN => {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === null || value === false || value === 0 || value === "") return false;
  return !(typeof value === "number" && Number.isNaN(value));
};

export const evaluate = (expr: Expr, contexts: Readonly<Record<string, Value>>, status: JobStatus): Value => {
  const run = (e: Expr) => evaluate(e, contexts, status);
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "context":
      return expr.name in contexts ? contexts[expr.name]! : UNKNOWN;
    case "property": {
      const object = run(expr.object);
      const key = run(expr.key);
      if (object === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      // The object filter: `needs.*` is the array of needs' values, `needs.*.result` each one's result.
      if (key === "*") return filtered(object);
      if (expr.object.kind === "property" && isFilter(expr.object.key) && Array.isArray(object))
        return (object as readonly Value[]).map((item) => propertyOf(item, key));
      if (object === null || typeof object !== "object") return null;
      if (Array.isArray(object)) return typeof key === "number" ? (object[key] ?? null) : null;
      const record = object as { readonly [key: string]: Value };
      const name = String(key).toLowerCase();
      return name in record ? record[name]! : UNKNOWN;
    }
    case "not": {
      const operand = truthy(run(expr.operand));
      return operand === UNKNOWN ? UNKNOWN : !operand;
    }
    case "binary":
      return binaryOf(expr.op, expr.left, expr.right, run);
    case "call":
      return callOf(expr.name, expr.args.map(run), status);
  }
};

const isFilter = (key: Expr): boolean => key.kind === "literal" && key.value === "*";

const filtered = (value: Value): Value => {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === "object") return Object.values(value as { readonly [key: string]: Value });
  return [];
};

/** One item's property, in a filter's result: what it lacks is null, what is unknown stays unknown. */
const propertyOf = (item: Value, key: Value): Value => {
  if (item === UNKNOWN) return UNKNOWN;
  if (item === null || typeof item !== "object" || Array.isArray(item)) return null;
  const record = item as { readonly [key: string]: Value };
  const name = String(key).toLowerCase();
  return name in record ? record[name]! : UNKNOWN;
};

const binaryOf = (op: string, leftExpr: Expr, rightExpr: Expr, run: (e: Expr) => Value): Value => {
  const left = run(leftExpr);
  if (op === "&&" || op === "||") {
    const l = truthy(left);
    const decidedBy = op === "||";
    if (l === decidedBy) return left;
    const right = run(rightExpr);
    if (l === UNKNOWN) return truthy(right) === decidedBy ? right : UNKNOWN;
    return right;
  }
  const right = run(rightExpr);
  if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
  if (op === "==" || op === "!=") return looselyEqual(left, right) === (op === "==");
  const [a, b] =
    typeof left === "string" && typeof right === "string"
      ? [left.toLowerCase(), right.toLowerCase()]
      : [toNumber(left), toNumber(right)];
  if (op === "<") return a < b;
  if (op === "<=") return a <= b;
  if (op === ">") return a > b;
  return a >= b;
};

const looselyEqual = (left: Value, right: Value): boolean => {
  if (typeof left === "string" && typeof right === "string") return left.toLowerCase() === right.toLowerCase();
  const isObject = (value: Value) => typeof value === "object" && value !== null;
  if (isObject(left) || isObject(right)) return left === right;
  if (typeof left === typeof right) return left === right;
  return toNumber(left) === toNumber(right);
};

const toNumber = (value: Value): number => {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? 0 : Number(value);
  return Number.NaN;
};

const callOf = (name: string, args: readonly Value[], status: JobStatus): Value => {
  switch (name) {
    case "success":
      return status.success;
    case "failure":
      return status.failure;
    case "cancelled":
      return status.cancelled;
    case "always":
      return true;
  }
  if (args.includes(UNKNOWN)) return UNKNOWN;
  const text = (value: Value) =>
    (typeof value === "string" ? value : value === null ? "" : String(value)).toLowerCase();
  switch (name) {
    case "startswith":
      return text(args[0]!).startsWith(text(args[1]!));
    case "endswith":
      return text(args[0]!).endsWith(text(args[1]!));
    case "contains": {
      const [haystack, needle] = args;
      if (Array.isArray(haystack)) return haystack.some((item) => looselyEqual(item, needle!));
      return text(haystack!).includes(text(needle!));
    }
    case "format":
      return formatOf(args);
    case "fromjson":
      return fromJsonOf(args[0]);
    default:
      // join, toJSON, hashFiles: not needed to decide where a job runs.
      return UNKNOWN;
  }
};

/** GitHub's `fromJSON('["main", "release"]')`: the JSON as a value, object keys matched without case. */
const fromJsonOf = (text: Value | undefined): Value => {
  if (typeof text !== "string") return UNKNOWN;
  const toValue = (json: unknown): Value => {
    if (json === null || typeof json === "string" || typeof json === "number" || typeof json === "boolean") return json;
    if (Array.isArray(json)) return json.map(toValue);
    return Object.fromEntries(
      Object.entries(json as object).map(([key, value]) => [key.toLowerCase(), toValue(value)]),
    );
  };
  try {
    return toValue(JSON.parse(text));
  } catch {
    return UNKNOWN;
  }
};

/** GitHub's `format('{0}-{1}', a, b)`: `{N}` is the N-th argument as text, `{{` and `}}` are braces. */
const formatOf = (args: readonly Value[]): Value => {
  const [template, ...values] = args;
  if (typeof template !== "string") return UNKNOWN;
  const asText = (value: Value | undefined): string | undefined =>
    typeof value === "string" ? value : value === null ? "" : typeof value === "object" ? undefined : String(value);
  let unknown = false;
  const out = template.replace(/\{\{|\}\}|\{(\d+)\}/g, (token, index: string | undefined) => {
    if (token === "{{") return "{";
    if (token === "}}") return "}";
    const text = asText(values[Number(index)]);
    if (text === undefined) unknown = true;
    return text ?? "";
  });
  return unknown ? UNKNOWN : out;
};

/** The expression as one line of text, for reasons. */
export const describeCondition = (source: string): string => source.replace(/\s+/g, " ").trim();
