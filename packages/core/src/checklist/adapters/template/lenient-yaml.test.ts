// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} on purpose
import { describe, expect, it } from "vitest";
import { indentQuotedContinuations } from "./lenient-yaml";
import { parseTemplateText } from "./parse";
import { fixture } from "@readiness/devkit/fixtures/templates";
import { readFileSync } from "node:fs";
import { TemplateError } from "../../../kernel/errors";

const FILE = fixture("quoted-continuations.yaml");

describe("a quoted scalar continued at its key's indentation (accepted by CloudFormation, PyYAML and cfn-lint)", () => {
  it("Compliance: parses to PyYAML's values, with every line number kept", () => {
    const { body, positions } = parseTemplateText(FILE, readFileSync(FILE, "utf8"));
    // The values PyYAML's safe_load gives for the same text.
    expect(body).toMatchObject({
      Description:
        "Deploys the orders service behind an Application Load Balancer, in the style of the ECS reference architecture",
      Parameters: {
        EnvironmentName: {
          Description: "An environment name that will be prefixed to resource names; Bob's rule: keep it short",
        },
      },
      Resources: {
        Queue: {
          Properties: {
            QueueName: { "Fn::Sub": "${EnvironmentName}- orders" },
            Tags: [
              { Key: "Note", Value: "It's a queue whose note goes on" },
              { Key: "Script", Value: "echo \"unclosed\necho 'also unclosed\n" },
            ],
          },
        },
        Topic: { Properties: { DisplayName: "Bob's topic" } },
      },
    });
    expect(positions.get("Resources.Queue")).toEqual({ line: 12, column: 3 });
    expect(positions.get("Resources.Topic")).toEqual({ line: 25, column: 3 });
  });

  it("Compliance: only the under-indented continuation lines change, by leading spaces", () => {
    const text = readFileSync(FILE, "utf8");
    const indented = indentQuotedContinuations(text)!;
    const changed = text
      .split("\n")
      .map((line, n) => [line, indented.split("\n")[n]])
      .filter(([before, after]) => before !== after);
    expect(changed).toEqual([
      ['in the style of the ECS reference architecture"', ' in the style of the ECS reference architecture"'],
      ["    Bob's rule: keep it short\"", "     Bob's rule: keep it short\""],
      ['      orders"', '       orders"'],
      ["          goes on'", "           goes on'"],
    ]);
    expect(indentQuotedContinuations("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")).toBeUndefined();
  });

  it("Noncompliance: a quote that never closes is still an error (reported from the text as written)", () => {
    let error: unknown;
    try {
      parseTemplateText("broken.yaml", 'Resources:\n  Queue:\n    Type: "AWS::SQS::Queue\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).message).toBe('invalid YAML: Missing closing "quote');
  });
});
