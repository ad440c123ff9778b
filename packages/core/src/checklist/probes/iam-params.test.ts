import { describe, expect, it } from "vitest";
import { defaultParams } from "../catalogue/params";
import { ConfigValidationError, parseConfig } from "../config/load";

const problemsOf = (text: string): string[] => {
  try {
    parseConfig(text, "readiness.yml");
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.describe());
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
};

describe("iam-least-privilege action sets in readiness.yml", () => {
  it("default to concrete destructive actions to deny and nothing required", () => {
    expect(defaultParams("iam-least-privilege")).toEqual({
      mustDeny: [
        "iam:PassRole",
        "iam:CreateAccessKey",
        "iam:AttachRolePolicy",
        "iam:PutRolePolicy",
        "sts:AssumeRole",
        "s3:DeleteBucket",
        "dynamodb:DeleteTable",
        "sqs:DeleteQueue",
      ],
      mustAllow: [],
    });
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
