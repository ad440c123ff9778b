import { describe, expect, it } from "vitest";
import { findJsonSyntaxProblem } from "./json-syntax";

describe("JSON syntax problems", () => {
  it("Compliance: valid JSON has no problem", () => {
    expect(findJsonSyntaxProblem('{"a": [1, -2.5e3, true, null, "x\\n"]}')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 8, "expected a property name in double quotes, found '}'"],
    ['{"a": [1 2]}', 9, "expected ',' or ']' after an array item, found '2'"],
    ['{"a" 1}', 5, "expected ':' after the property name, found '1'"],
    ['{"a": tru}', 6, "expected a value, found 't'"],
    ['{"a": "b', 8, "unterminated string"],
    ['{"a": 1', 7, "expected ',' or '}' after a property value, found the end of the file"],
    ['{"a": 1} x', 9, "expected the end of the document, found 'x'"],
  ])("Noncompliance: %s", (text, offset, message) => {
    expect(findJsonSyntaxProblem(text)).toEqual({ offset, message });
  });
});
