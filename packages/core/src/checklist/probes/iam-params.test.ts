import { configProblemsOf } from "@readiness/devkit/fixtures/readiness-yml";
import { describe, expect, it } from "vitest";
import { defaultParams } from "../catalogue/params";
import { parseConfig } from "../config/load";

const problemsOf = (text: string): string[] => configProblemsOf(text).map((problem) => problem.describe());

describe("iam-least-privilege action sets in readiness.yml", () => {
  it("default to concrete destructive actions to deny and nothing required", () => {
    const { mustDeny, mustAllow } = defaultParams("iam-least-privilege");
    // The simulator judges each name as one request: a wildcard would pass only where a policy grants that wildcard.
    for (const action of mustDeny) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    expect(mustDeny).toEqual(expect.arrayContaining(["iam:PassRole", "iam:PutRolePolicy", "sts:AssumeRole"]));
    expect(mustAllow).toEqual([]);
  });

  it("accept service:Action names, wildcards included", () => {
    const config = parseConfig(
      'version: 1\nrules:\n  iam-least-privilege:\n    mustDeny: ["iam:*", s3:DeleteBucket]\n    mustAllow: [sqs:SendMessage]\n',
      "readiness.yml",
    );
    expect(config.rules["iam-least-privilege"]).toEqual({
      mustDeny: ["iam:*", "s3:DeleteBucket"],
      mustAllow: ["sqs:SendMessage"],
    });
  });

  it("reject a name that is not an IAM action, saying where and what to write", () => {
    const problems = problemsOf("version: 1\nrules:\n  iam-least-privilege:\n    mustDeny: [DeleteTable]\n");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"DeleteTable" is not an IAM action');
    expect(problems[0]).toContain("rules.iam-least-privilege.mustDeny[0]");
    expect(problems[0]).toMatch(/^readiness\.yml:4:/);
  });

  it("reject an action that is both denied and required", () => {
    const problems = problemsOf(
      "version: 1\nrules:\n  iam-least-privilege:\n    mustDeny: [sqs:DeleteQueue]\n    mustAllow: [SQS:deletequeue]\n",
    );
    expect(problems).toEqual([expect.stringContaining('"SQS:deletequeue" is in both mustDeny and mustAllow')]);
  });
});
