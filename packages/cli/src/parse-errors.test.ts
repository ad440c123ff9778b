import { describe, expect, it } from "vitest";
import { withHint } from "./parse-errors";

describe("withHint (commander's errors in readiness's error + hint shape)", () => {
  it("an invalid choice names the value and the choices", () => {
    expect(
      withHint(
        "error: option '--format <format>' argument 'nope' is invalid. Allowed choices are table, json, markdown, junit, sarif.\n",
        "readiness check",
      ),
    ).toBe(
      'error: invalid --format "nope": not one of table, json, markdown, junit, sarif\n  hint: pass --format table|json|markdown|junit|sarif\n',
    );
  });

  it("a value a custom parser refused keeps the parser's reason", () => {
    expect(
      withHint(
        "error: option '--timeout <ms>' argument 'soon' is invalid. must be a whole number\n",
        "readiness smoke",
      ),
    ).toBe(
      'error: invalid --timeout "soon": must be a whole number\n  hint: run `readiness smoke --help` for its options\n',
    );
  });

  it("a missing value and an unknown option with a suggestion", () => {
    expect(withHint("error: option '-o, --output <file>' argument missing\n", "readiness check")).toBe(
      "error: --output needs a value\n  hint: pass -o, --output <file>\n",
    );
    expect(withHint("error: unknown option '--templat'\n(Did you mean --template?)\n", "readiness check")).toBe(
      "error: unknown option '--templat'\n  hint: did you mean --template? run `readiness check --help` for its options\n",
    );
  });

  it("a message it does not know keeps its text and still gets a hint", () => {
    expect(
      withHint("error: too many arguments for 'items'. Expected 0 arguments but got 1.\n", "readiness items"),
    ).toBe(
      "error: too many arguments for 'items'. Expected 0 arguments but got 1.\n  hint: run `readiness items --help` for its options\n",
    );
  });
});
