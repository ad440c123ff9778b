import { describe, expect, it } from "vitest";
import { compileAnchoredRe2 } from "./re2";

const test = (pattern: string, value: string): boolean => {
  const compiled = compileAnchoredRe2(pattern);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.regex.test(value);
};

describe("RE2 patterns in JavaScript", () => {
  it("anchors the whole value, as Alertmanager does", () => {
    expect(test("part", "part")).toBe(true);
    expect(test("part", "partial")).toBe(false);
    expect(test("a|b", "ab")).toBe(false);
  });

  it("keeps RE2's meaning where JavaScript's differs", () => {
    expect(test("a.b", "a\rb")).toBe(true); // JS's . excludes \r
    expect(test("a.b", "a\nb")).toBe(false);
    expect(test("(?s)a.b", "a\nb")).toBe(true);
    expect(test("a\\sb", "a\u00a0b")).toBe(false); // JS's \s includes NBSP
    expect(test("a\\Sb", "a\u00a0b")).toBe(true);
    expect(test("[]x]+", "]x")).toBe(true); // JS reads [] as an empty class
    expect(test("[^]x]", "y")).toBe(true);
    expect(test("x{,3}", "x{,3}")).toBe(true); // a literal brace in RE2
    expect(test("\\Qa.b\\E", "a.b")).toBe(true);
    expect(test("\\Qa.b\\E", "axb")).toBe(false);
    expect(test("(?i)upper", "UPPER")).toBe(true);
    expect(test("hash\\#", "hash#")).toBe(true);
    expect(test("\\pL+", "éa")).toBe(true);
    expect(test("\\p{Greek}+", "αβ")).toBe(true);
    expect(test("[[:digit:]]+z", "12z")).toBe(true);
    expect(test("\\101\\x{42}\\x43", "ABC")).toBe(true);
    expect(test("(?P<name>a)b", "ab")).toBe(true);
    expect(test("\\Aa\\z", "a")).toBe(true);
    expect(test("a/b", "a/b")).toBe(true);
  });

  it("refuses what RE2 refuses: lookaround, backreferences, repeats above 1000, bad escapes", () => {
    for (const pattern of ["(?=a)a", "(a)\\1", "a{1001}", "\\C", "\\8", "a**", "x{2,1}", "(", "[a", "a\\"]) {
      const compiled = compileAnchoredRe2(pattern);
      expect(compiled, pattern).toMatchObject({ ok: false, kind: "invalid" });
    }
  });

  it("says what it cannot reproduce instead of guessing", () => {
    for (const pattern of ["a(?i)b", "(?i:a)b", "(?m)a", "(?U)a+", "[[:^alpha:]]", "[\\S]"]) {
      expect(compileAnchoredRe2(pattern), pattern).toMatchObject({ ok: false, kind: "unsupported" });
    }
  });
});
