import { goEscapeLength, invalidGoEscape } from "./go-strings";
import { lexTemplate, TemplateSyntaxError, type Token } from "./go-template-lexer";

/**
 * Whether a Go text/template parses, as `promtool check rules` tests the labels and annotations of
 * alerting rules: the parser of go/src/text/template/parse/parse.go (Go 1.19: `else if`, no
 * `else with`), with Prometheus's template functions defined and its four variables declared.
 * Only parsing is checked, as promtool does: a template that would fail when executed (a missing
 * field, a wrong argument type) parses.
 */

/** Go's builtins and the functions Prometheus 2.42 adds (template/template.go). */
const GO_BUILTINS = ["and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println"];
const GO_COMPARISONS = ["urlquery", "eq", "ge", "gt", "le", "lt", "ne"];
const PROMETHEUS_FUNCTIONS = [
  "query",
  "first",
  "label",
  "value",
  "strvalue",
  "args",
  "reReplaceAll",
  "safeHtml",
  "match",
  "title",
  "toUpper",
  "toLower",
  "graphLink",
  "tableLink",
  "sortByLabel",
  "humanize",
  "humanize1024",
  "humanizeDuration",
  "humanizePercentage",
  "humanizeTimestamp",
  "toTime",
  "pathPrefix",
  "externalURL",
  "parseDuration",
  "stripPort",
  "stripDomain",
];
export const TEMPLATE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...GO_BUILTINS,
  ...GO_COMPARISONS,
  ...PROMETHEUS_FUNCTIONS,
]);

/** Prometheus prepends `{{$labels := .Labels}}{{$externalLabels := …}}…` to every alert template. */
export const ALERT_TEMPLATE_VARIABLES = ["$labels", "$externalLabels", "$externalURL", "$value"] as const;

export type TemplateCheck = { readonly ok: true } | { readonly ok: false; readonly error: string };

