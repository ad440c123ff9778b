/**
 * The lexer of Go's text/template (go/src/text/template/parse/lex.go, as in the Go release
 * promtool 2.42 was built with), enough to tell whether a template parses: text, `{{ }}` actions
 * with trim markers, comments, and the action's tokens. Errors carry Go's wording.
 */
export type TokenType =
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "comment"
  | "space"
  | "pipe"
  | "leftParen"
  | "rightParen"
  | "assign"
  | "declare"
  | "string"
  | "rawString"
  | "charConstant"
  | "number"
  | "bool"
  | "nil"
  | "dot"
  | "field"
  | "variable"
  | "identifier"
  | "keyword"
  | "char"
  | "eof";

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly offset: number;
}

export class TemplateSyntaxError extends Error {}

const KEYWORDS = new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]);

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r" || c === "\n";
const isAlphaNumeric = (c: string | undefined): boolean => {
  if (c === undefined) return false;
  if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_") return true;
  return c > "\u007f" && /\p{L}|\p{Nd}/u.test(c); // Go's unicode.IsLetter and IsDigit beyond ASCII
};
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isPrintableAscii = (c: string): boolean => c >= " " && c <= "~";

const LEFT = "{{";
const RIGHT = "}}";

/** Splits a template into tokens; throws TemplateSyntaxError with Go's message at the first lexical error. */
export const lexTemplate = (input: string): Token[] => {
  const tokens: Token[] = [];
  let pos = 0;
  const emit = (type: TokenType, start: number, end: number) =>
    tokens.push({ type, value: input.slice(start, end), offset: start });
  const fail = (message: string): never => {
    throw new TemplateSyntaxError(message);
  };

  const atRightDelim = (at: number): { trim: boolean; length: number } | undefined => {
    if (isSpace(input[at]) && input[at + 1] === "-" && input.startsWith(RIGHT, at + 2))
      return { trim: true, length: 4 };
    if (input.startsWith(RIGHT, at)) return { trim: false, length: 2 };
    return undefined;
  };

  const lexComment = (start: number): number => {
    const end = input.indexOf("*/", start + 2);
    if (end < 0) fail("unclosed comment");
    const after = end + 2;
    const delim = atRightDelim(after);
    if (!delim) fail("comment ends before closing delimiter");
    emit("comment", start, after);
    return after + delim!.length;
  };

  const scanNumber = (start: number): number => {
    let i = start;
    if (input[i] === "+" || input[i] === "-") i++;
    let digits = "0123456789_";
    if (input[i] === "0") {
      i++;
      const prefix = input[i];
      if (prefix === "x" || prefix === "X") {
        i++;
        digits = "0123456789abcdefABCDEF_";
      } else if (prefix === "o" || prefix === "O") {
        i++;
        digits = "01234567_";
      } else if (prefix === "b" || prefix === "B") {
        i++;
        digits = "01_";
      }
    }
    const run = (set: string) => {
      while (i < input.length && set.includes(input[i])) i++;
    };
    run(digits);
    if (input[i] === ".") {
      i++;
      run(digits);
    }
    if (digits.length === 11 && (input[i] === "e" || input[i] === "E")) {
      i++;
      if (input[i] === "+" || input[i] === "-") i++;
      run("0123456789_");
    }
    if (digits.length === 23 && (input[i] === "p" || input[i] === "P")) {
      i++;
      if (input[i] === "+" || input[i] === "-") i++;
      run("0123456789_");
    }
    if (input[i] === "i") i++;
    if (isAlphaNumeric(input[i])) fail(`bad number syntax: ${JSON.stringify(input.slice(start, i + 1))}`);
    return i;
  };

  /** After a word (identifier, field, variable) Go requires a terminator, or it is a "bad character". */
  const checkTerminator = (at: number) => {
    const c = input[at];
    if (c === undefined || isSpace(c) || ".,|:()".includes(c) || atRightDelim(at)) return;
    fail(`bad character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`);
  };

  const lexInsideAction = (): void => {
    let parenDepth = 0;
    for (;;) {
      const delim = atRightDelim(pos);
      if (delim) {
        if (parenDepth > 0) fail("unclosed left paren");
        emit("rightDelim", pos, pos + delim.length);
        pos += delim.length;
        return;
      }
      const c = input[pos];
      if (c === undefined) fail("unclosed action");
      const start = pos;
      if (isSpace(c)) {
        while (isSpace(input[pos]) && !atRightDelim(pos)) pos++;
        if (pos === start) pos++; // a space that begins " -}}" is consumed with the delimiter
        emit("space", start, pos);
      } else if (c === "=") {
        emit("assign", start, ++pos);
      } else if (c === ":") {
        if (input[pos + 1] !== "=") fail("expected :=");
        pos += 2;
        emit("declare", start, pos);
      } else if (c === "|") {
        emit("pipe", start, ++pos);
      } else if (c === '"') {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === "\\" && input[pos + 1] !== undefined && input[pos + 1] !== "\n") pos += 2;
          else if (d === undefined || d === "\n") fail("unterminated quoted string");
          else if (d === '"') break;
          else pos++;
        }
        emit("string", start, ++pos);
      } else if (c === "`") {
        const end = input.indexOf("`", pos + 1);
        if (end < 0) fail("unterminated raw quoted string");
        pos = end + 1;
        emit("rawString", start, pos);
      } else if (c === "'") {
        pos++;
        for (;;) {
          const d = input[pos];
          if (d === "\\" && input[pos + 1] !== undefined && input[pos + 1] !== "\n") pos += 2;
          else if (d === undefined || d === "\n") fail("unterminated character constant");
          else if (d === "'") break;
          else pos++;
        }
        emit("charConstant", start, ++pos);
      } else if (c === "$") {
        pos++;
        while (isAlphaNumeric(input[pos])) pos++;
        checkTerminator(pos);
        emit("variable", start, pos);
      } else if (c === "." && isDigit(input[pos + 1])) {
        pos = scanNumber(pos);
        emit("number", start, pos);
      } else if (c === ".") {
        pos++;
        while (isAlphaNumeric(input[pos])) pos++;
        if (pos === start + 1) {
          emit("dot", start, pos);
        } else {
          checkTerminator(pos);
          emit("field", start, pos);
        }
      } else if (c === "+" || c === "-" || isDigit(c)) {
        pos = scanNumber(pos);
        emit("number", start, pos);
      } else if (isAlphaNumeric(c)) {
        while (isAlphaNumeric(input[pos])) pos++;
        const word = input.slice(start, pos);
        checkTerminator(pos);
        if (KEYWORDS.has(word)) emit("keyword", start, pos);
        else if (word === "true" || word === "false") emit("bool", start, pos);
        else if (word === "nil") emit("nil", start, pos);
        else emit("identifier", start, pos);
      } else if (c === "(") {
        parenDepth++;
        emit("leftParen", start, ++pos);
      } else if (c === ")") {
        parenDepth--;
        emit("rightParen", start, ++pos);
      } else if (isPrintableAscii(c)) {
        emit("char", start, ++pos);
      } else {
        fail(`unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
      }
    }
  };

  while (pos < input.length) {
    const next = input.indexOf(LEFT, pos);
    if (next < 0) {
      emit("text", pos, input.length);
      break;
    }
    if (next > pos) emit("text", pos, next);
    pos = next + LEFT.length;
    // "{{- " trims the text before; the dash must be followed by a space, or "{{-3}}" is the number -3.
    const trimmed = input[pos] === "-" && isSpace(input[pos + 1]);
    const afterMarker = trimmed ? pos + 2 : pos;
    if (input.startsWith("/*", afterMarker)) {
      pos = lexComment(afterMarker);
      continue;
    }
    emit("leftDelim", next, afterMarker);
    pos = trimmed ? pos + 1 : pos; // the space after the marker is lexed as a space token
    lexInsideAction();
  }
  tokens.push({ type: "eof", value: "", offset: input.length });
  return tokens;
};
