import { describe, expect, it } from "vitest";
import { describeMatcher, matches, parseMatchers } from "./matchers";

const parsed = (text: string) => {
  const result = parseMatchers(text);
  if (!result.ok) throw new Error(result.message);
  return result.matchers;
};

describe("Alertmanager matchers", () => {
  it("reads the four operators, bare and quoted values, and the {…} set form", () => {
    expect(parsed('team="payments"').map(describeMatcher)).toEqual(['team="payments"']);
    expect(parsed("team = payments").map(describeMatcher)).toEqual(['team="payments"']);
    expect(parsed('{a="b", c=~"d|e", f!=g, h!~"i.*",}').map(describeMatcher)).toEqual([
      'a="b"',
      'c=~"d|e"',
      'f!="g"',
      'h!~"i.*"',
    ]);
    expect(parsed('v="a, b", w=~"c"').map((m) => m.value)).toEqual(["a, b", "c"]);
    expect(parsed('v="say \\"hi\\"\\n\\\\x \\q"')[0]!.value).toBe('say "hi"\n\\x \\q');
    expect(parsed("empty=")[0]!.value).toBe("");
  });

  it("refuses what Alertmanager refuses", () => {
    expect(parseMatchers('a="b')).toMatchObject({
      ok: false,
      message: expect.stringContaining("unescaped double quote"),
    });
    expect(parseMatchers("a~b")).toMatchObject({ ok: false, message: "bad matcher format: a~b" });
    expect(parseMatchers("1a=b")).toMatchObject({ ok: false });
    expect(parseMatchers('a=~"(?=x)"')).toMatchObject({ ok: false, kind: "invalid" });
  });

  it("matches a missing label as the empty string", () => {
    const [notEqual, emptyEqual, anything] = [parsed('a!="x"')[0]!, parsed('a=""')[0]!, parsed('a=~".*"')[0]!];
    expect(matches(notEqual, {})).toBe(true);
    expect(matches(emptyEqual, {})).toBe(true);
    expect(matches(anything, {})).toBe(true);
    expect(matches(parsed('a=~".+"')[0]!, {})).toBe(false);
    expect(matches(parsed('a!~"x|y"')[0]!, { a: "y" })).toBe(false);
  });
});
