import { describe, expect, it } from "vitest";
import type { LiveCheckInput } from "@readiness/core/checklist/check/check-live";
import { checkInventory } from "@readiness/core/checklist/check/check-inventory";
import type { CliDeps } from "@readiness/cli/deps";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { readinessInProcess } from "./helpers";

const unusedTemplate: CliDeps["checkTemplate"] = () => {
  throw new Error("the template source should not be used");
};

/** A live source that returns an inventory built with the builders and records what it was asked. */
const ORDERS = "arn:aws:sqs:us-east-1:123456789012:orders";
const fakeLive = (
  calls: LiveCheckInput[],
  unreadable = new Map<string, string>(),
  inventory = inventoryOf(resource("AWS::SQS::Queue", ORDERS, { QueueName: "orders" })),
): CliDeps => ({
  checkTemplate: unusedTemplate,
  checkLive: async (input) => {
    calls.push(input);
    input.onProgress?.("listing ECS clusters");
    const outcome = checkInventory({
      ...input,
      // The builders' inventory has no ECS cluster: the clusters asked for would scope it to nothing.
      clusters: undefined,
      inventory,
      source: `live ${input.endpoint}`,
      unreadableTypes: unreadable,
    });
    return { ...outcome, warnings: ["lambda: endpoint lacks ListEventSourceMappings"] };
  },
});

describe("readiness check --live (through the seam)", () => {
  it("passes region, profile, endpoint (default AWS_ENDPOINT_URL), clusters, services and selection", async () => {
    const calls: LiveCheckInput[] = [];
    const result = await readinessInProcess(
      [
        "check",
        "--live",
        "--region",
        "eu-west-1",
        "--profile",
        "ops",
        "--cluster",
        "a",
        "--cluster",
        "b",
        "--only",
        "dlq-coverage",
      ],
      fakeLive(calls),
      { env: { AWS_ENDPOINT_URL: "http://127.0.0.1:5000" } },
    );
    expect(calls[0]).toMatchObject({
      region: "eu-west-1",
      profile: "ops",
      endpoint: "http://127.0.0.1:5000",
      clusters: ["a", "b"],
      deadlineMs: 300_000,
      only: ["dlq-coverage"],
      skip: [],
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("readiness: live http://127.0.0.1:5000");
    expect(result.stdout).toContain(
      "- arn:aws:sqs:us-east-1:123456789012:orders (AWS::SQS::Queue): queue orders has no RedrivePolicy",
    );
    expect(result.stderr).toBe("warning: lambda: endpoint lacks ListEventSourceMappings\n");
  });

  it("--endpoint-url wins over AWS_ENDPOINT_URL; progress shows on a TTY", async () => {
    const calls: LiveCheckInput[] = [];
    const result = await readinessInProcess(
      ["check", "--live", "--endpoint-url", "http://localhost:4566"],
      fakeLive(calls),
      {
        env: { AWS_ENDPOINT_URL: "http://127.0.0.1:5000" },
        stderrIsTTY: true,
      },
    );
    expect(calls[0].endpoint).toBe("http://localhost:4566");
    expect(result.stderr).toContain(
      "… collecting resources from http://localhost:4566 (deadline 5 min)\n… listing ECS clusters\n",
    );
  });

  it("an unreadable type makes an otherwise passing item unknown, and the run still exits 0", async () => {
    const dlqArn = "arn:aws:sqs:us-east-1:123456789012:orders-dlq";
    const covered = inventoryOf(
      resource("AWS::SQS::Queue", ORDERS, { QueueName: "orders", RedrivePolicy: { deadLetterTargetArn: dlqArn } }),
      resource("AWS::SQS::Queue", dlqArn, { QueueName: "orders-dlq" }),
      resource("AWS::Lambda::EventSourceMapping", "esm-1", { EventSourceArn: dlqArn, FunctionName: "drain" }),
    );
    const args = ["check", "--live", "--only", "dlq-coverage", "--format", "json"];
    const readable = await readinessInProcess(args, fakeLive([], new Map(), covered));
    expect(JSON.parse(readable.stdout).items[0].status).toBe("pass");
    const unreadable = new Map([["AWS::Lambda::EventSourceMapping", "endpoint lacks the API"]]);
    const result = await readinessInProcess(args, fakeLive([], unreadable, covered));
    const [item] = JSON.parse(result.stdout).items;
    expect(item.status).toBe("unknown");
    expect(item.summary).toContain("AWS::Lambda::EventSourceMapping: endpoint lacks the API");
    expect(result.code).toBe(0);
  });

  it("--parameter with --live is a usage error", async () => {
    const result = await readinessInProcess(["check", "--live", "--parameter", "A=b"], fakeLive([]));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("error: --parameter only applies with --template\n  hint: drop it, or use --template\n");
  });
});

describe("colour", () => {
  const deps = fakeLive([]);
  const args = ["check", "--live", "--only", "dlq-coverage"];

  it("is used on a TTY", async () => {
    expect((await readinessInProcess(args, deps, { stdoutIsTTY: true })).stdout).toContain("\u001b[31m✗\u001b[0m");
  });

  it.each([
    ["NO_COLOR is set", [], { NO_COLOR: "1" }],
    ["--no-color is given", ["--no-color"], {}],
  ])("is not used when %s", async (_, extra, env) => {
    const result = await readinessInProcess([...args, ...extra], deps, { stdoutIsTTY: true, env });
    expect(result.stdout).not.toContain("\u001b[");
  });
});

describe("unexpected errors", () => {
  const broken: CliDeps = {
    checkTemplate: unusedTemplate,
    checkLive: async () => {
      throw new TypeError("cannot read properties of undefined");
    },
  };

  it("exit 70 with the message and a pointer to --debug, no stack", async () => {
    const result = await readinessInProcess(["check", "--live"], broken);
    expect(result.code).toBe(70);
    expect(result.stderr).toBe(
      "internal error: cannot read properties of undefined\n  run with --debug for the stack trace, and report it\n",
    );
  });

  it("--debug prints the stack", async () => {
    const result = await readinessInProcess(["check", "--live", "--debug"], broken);
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
  });

  it("never exits 0 when the config is bad, whatever the source", async () => {
    const result = await readinessInProcess(
      ["check", "--live", "--config", "test/cli/fixtures/bad/bad-readiness.yml"],
      fakeLive([]),
    );
    expect(result.code).toBe(2);
  });
});
