import { describe, expect, it } from "vitest";
import {
  callsStatusFunction,
  evaluate,
  evaluateJobCondition,
  parseExpression,
  truthy,
  UNKNOWN,
  type Value,
} from "./expression";

const contexts: Record<string, Value> = {
  github: { event_name: "push", ref: "refs/heads/main", ref_name: "main", event: { ref: "refs/heads/main" } },
};
const ok = { success: true, failure: false, cancelled: false };
const failed = { success: false, failure: true, cancelled: false };
const run = (source: string, status = ok) => truthy(evaluateJobCondition(parseExpression(source), contexts, status));

describe("GitHub expressions", () => {
  it("evaluates the common if: forms of a push to main", () => {
    expect(run("github.ref == 'refs/heads/main'")).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a JS template
    expect(run("${{ github.ref == 'refs/heads/main' }}")).toBe(true);
    expect(run("github.event_name == 'push' && github.ref != 'refs/heads/dev'")).toBe(true);
    expect(run("github.event_name == 'pull_request'")).toBe(false);
    expect(run("startsWith(github.ref, 'refs/heads/')")).toBe(true);
    expect(run("endsWith(github.ref, '/MAIN')")).toBe(true);
    // fromJSON of a literal (a list of branches or events written inline) is evaluated; of a context, not.
    expect(run('contains(fromJSON(\'["main", "release"]\'), github.ref_name)')).toBe(true);
    expect(run('contains(fromJSON(\'["push", "workflow_dispatch"]\'), github.event_name)')).toBe(true);
    expect(run("fromJSON('{\"Main\": true}').main")).toBe(true);
    expect(run("fromJSON(vars.DEPLOY_BRANCHES)")).toBe(UNKNOWN);
    expect(run("fromJSON('not json')")).toBe(UNKNOWN);
    expect(run("GITHUB.REF_NAME == 'Main'")).toBe(true);
    expect(run("github['ref_name'] == 'main'")).toBe(true);
    expect(run("!(github.event_name == 'schedule')")).toBe(true);
    expect(run("github.event.ref == 'refs/heads/main' || false")).toBe(true);
    expect(run("1 == '1' && null == 0 && true == 1 && 2 > 1.5 && -1 < 0")).toBe(true);
    expect(run("'it''s' == 'IT''S'")).toBe(true);
  });

  it("is unknown where a context is unknown, except where the rest decides", () => {
    expect(run("github.actor == 'me'")).toBe(UNKNOWN);
    expect(run("vars.DEPLOY == 'true'")).toBe(UNKNOWN);
    expect(run("github.actor == 'me' && github.event_name == 'schedule'")).toBe(false);
    expect(run("github.actor == 'me' || github.event_name == 'push'")).toBe(true);
    expect(run("!inputs.skip")).toBe(UNKNOWN);
  });

  it("adds success() when no status function is called, as GitHub does", () => {
    expect(run("github.ref == 'refs/heads/main'", failed)).toBe(false);
    expect(run("always() && github.ref == 'refs/heads/main'", failed)).toBe(true);
    expect(run("!cancelled()", failed)).toBe(true);
    expect(run("success()", failed)).toBe(false);
    expect(callsStatusFunction(parseExpression("github.ref == 'x' && failure()"))).toBe(true);
    expect(evaluate(parseExpression("github.ref"), contexts, ok)).toBe("refs/heads/main");
  });

  it("refuses what is not an expression", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression syntax, not a JS template
    for (const source of ["github.ref ==", "(a", "'unterminated", "a ? b : c", "${{ a }} && ${{ b }}"])
      expect(() => parseExpression(source), source).toThrow();
  });
});