export const checkAlertTemplate = (text: string): TemplateCheck => {
  // Text without an action delimiter is one text node to Go's parser: it always parses. Most label
  // values (`severity: critical`) are such text.
  if (!text.includes("{{")) return { ok: true };
  try {
    new TemplateParser(lexTemplate(text)).parse();
    return { ok: true };
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
};

type Ending = "end" | "else" | "elseIf";

const describe = (token: Token): string => {
  switch (token.type) {
    case "eof":
      return "EOF";
    case "keyword":
      return `<${token.value}>`;
    case "rightDelim":
    case "leftDelim":
      return `<${token.value.trim()}>`;
    default:
      return JSON.stringify(token.value);
  }
};

class TemplateParser {
  private index = 0;
  private vars: string[] = ["$", ...ALERT_TEMPLATE_VARIABLES];
  private rangeDepth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): void {
    for (;;) {
      const token = this.peek();
      if (token.type === "eof") return;
      if (token.type === "leftDelim") {
        this.next();
        if (this.peekNonSpace().type === "keyword" && this.peekNonSpace().value === "define") {
          this.nextNonSpace();
          this.definition();
          continue;
        }
        const ending = this.action();
        if (ending) this.fail(`unexpected {{${ending === "elseIf" ? "else" : ending}}}`);
      } else this.next(); // text and comments
    }
  }

  // --- tokens -------------------------------------------------------------------------------
  private peek(): Token {
    return this.tokens[this.index];
  }
  private next(): Token {
    const token = this.tokens[this.index];
    if (token.type !== "eof") this.index++;
    return token;
  }
  private peekNonSpace(): Token {
    let at = this.index;
    while (this.tokens[at].type === "space") at++;
    return this.tokens[at];
  }
  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === "space") token = this.next();
    return token;
  }
  private fail(message: string): never {
    throw new TemplateSyntaxError(message);
  }
  private expectRightDelim(context: string): void {
    const token = this.nextNonSpace();
    if (token.type !== "rightDelim") this.fail(`unexpected ${describe(token)} in ${context}`);
  }

  // --- structure -----------------------------------------------------------------------------
  /** Items until an `{{end}}` or `{{else}}`; returns which one ended the list. */
  private itemList(): Ending {
    for (;;) {
      const token = this.next();
      if (token.type === "eof") this.fail("unexpected EOF");
      if (token.type !== "leftDelim") continue;
      const ending = this.action();
      if (ending) return ending;
    }
  }

  /** After `{{`: returns an ending for `end`/`else`, nothing for every other action. */
  private action(): Ending | undefined {
    const token = this.nextNonSpace();
    if (token.type === "keyword") {
      switch (token.value) {
        case "end":
          this.expectRightDelim("end");
          return "end";
        case "else": {
          const following = this.peekNonSpace();
          if (following.type === "keyword" && following.value === "if") return "elseIf";
          this.expectRightDelim("else");
          return "else";
        }
        case "if":
          this.control("if", true);
          return undefined;
        case "with":
          this.control("with", false);
          return undefined;
        case "range":
          this.control("range", false);
          return undefined;
        case "break":
        case "continue":
          if (this.rangeDepth === 0) this.fail(`{{${token.value}}} outside {{range}}`);
          this.expectRightDelim(`{{${token.value}}}`);
          return undefined;
        case "template":
          this.templateClause("template");
          return undefined;
        case "block":
          this.templateClause("block");
          this.definitionBody("block clause");
          return undefined;
        default:
          break; // "define" inside an action: the pipeline below reports it, as Go does
      }
    }
    this.index--;
    this.pipeline("command", "rightDelim");
    return undefined;
  }

  private control(context: "if" | "with" | "range", allowElseIf: boolean): void {
    const saved = this.vars.length;
    this.pipeline(context, "rightDelim");
    if (context === "range") this.rangeDepth++;
    let ending = this.itemList();
    if (context === "range") this.rangeDepth--;
    if (ending === "elseIf") {
      if (!allowElseIf) this.fail(`unexpected <if> in else`);
      this.nextNonSpace(); // "if": an else-if is an if nested in the else branch, sharing its {{end}}
      this.control("if", true);
      this.vars.length = saved;
      return;
    }
    if (ending === "else") {
      ending = this.itemList();
      if (ending !== "end") this.fail("expected end; found {{else}}");
    }
    this.vars.length = saved;
  }

  private templateClause(context: "template" | "block"): void {
    const name = this.nextNonSpace();
    if (name.type !== "string" && name.type !== "rawString")
      this.fail(`unexpected ${describe(name)} in ${context} clause`);
    this.unquote(name);
    if (this.peekNonSpace().type !== "rightDelim") this.pipeline(`${context} clause`, "rightDelim");
    else this.nextNonSpace();
  }

  private definition(): void {
    const name = this.nextNonSpace();
    if (name.type !== "string" && name.type !== "rawString") this.fail(`unexpected ${describe(name)} in define clause`);
    this.unquote(name);
    this.expectRightDelim("define clause");
    this.definitionBody("definition");
  }

  /** A define or block body: its own variable scope (only `$`), ended by `{{end}}` alone. */
  private definitionBody(context: string): void {
    const outer = this.vars;
    this.vars = ["$"];
    const ending = this.itemList();
    if (ending !== "end") this.fail(`unexpected {{else}} in ${context}`);
    this.vars = outer;
  }

  // --- pipelines -----------------------------------------------------------------------------
  private pipeline(context: string, end: "rightDelim" | "rightParen"): void {
    let declarations = 0;
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== "variable") break;
      const at = this.index;
      this.nextNonSpace();
      const following = this.peekNonSpace();
      if (following.type === "assign" || following.type === "declare") {
        this.nextNonSpace();
        this.vars.push(variable.value);
        break;
      }
      if (following.type === "char" && following.value === ",") {
        this.nextNonSpace();
        this.vars.push(variable.value);
        declarations++;
        if (context === "range" && declarations < 2) {
          const after = this.peekNonSpace().type;
          if (after === "variable" || after === "rightDelim" || after === "rightParen") continue;
          this.fail("range can only initialize variables");
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = at; // "$x" is an operand, not a declaration
      break;
    }
    const commands: Token[] = [];
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        if (commands.length === 0) this.fail(`missing value for ${context}`);
        commands.slice(1).forEach((first, stage) => {
          if (["bool", "dot", "nil", "number", "string", "rawString", "charConstant"].includes(first.type))
            this.fail(`non executable command in pipeline stage ${stage + 2}`);
        });
        return;
      }
      switch (token.type) {
        case "bool":
        case "charConstant":
        case "dot":
        case "field":
        case "identifier":
        case "number":
        case "nil":
        case "rawString":
        case "string":
        case "variable":
        case "leftParen":
          this.index--;
          commands.push(this.command());
          break;
        default:
          this.fail(`unexpected ${describe(token)} in ${context}`);
      }
    }
  }

  /** One command; returns its first operand's token (for the pipeline-stage check). */
  private command(): Token {
    let first: Token | undefined;
    for (;;) {
      this.skipSpaces();
      const start = this.peek();
      if (this.operand() && !first) first = start;
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.index--;
      else if (token.type !== "pipe") this.fail(`unexpected ${describe(token)} in operand`);
      break;
    }
    if (!first) this.fail("empty command");
    return first!;
  }

  private skipSpaces(): void {
    while (this.peek().type === "space") this.index++;
  }

  /** A term and the fields chained to it; false when no term starts here. */
  private operand(): boolean {
    const term = this.term();
    if (!term) return false;
    if (this.peek().type === "field") {
      if (["bool", "string", "rawString", "number", "nil", "dot", "charConstant"].includes(term.type))
        this.fail(`unexpected . after term ${JSON.stringify(term.value)}`);
      while (this.peek().type === "field") this.next();
    }
    return true;
  }

  private term(): Token | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "identifier":
        if (!TEMPLATE_FUNCTIONS.has(token.value)) this.fail(`function ${JSON.stringify(token.value)} not defined`);
        return token;
      case "variable": {
        const name = token.value;
        if (!this.vars.includes(name)) this.fail(`undefined variable ${JSON.stringify(name)}`);
        return token;
      }
      case "dot":
      case "nil":
      case "field":
      case "bool":
        return token;
      case "number":
        checkNumber(token.value);
        return token;
      case "charConstant":
        checkCharConstant(token.value);
        return token;
      case "string":
      case "rawString":
        this.unquote(token);
        return token;
      case "leftParen":
        this.pipeline("parenthesized pipeline", "rightParen");
        return token;
      default:
        this.index--;
        return undefined;
    }
  }

  private unquote(token: Token): void {
    if (token.type === "string") checkQuotedString(token.value);
  }
}

