/**
 * Label-matcher regexes are RE2 (Go's regexp), anchored at both ends. JavaScript's engine checks
 * the syntax they share; what RE2 has and JavaScript lacks (leading inline flags such as `(?i)`,
 * `(?P<name>…)` groups) is translated first, and what JavaScript has and RE2 refuses (lookaround,
 * backreferences) is refused, as Prometheus would.
 */
export type CompiledRegex =
  | { readonly ok: true; readonly regex: RegExp }
  | { readonly ok: false; readonly error: string };

const cache = new Map<string, CompiledRegex>();

const RE2_FLAGS = new Set(["i", "m", "s", "U"]);

export const compileLabelRegex = (source: string): CompiledRegex => {
  const cached = cache.get(source);
  if (cached) return cached;
  const compiled = compile(source);
  if (cache.size > 10_000) cache.clear();
  cache.set(source, compiled);
  return compiled;
};

const compile = (source: string): CompiledRegex => {
  let body = source;
  let flags = "";
  // A leading "(?flags)" applies to the whole expression: JavaScript takes it as a flag.
  if (body.startsWith("(?")) {
    const close = body.indexOf(")");
    const group = body.slice(2, close);
    if (close > 2 && [...group].every((c) => RE2_FLAGS.has(c))) {
      flags = [...new Set([...group].filter((c) => c === "i" || c === "m" || c === "s"))].join("");
      body = body.slice(close + 1);
    }
  }
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "\\") {
      if (body[i + 1] >= "1" && body[i + 1] <= "9")
        return { ok: false, error: `error parsing regexp: invalid escape sequence: \`\\${body[i + 1]}\`` };
      i++;
    } else if (body.startsWith("(?=", i) || body.startsWith("(?!", i) || body.startsWith("(?<", i)) {
      return {
        ok: false,
        error: `error parsing regexp: invalid or unsupported Perl syntax: \`${body.slice(i, i + 3)}\``,
      };
    }
  }
  try {
    return { ok: true, regex: new RegExp(`^(?:${body.replaceAll("(?P<", "(?<")})$`, flags) };
  } catch (error) {
    return { ok: false, error: `error parsing regexp: ${(error as Error).message}` };
  }
};
