/**
 * Alertmanager compiles regex matchers with Go's regexp package (RE2 syntax) as `^(?:value)$`.
 * JavaScript's RegExp differs from RE2 in a handful of places that change what a route matches;
 * this translates an RE2 pattern into a JS RegExp (unicode mode, like Go's rune matching) that
 * matches the same strings, or says why it cannot:
 *
 * - `.` excludes only `\n` in RE2 (JS also excludes `\r`, U+2028, U+2029) → `[^\n]`;
 * - `\s` is `[\t\n\f\r ]` in RE2 (JS adds `\v` and Unicode spaces);
 * - `[]a]` and `[^]a]` are classes holding `]` in RE2 (an empty class in JS);
 * - a `{` that does not start a repeat (`{,3}`, `a{x}`) is a literal in RE2, an error in JS's unicode mode;
 * - `\` before any punctuation is that character in RE2; JS's unicode mode refuses most of them;
 * - `\Q…\E`, `\A`, `\z`, `\pL`, `\p{Greek}`, `\x{…}`, octal `\123`, `(?P<name>…)`, POSIX classes
 *   `[[:alpha:]]` and the leading flags `(?i)` and `(?s)` have JS equivalents;
 * - RE2 refuses lookaround, backreferences and repeats above 1000: so does this (the config is invalid).
 *
 * Not translated (reported as unsupported, so nothing is decided on a guess): flags anywhere but
 * the start (`a(?i)b`, `(?i:…)`), `(?m)`, `(?U)`, negated POSIX classes and `\S` inside a class.
 */

