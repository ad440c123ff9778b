import { describe, expect, it } from "vitest";
import { readiness } from "./helpers";

const BAD = "test/cli/fixtures/bad";
const FAILING = "test/cli/fixtures/failing.yaml";

/** Bad input: exit 2, one `error:` line naming the file and place, a hint line, and no stack trace. */
const expectInputError = (result: { code: number; stdout: string; stderr: string }, firstLine: RegExp) => {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(firstLine);
  expect(lines[0]).toMatch(/^error: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
};

describe("readiness check with bad input", () => {
  it("invalid JSON: file:line:column of the syntax error", async () => {
    expectInputError(
      await readiness(["check", "--template", `${BAD}/invalid.json`]),
      /^error: test\/cli\/fixtures\/bad\/invalid\.json:4:\d+: invalid JSON/,
    );
  });

  it("invalid YAML: file:line:column of the syntax error", async () => {
    expectInputError(
      await readiness(["check", "--template", `${BAD}/invalid.yaml`]),
      /^error: test\/cli\/fixtures\/bad\/invalid\.yaml:\d+:\d+: invalid YAML/,
    );
  });

  it("a JSON file that is not a CloudFormation template", async () => {
    expectInputError(
      await readiness(["check", "--template", `${BAD}/not-cloudformation.json`]),
      /^error: test\/cli\/fixtures\/bad\/not-cloudformation\.json.*not a CloudFormation template/,
    );
  });

  it("an unknown resource type, with the closest type", async () => {
    const result = await readiness(["check", "--template", `${BAD}/unknown-type.yaml`]);
    expectInputError(
      result,
      /^error: test\/cli\/fixtures\/bad\/unknown-type\.yaml:5:3: unknown resource type AWS::SQS::Queu/,
    );
    expect(result.stderr).toContain("AWS::SQS::Queue");
  });

  it("circular references between resources", async () => {
    expectInputError(
      await readiness(["check", "--template", `${BAD}/circular.yaml`]),
      /^error: test\/cli\/fixtures\/bad\/circular\.yaml:3:3: circular dependency between resources: First → Second → First/,
    );
  });

  it("a template path that does not exist", async () => {
    expectInputError(
      await readiness(["check", "--template", "no/such/template.yaml"]),
      /^error: no\/such\/template\.yaml: .*not found/,
    );
  });

  it("a bad readiness.yml: field path, line:column and allowed values", async () => {
    const result = await readiness(["check", "--template", FAILING, "--config", `${BAD}/bad-readiness.yml`]);
    expectInputError(
      result,
      /^error: test\/cli\/fixtures\/bad\/bad-readiness\.yml:4:11: invalid value "db" \(at services\[0\]\.role\)$/,
    );
    expect(result.stderr).toContain("hint: allowed values: api, worker, dlq-processor");
  });

  it("a --config file that does not exist", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--config", "nope.yml"]),
      /^error: nope\.yml: cannot read readiness config: file not found$/,
    );
  });

  it("an unknown --only id lists the valid ids", async () => {
    const result = await readiness(["check", "--template", FAILING, "--only", "dlq-coverag"]);
    expectInputError(result, /^error: unknown item id "dlq-coverag" in --only$/);
    expect(result.stderr).toContain('did you mean "dlq-coverage"?');
    expect(result.stderr).toContain("post-deploy-smoke");
  });

  it("an unknown --skip id", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--skip", "everything"]),
      /unknown item id "everything" in --skip/,
    );
  });

  it("--only and --skip that leave nothing to check", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--only", "mtls", "--skip", "mtls"]),
      /^error: --only and --skip leave no item to check$/,
    );
  });

  it("both --template and --live", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--live"]),
      /^error: --template and --live cannot be used together$/,
    );
  });

  it("neither --template nor --live", async () => {
    const result = await readiness(["check"]);
    expectInputError(result, /^error: nothing to check$/);
    expect(result.stderr).toContain("pass exactly one of --template PATH");
  });

  it("a live-only flag with --template", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--cluster", "prod"]),
      /^error: --cluster only applies with --live$/,
    );
  });

  it("a malformed --parameter", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--parameter", "NoEquals"]),
      /^error: invalid --parameter "NoEquals"$/,
    );
  });

  it("an unknown --service lists the services found", async () => {
    expectInputError(
      await readiness(["check", "--template", FAILING, "--service", "api"]),
      /^error: no ECS service matches --service api; services found: none$/,
    );
  });

  it("an unknown format or flag is a usage error (exit 2)", async () => {
    const format = await readiness(["check", "--template", FAILING, "--format", "nope"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe(
      'error: invalid --format "nope": not one of table, json, markdown, junit, sarif\n' +
        "  hint: pass --format table|json|markdown|junit|sarif\n",
    );
    const flag = await readiness(["check", "--templat", FAILING]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(
      "error: unknown option '--templat'\n  hint: did you mean --template? run `readiness check --help` for its options\n",
    );
    const command = await readiness(["chek"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(
      /^error: unknown command 'chek'\n {2}hint: .*run `readiness --help` for the commands\n$/,
    );
  });

  it("--debug adds the stack trace", async () => {
    const result = await readiness(["check", "--template", `${BAD}/circular.yaml`, "--debug"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: test\/cli\/fixtures\/bad\/circular\.yaml:3:3: circular dependency/);
    expect(result.stderr).toMatch(/TemplateError: circular dependency[^\n]*\n\s+at /);
  });
});
