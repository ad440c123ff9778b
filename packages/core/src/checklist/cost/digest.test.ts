import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { templateDigest } from "./digest";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("templateDigest", () => {
  it("one file: its SHA-256, as sha256sum prints it", () => {
    expect(templateDigest(["Resources: {}\n"])).toBe(`sha256:${sha256("Resources: {}\n")}`);
  });

  it("several files: the SHA-256 of their sorted SHA-256s, whatever order they were read in", () => {
    const [a, b] = ["Resources: {A: 1}\n", "Resources: {B: 2}\n"];
    const expected = `sha256:${sha256([sha256(a), sha256(b)].sort().join("\n"))}`;
    expect(templateDigest([a, b])).toBe(expected);
    expect(templateDigest([b, a])).toBe(expected);
  });

  it("a changed byte is another template", () => {
    expect(templateDigest(["Resources: {}\n"])).not.toBe(templateDigest(["Resources: {} \n"]));
  });
});