export type Re2Translation =
  | { readonly ok: true; readonly regex: RegExp }
  | { readonly ok: false; readonly kind: "invalid" | "unsupported"; readonly message: string };

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`\\{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** JS unicode mode accepts `\` only before these (outside a class; inside a class `-` too). */
const JS_SYNTAX = new Set("^$\\.*+?()[]{}|/");
const RE2_SPACE = "\\t\\n\\f\\r ";
const MAX_REPEAT = 1000;

class Unsupported extends Error {}
class Invalid extends Error {}

/** Compiles `pattern` as Alertmanager does: anchored, `^(?:pattern)$`. */
export const compileAnchoredRe2 = (pattern: string): Re2Translation => {
  try {
    const { body, flags } = translate(pattern);
    return { ok: true, regex: new RegExp(`^(?:${body})$`, `u${flags}`) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, kind: "unsupported", message: error.message };
    const message = error instanceof Invalid ? error.message : (error as Error).message;
    return { ok: false, kind: "invalid", message };
  }
};

const translate = (pattern: string): { body: string; flags: string } => {
  let i = 0;
  let flags = "";
  const leading = /^\(\?([a-zA-Z-]*)\)/.exec(pattern);
  if (leading) {
    const letters = leading[1]!;
    if (letters.includes("-")) throw new Unsupported(`flag group "(?${letters})" is not supported`);
    for (const flag of letters) {
      if (flag === "i" || flag === "s") flags += flags.includes(flag) ? "" : flag;
      // (?m) would also turn the anchors Alertmanager adds around the group into line anchors in JS.
      else if (flag === "U" || flag === "m") throw new Unsupported(`flag "(?${flag})" is not supported`);
      else throw new Invalid(`invalid or unsupported Perl syntax: "(?${letters})"`);
    }
    i = leading[0].length;
  }
  const dotAll = flags.includes("s");
  let out = "";
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const { text, next } = escapeOutsideClass(pattern, i);
      out += text;
      i = next;
    } else if (c === "[") {
      const { text, next } = characterClass(pattern, i);
      out += text;
      i = next;
    } else if (c === "(") {
      const { text, next } = groupOpening(pattern, i);
      out += text;
      i = next;
    } else if (c === "{") {
      const repeat = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat) {
        const low = Number(repeat[1]);
        const high = repeat[3] ? Number(repeat[3]) : low;
        if (low > MAX_REPEAT || high > MAX_REPEAT) throw new Invalid(`invalid repeat count: "${repeat[0]}"`);
        out += repeat[0];
        i += repeat[0].length;
      } else {
        out += "\\{";
        i++;
      }
    } else if (c === "}") {
      out += "\\}";
      i++;
    } else if (c === ".") {
      out += dotAll ? "[\\s\\S]" : "[^\\n]";
      i++;
    } else if (c === "/") {
      out += "\\/";
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { body: out, flags: flags.replace("s", "") };
};

const groupOpening = (pattern: string, start: number): { text: string; next: number } => {
  const rest = pattern.slice(start);
  if (!rest.startsWith("(?")) return { text: "(", next: start + 1 };
  if (rest.startsWith("(?:")) return { text: "(?:", next: start + 3 };
  const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return { text: `(?<${named[1]}>`, next: start + named[0].length };
  if (/^\(\?(=|!|<=|<!)/.test(rest))
    throw new Invalid(`invalid or unsupported Perl syntax: lookaround "${rest.slice(0, 4)}"`);
  if (/^\(\?[a-zA-Z-]*[:)]/.test(rest))
    throw new Unsupported(`a flag group inside the pattern ("${rest.split(/[:)]/)[0]}…") is not supported`);
  throw new Invalid(`invalid or unsupported Perl syntax: "${rest.slice(0, 3)}"`);
};

/** A `\` sequence outside a character class. */
const escapeOutsideClass = (pattern: string, start: number): { text: string; next: number } => {
  const c = pattern[start + 1];
  if (c === undefined) throw new Invalid("trailing backslash at end of expression");
  switch (c) {
    case "A":
      return { text: "^", next: start + 2 };
    case "z":
      return { text: "$", next: start + 2 };
    case "s":
      return { text: `[${RE2_SPACE}]`, next: start + 2 };
    case "S":
      return { text: `[^${RE2_SPACE}]`, next: start + 2 };
    case "Q": {
      const end = pattern.indexOf("\\E", start + 2);
      const literal = pattern.slice(start + 2, end === -1 ? undefined : end);
      return { text: [...literal].map(literalChar).join(""), next: end === -1 ? pattern.length : end + 2 };
    }
    default: {
      const shared = sharedEscape(pattern, start);
      if (shared) return shared;
      if (/[a-zA-Z0-9]/.test(c)) throw new Invalid(`invalid escape sequence: "\\${c}"`);
      return { text: literalChar(c), next: start + 2 };
    }
  }
};

/** Escapes that mean the same inside and outside a class. */
const sharedEscape = (pattern: string, start: number): { text: string; next: number } | undefined => {
  const c = pattern[start + 1]!;
  if ("dDwWbBtnrfv".includes(c)) return { text: `\\${c}`, next: start + 2 };
  if (c === "a") return { text: "\\x07", next: start + 2 };
  if (c === "x") {
    const braced = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(start));
    if (braced) return { text: `\\u{${braced[1]}}`, next: start + braced[0].length };
    const two = /^\\x([0-9A-Fa-f]{2})/.exec(pattern.slice(start));
    if (two) return { text: `\\x${two[1]}`, next: start + 4 };
    throw new Invalid(`invalid escape sequence: "${pattern.slice(start, start + 4)}"`);
  }
  if (c >= "0" && c <= "7") {
    // RE2: \0 and \1-\7 followed by octal digits are octal codes; a lone \1-\9 is a backreference, refused.
    const octal = /^\\([0-7]{1,3})/.exec(pattern.slice(start))![1]!;
    if (c !== "0" && octal.length === 1)
      throw new Invalid(`invalid escape sequence: "\\${c}" (RE2 has no backreferences)`);
    return { text: `\\u{${Number.parseInt(octal, 8).toString(16)}}`, next: start + 1 + octal.length };
  }
  if (c === "8" || c === "9") throw new Invalid(`invalid escape sequence: "\\${c}"`);
  if (c === "p" || c === "P") {
    const braced = /^\\[pP]\{(\^?)([A-Za-z_]+)\}/.exec(pattern.slice(start));
    const single = /^\\[pP]([A-Za-z])/.exec(pattern.slice(start));
    const [text, caret, name] = braced ? [braced[0], braced[1], braced[2]] : single ? [single[0], "", single[1]] : [];
    if (!text || !name) throw new Invalid(`invalid character class range: "${pattern.slice(start, start + 4)}"`);
    const negated = (c === "P") !== (caret === "^");
    const property = /^(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?|Any)$/.test(name)
      ? name === "Any"
        ? "Any"
        : name
      : `Script=${name}`;
    return { text: `\\${negated ? "P" : "p"}{${property}}`, next: start + text.length };
  }
  return undefined;
};

/** A character class `[…]`, with RE2's leading `]`, POSIX classes and escapes. */
const characterClass = (pattern: string, start: number): { text: string; next: number } => {
  let i = start + 1;
  let out = "[";
  if (pattern[i] === "^") {
    out += "^";
    i++;
  }
  let first = true;
  for (;;) {
    const c = pattern[i];
    if (c === undefined) throw new Invalid(`missing closing ]: "${pattern.slice(start)}"`);
    if (c === "]" && !first) return { text: `${out}]`, next: i + 1 };
    first = false;
    if (c === "[" && pattern[i + 1] === ":") {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        const range = POSIX_CLASSES[posix[2]!];
        if (!range) throw new Invalid(`invalid character class range: "${posix[0]}"`);
        if (posix[1]) throw new Unsupported(`negated POSIX class "${posix[0]}" inside a class is not supported`);
        out += range;
        i += posix[0].length;
        continue;
      }
    }
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) throw new Invalid("trailing backslash at end of expression");
      if (next === "s") {
        out += RE2_SPACE;
        i += 2;
        continue;
      }
      if (next === "S") throw new Unsupported(`"\\S" inside a character class is not supported`);
      const shared = sharedEscape(pattern, i);
      if (shared) {
        out += shared.text;
        i = shared.next;
        continue;
      }
      if (/[a-zA-Z0-9]/.test(next)) throw new Invalid(`invalid escape sequence: "\\${next}"`);
      out += classLiteral(next);
      i += 2;
      continue;
    }
    out += c === "-" ? "-" : classLiteral(c);
    i++;
  }
};

const literalChar = (c: string): string => (JS_SYNTAX.has(c) ? `\\${c}` : c);
const classLiteral = (c: string): string =>
  c === "]" || c === "\\" || c === "[" || c === "-" || c === "^" ? `\\${c}` : c;
