// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} on purpose
import { describe, expect, it } from "vitest";
import { parseSub } from "./sub-template";

describe("Fn::Sub templates", () => {
  it("Compliance: variables, attributes, escapes and plain text", () => {
    expect(parseSub("arn:${AWS::Partition}:s3:::${ Bucket }/${Role.Arn}/${!Literal}-end")).toEqual([
      "arn:",
      { variable: "AWS::Partition" },
      ":s3:::",
      { variable: "Bucket" },
      "/",
      { variable: "Role.Arn" },
      "/${Literal}-end",
    ]);
    expect(parseSub("no variables")).toEqual(["no variables"]);
    expect(parseSub("${A}${B}")).toEqual([{ variable: "A" }, { variable: "B" }]);
    expect(parseSub("unclosed ${A")).toEqual(["unclosed ${A"]);
  });
});
