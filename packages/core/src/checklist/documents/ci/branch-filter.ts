/**
 * GitHub Actions filter patterns (`branches`, `branches-ignore`, `tags`), as the workflow syntax
 * documents them: `*` matches any characters but `/`, `**` any characters, `?` zero or one of the
 * preceding character, `+` one or more of it, `[…]` one character of a set or range, `\` escapes
 * the next character; in `branches`, a pattern starting with `!` excludes what the patterns before
 * it included, and a later positive pattern can include it again.
 */

export class FilterPatternError extends Error {}

/** A filter pattern as an anchored RegExp. */
export const filterPatternRegex = (pattern: string): RegExp => {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[++i];
      if (next === undefined) throw new FilterPatternError(`pattern "${pattern}" ends with a backslash`);
      out += escapeRegex(next);
    } else if (c === "*") {
      if (pattern[i + 1] === "*") {
        out += ".*";
        i++;
      } else out += "[^/]*";
    } else if (c === "?" || c === "+") {
      if (out === "")
        throw new FilterPatternError(`"${c}" at the start of pattern "${pattern}" has no character to repeat`);
      out += c;
    } else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) throw new FilterPatternError(`pattern "${pattern}" has "[" without "]"`);
      const set = pattern.slice(i + 1, end);
      if (!/^([A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9])+$/.test(set))
        throw new FilterPatternError(`"[${set}]" in pattern "${pattern}": sets hold letters, digits and ranges only`);
      out += `[${set}]`;
      i = end;
    } else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`);
};

const escapeRegex = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

/** `branches:` — patterns in order; a `!` pattern excludes what came before it. */
export const matchesBranches = (patterns: readonly string[], ref: string): boolean => {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (filterPatternRegex(pattern.slice(1)).test(ref)) included = false;
    } else if (filterPatternRegex(pattern).test(ref)) included = true;
  }
  return included;
};

/** `branches-ignore:` — any matching pattern excludes. */
export const matchesAny = (patterns: readonly string[], ref: string): boolean =>
  patterns.some((pattern) => filterPatternRegex(pattern).test(ref));
