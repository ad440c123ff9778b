import { compileAnchoredRe2 } from "./re2";

/**
 * Alertmanager's label matchers as its 0.25 parser reads them (`pkg/labels/parse.go`): `=`, `!=`,
 * `=~`, `!~`; a value bare or in double quotes with OpenMetrics escapes (`\"`, `\n`, `\\`); a
 * comma-separated set with optional braces (`{a="b", c=~"d"}`). Regex values are anchored,
 * `^(?:value)$`, and compiled with RE2 semantics (re2.ts). A label an alert lacks matches as "".
 */

export type MatchType = "=" | "!=" | "=~" | "!~";

export interface Matcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
  /** For `=~` and `!~`. */
  readonly regex?: RegExp;
}

export type MatcherParse =
  | { readonly ok: true; readonly matchers: readonly Matcher[] }
  | { readonly ok: false; readonly kind: "invalid" | "unsupported"; readonly message: string };

export type Labels = Readonly<Record<string, string>>;

// Alertmanager's own definition of one matcher (Go's \s is [\t\n\f\r ]; (?s).*? is [\s\S]*?).
const ONE_MATCHER =
  /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/** One `matchers:` entry (or a label set written as matchers): one or more matchers. */
export const parseMatchers = (text: string): MatcherParse => {
  let source = text.startsWith("{") ? text.slice(1) : text;
  source = source.endsWith("}") ? source.slice(0, -1) : source;
  const tokens: string[] = [];
  let insideQuotes = false;
  let escaped = false;
  let token = "";
  for (const c of source) {
    if (c === "," && !insideQuotes) {
      tokens.push(token);
      token = "";
      continue;
    }
    if (c === '"') {
      if (!escaped) insideQuotes = !insideQuotes;
      else escaped = false;
    } else if (c === "\\") escaped = !escaped;
    else escaped = false;
    token += c;
  }
  if (token.trim() !== "") tokens.push(token.trim());
  const matchers: Matcher[] = [];
  for (const one of tokens) {
    const parsed = parseMatcher(one);
    if (!parsed.ok) return parsed;
    matchers.push(parsed.matcher);
  }
  return { ok: true, matchers };
};

type OneParse =
  | { readonly ok: true; readonly matcher: Matcher }
  | { readonly ok: false; readonly kind: "invalid" | "unsupported"; readonly message: string };

export const parseMatcher = (text: string): OneParse => {
  const parts = ONE_MATCHER.exec(text);
  if (!parts) return { ok: false, kind: "invalid", message: `bad matcher format: ${text}` };
  const [, name, type, raw] = parts as unknown as [string, string, MatchType, string];
  const unescaped = unescapeValue(raw);
  if (unescaped === undefined)
    return { ok: false, kind: "invalid", message: `matcher value contains unescaped double quote: ${raw}` };
  return newMatcher(type, name, unescaped);
};

/** `labels.NewMatcher`: regex matchers compile anchored; an invalid regex is an invalid matcher. */
export const newMatcher = (type: MatchType, name: string, value: string): OneParse => {
  if (type === "=" || type === "!=") return { ok: true, matcher: { name, type, value } };
  const compiled = compileAnchoredRe2(value);
  if (!compiled.ok)
    return {
      ok: false,
      kind: compiled.kind,
      message:
        compiled.kind === "invalid"
          ? `error parsing regexp ${JSON.stringify(value)}: ${compiled.message}`
          : `regexp ${JSON.stringify(value)}: ${compiled.message}`,
    };
  return { ok: true, matcher: { name, type, value, regex: compiled.regex } };
};

const unescapeValue = (raw: string): string | undefined => {
  let rest = raw;
  let expectTrailingQuote = false;
  if (rest.startsWith('"')) {
    rest = rest.slice(1);
    expectTrailingQuote = true;
  }
  let value = "";
  let escaped = false;
  const chars = [...rest];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escaped) {
      escaped = false;
      value += c === "n" ? "\n" : c === '"' || c === "\\" ? c : `\\${c}`;
      continue;
    }
    if (c === "\\") {
      if (i < chars.length - 1) escaped = true;
      else value += "\\";
    } else if (c === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) return undefined;
      expectTrailingQuote = false;
    } else value += c;
  }
  return expectTrailingQuote ? undefined : value;
};

export const matches = (matcher: Matcher, labels: Labels): boolean => {
  const value = labels[matcher.name] ?? "";
  switch (matcher.type) {
    case "=":
      return value === matcher.value;
    case "!=":
      return value !== matcher.value;
    case "=~":
      return matcher.regex!.test(value);
    case "!~":
      return !matcher.regex!.test(value);
  }
};

export const matchesAll = (matchers: readonly Matcher[], labels: Labels): boolean =>
  matchers.every((m) => matches(m, labels));

/** `team=~"a|b"`, as amtool prints a matcher. */
export const describeMatcher = (matcher: Matcher): string =>
  `${matcher.name}${matcher.type}${JSON.stringify(matcher.value)}`;