// --- literals (Go's strconv rules) -------------------------------------------------------------
const fail = (message: string): never => {
  throw new TemplateSyntaxError(message);
};

const checkQuotedString = (literal: string): void => {
  if (invalidGoEscape(literal) !== undefined) fail("invalid syntax");
};

const checkCharConstant = (literal: string): void => {
  const body = literal.slice(1, -1);
  const length = body[0] === "\\" ? (goEscapeLength(literal, 1, "'") ?? 0) : ([...body][0]?.length ?? 0);
  if (length === 0 || length !== body.length) fail(`malformed character constant: ${literal}`);
};

/** Go's parse.newNumber: an integer (any base, underscores) or a float; a decimal integer with a leading 0 is octal. */
const checkNumber = (literal: string): void => {
  const unsigned = literal.replace(/^[+-]/, "");
  if (unsigned.endsWith("i")) return; // imaginary constants: Go accepts them; no template uses them
  const digitsOnly = [...unsigned].every((c) => (c >= "0" && c <= "9") || c === "_");
  if (digitsOnly) {
    if (unsigned.length > 1 && unsigned[0] === "0" && [...unsigned].some((c) => c === "8" || c === "9"))
      fail(`integer overflow: ${JSON.stringify(literal)}`);
    return;
  }
  const lower = unsigned.toLowerCase();
  if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
    if (lower.length > 2) return;
    fail(`illegal number syntax: ${JSON.stringify(literal)}`);
  }
  if (!Number.isFinite(Number(unsigned.replaceAll("_", "")))) fail(`illegal number syntax: ${JSON.stringify(literal)}`);
};
