import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisionPlatform } from "@readiness/example-task-platform/provision/index";
import { digestTemplateFiles } from "@readiness/core/checklist/cost/digest";
import type { EstimateDocument } from "@readiness/core/checklist/cost/document";
import { COST_SERVICES, PRICE_TABLE } from "@readiness/core/checklist/cost/prices";
import { decideCostEstimate } from "@readiness/core/checklist/documents/cost/decide";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { REPO, readiness } from "./helpers";

const TEMPLATE = "examples/task-platform/compliant.yaml";
const BROKEN = "examples/task-platform/broken.yaml";
const CONFIG = "examples/task-platform/readiness.yml";
const US_EAST_1 = PRICE_TABLE.regions["us-east-1"];
const quiet = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

const sha256 = (path: string): string =>
  createHash("sha256")
    .update(readFileSync(join(REPO, path)))
    .digest("hex");

const lineOf = (document: EstimateDocument, resource: string, item: string) => {
  const found = document.lines.find((line) => line.resource === resource && line.item.startsWith(item));
  if (!found) throw new Error(`no line ${resource} · ${item}`);
  return found;
};

describe("readiness cost --template", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "readiness-cost-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("prints a table of the five services with each line's formula, and the total (exit 0)", async () => {
    const result = await readiness(["cost", "--template", TEMPLATE, "--config", CONFIG]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      new RegExp(`^cost estimate: \\$[\\d,]+\\.\\d\\d a month \\(USD\\), us-east-1 prices of ${PRICE_TABLE.date}$`),
    );
    expect(lines[1]).toBe(`made from template ${TEMPLATE} (sha256:${sha256(TEMPLATE).slice(0, 12)}…)`);
    expect(lines[2]).toBe("scope: services api, worker, dlq-processor");
    for (const title of ["ECS Fargate", "DynamoDB", "SQS", "ALB", "CloudWatch"])
      expect(lines, title).toContainEqual(expect.stringMatching(new RegExp(`^ *\\$[\\d,]+\\.\\d\\d  ${title}$`)));
    expect(result.stdout).toContain(
      `api · vCPU (X86_64): 2 tasks × 0.5 vCPU × 730 h = 730 vCPU-hour × $${US_EAST_1["fargate.linuxX86.vcpuHour"].usd}`,
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ *\$[\d,]+\.\d\d {2}total a month$/));
  });

  it("--format json: the documented estimate, made from the template's digest", async () => {
    const before = Date.now();
    const result = await readiness(["cost", "--template", TEMPLATE, "--config", CONFIG, "--format", "json"]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as EstimateDocument;
    expect(document).toMatchObject({
      schemaVersion: 1,
      region: "us-east-1",
      currency: "USD",
      priceTableDate: PRICE_TABLE.date,
      madeFrom: { kind: "template", digest: `sha256:${sha256(TEMPLATE)}`, files: [TEMPLATE] },
      scope: "services api, worker, dlq-processor",
    });
    expect(Date.parse(document.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Object.keys(document.totals)).toEqual([...COST_SERVICES]);
    for (const service of COST_SERVICES) expect(document.totals[service], service).toBeGreaterThan(0);
    const sum = COST_SERVICES.reduce((total, service) => total + document.totals[service], 0);
    expect(document.total).toBeCloseTo(sum, 1);
    // The API runs 2 tasks of 0.5 vCPU (Cpu "512") for 730 hours.
    expect(lineOf(document, "api", "vCPU")).toMatchObject({
      quantity: 730,
      unitPriceUsd: US_EAST_1["fargate.linuxX86.vcpuHour"].usd,
      monthlyUsd: Math.round(730 * US_EAST_1["fargate.linuxX86.vcpuHour"].usd * 1e4) / 1e4,
      inputs: expect.arrayContaining([{ name: "tasks", value: 2, from: "DesiredCount" }]),
    });
    // TaskEventsTable is provisioned: 5 WCU on the table and 5 on its index.
    expect(lineOf(document, "TaskEventsTable", "provisioned write")).toMatchObject({ quantity: 7300 });
    expect(document.assumptions.every((entry) => entry.from === "default")).toBe(true);
  });

  it("--output FILE.json writes the JSON the decider accepts, and the table still goes to stdout", async () => {
    const output = join(scratch, "cost-estimate.json");
    const result = await readiness(["cost", "--template", TEMPLATE, "--config", CONFIG, "--output", output]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^cost estimate: /);
    const text = readFileSync(output, "utf8");
    const path = relative(REPO, output);
    const judged = (digest: string) =>
      decideCostEstimate({
        files: [{ path, text }],
        source: { kind: "template", digest },
        params: { validityDays: 90 },
        now: new Date(),
      });
    const same = judged(await digestTemplateFiles([join(REPO, TEMPLATE)]));
    expect(same.status).toBe("pass");
    expect(same.reason).toMatch(
      new RegExp(`^${path.replace(/[.]/g, "\\.")}: \\$[\\d.]+ a month for the five services`),
    );
    const other = judged(await digestTemplateFiles([join(REPO, BROKEN)]));
    expect(other.status).toBe("fail");
    expect(other.reason).toContain("but this run reads the template");
  });

  it("--output FILE.md writes Markdown", async () => {
    const output = join(scratch, "cost-estimate.md");
    const result = await readiness(["cost", "--template", TEMPLATE, "--config", CONFIG, "--output", output]);
    expect(result.code).toBe(0);
    const markdown = readFileSync(output, "utf8");
    expect(markdown).toMatch(/^# Cost estimate\n/);
    for (const heading of [
      "## Per service",
      "## ECS Fargate",
      "## DynamoDB",
      "## SQS",
      "## ALB",
      "## CloudWatch",
      "## Assumptions",
    ])
      expect(markdown).toContain(`\n${heading}\n`);
    expect(markdown).toContain("| `requestsPerSecond` | 10 requests/s | default |");
  });

  it("readiness.yml's cost: section overrides the assumptions, and eu-west-1 prices apply with --region", async () => {
    const config = join(scratch, "readiness.yml");
    writeFileSync(
      config,
      [
        readFileSync(join(REPO, CONFIG), "utf8"),
        "cost:",
        "  requestsPerSecond: 50",
        "  services:",
        "    api: { taskCount: 4 }",
        "",
      ].join("\n"),
    );
    const result = await readiness([
      "cost",
      "--template",
      TEMPLATE,
      "--config",
      config,
      "--region",
      "eu-west-1",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as EstimateDocument;
    const eu = PRICE_TABLE.regions["eu-west-1"];
    expect(document.region).toBe("eu-west-1");
    expect(lineOf(document, "api", "vCPU")).toMatchObject({
      quantity: 4 * 0.5 * 730,
      unitPriceUsd: eu["fargate.linuxX86.vcpuHour"].usd,
      inputs: expect.arrayContaining([{ name: "tasks", value: 4, from: "readiness.yml cost.services.api.taskCount" }]),
    });
    // 50 req/s × 2,628,000 s × 1 message × 3 requests = 394.2 million requests
    expect(lineOf(document, "task-queue", "message requests")).toMatchObject({ quantity: 394.2 });
    expect(document.assumptions).toContainEqual(
      expect.objectContaining({ name: "requestsPerSecond", value: 50, from: "readiness.yml" }),
    );
    expect(document.notes).toContainEqual(
      expect.stringMatching(/^unconfirmed price sqs\.standard\.requests \(eu-west-1\)/),
    );
  });

  it("a region the price table lacks is an input error (exit 2) naming the regions it has", async () => {
    const result = await readiness(["cost", "--template", TEMPLATE, "--region", "ap-south-1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: no prices for region ap-south-1: the bundled price table (${PRICE_TABLE.date}) has us-east-1, eu-west-1\n` +
        "  hint: estimate with one of those regions (--region us-east-1), knowing the prices may differ from ap-south-1's\n",
    );
  });

  it("a bad cost: value in readiness.yml is an input error (exit 2) with its line", async () => {
    const config = join(scratch, "bad.yml");
    writeFileSync(config, "version: 1\ncost:\n  requestsPerSecond: 0\n");
    const result = await readiness(["cost", "--template", TEMPLATE, "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${config}:3:22: value 0 is out of range (at cost.requestsPerSecond)`);
  });

  it("usage errors: no source, both sources, a live-only flag with --template, a missing template (exit 2)", async () => {
    const none = await readiness(["cost"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "error: nothing to estimate\n  hint: pass exactly one of --template PATH (a template before deploy) or --live (a running account)\n",
    );
    expect((await readiness(["cost", "--template", TEMPLATE, "--live"])).stderr).toContain(
      "error: --template and --live cannot be used together",
    );
    expect((await readiness(["cost", "--template", TEMPLATE, "--cluster", "prod"])).stderr).toBe(
      "error: --cluster only applies with --live\n  hint: drop it, or use --live\n",
    );
    const missing = await readiness(["cost", "--template", "nowhere.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("template path not found: nowhere.yaml");
  });

  it("--prices prints the dated table: every price of every region, the unconfirmed ones marked", async () => {
    const result = await readiness(["cost", "--prices"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(`price table of ${PRICE_TABLE.date} (USD): ${PRICE_TABLE.basis}`);
    for (const [region, prices] of Object.entries(PRICE_TABLE.regions)) {
      expect(result.stdout).toContain(`\n${region}\n`);
      for (const price of Object.values(prices)) expect(result.stdout).toContain(price.evidence);
    }
    const unconfirmed = Object.values(PRICE_TABLE.regions).flatMap((prices) =>
      Object.values(prices).filter((price) => !price.confirmed),
    );
    expect(unconfirmed.length).toBeGreaterThan(0);
    expect(result.stdout.match(/\(unconfirmed\)/g)).toHaveLength(unconfirmed.length);
  });

  it("--help explains the command with examples", async () => {
    const result = await readiness(["cost", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("estimate the monthly cost of ECS Fargate, DynamoDB, SQS, ALB and CloudWatch");
    expect(result.stdout).toContain(
      "$ readiness cost --template cdk.out --region eu-west-1 --output ops/cost-estimate.json",
    );
  });
});

// The real bin against the real SDK collectors and a moto server this test starts (and stops), with
// the example platform provisioned into it.
describe("readiness cost --live against the emulator", () => {
  const handle = useEmulator();
  let template: EstimateDocument;

  beforeAll(async () => {
    await provisionPlatform({ variant: "compliant", endpoint: handle.emulator.endpoint, region: "us-east-1" });
    template = JSON.parse(
      (await readiness(["cost", "--template", TEMPLATE, "--config", CONFIG, "--format", "json"])).stdout,
    ) as EstimateDocument;
  }, 240_000);

  it("estimates what the account runs: made from its account and region, and priced as the template is", async () => {
    const result = await readiness(
      [
        "cost",
        "--live",
        "--endpoint-url",
        handle.emulator.endpoint,
        "--config",
        CONFIG,
        "--format",
        "json",
        "--progress",
      ],
      { env: quiet },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`… collecting resources from ${handle.emulator.endpoint}`);
    expect(result.stderr).toContain("… dynamodb tables: 2/2");
    const live = JSON.parse(result.stdout) as EstimateDocument;
    expect(live.madeFrom).toEqual({
      kind: "live",
      accountId: "123456789012",
      region: "us-east-1",
      endpoint: handle.emulator.endpoint,
    });
    expect(live.scope).toBe("services api, worker, dlq-processor (clusters task-platform)");
    // The provisioned platform is the template's: the same tasks, tables, queues and load balancer cost the same.
    for (const service of ["ecs-fargate", "dynamodb", "sqs", "alb"] as const)
      expect(live.totals[service], service).toBe(template.totals[service]);
    const logGroups = (document: EstimateDocument) =>
      document.lines
        .filter((line) => line.item === "log ingestion")
        .map((line) => [line.resource, line.monthlyUsd])
        .sort();
    expect(logGroups(live)).toEqual(logGroups(template));
    expect(logGroups(live)).toHaveLength(4);

    const judged = (source: Parameters<typeof decideCostEstimate>[0]["source"]) =>
      decideCostEstimate({
        files: [{ path: "ops/cost-estimate.json", text: result.stdout }],
        source,
        params: { validityDays: 90 },
        now: new Date(),
      }).status;
    expect(judged({ kind: "live", accountId: "123456789012", region: "us-east-1" })).toBe("pass");
    expect(judged({ kind: "live", accountId: "123456789012", region: "eu-west-1" })).toBe("fail");
    expect(
      judged({ kind: "template", digest: template.madeFrom.kind === "template" ? template.madeFrom.digest : "" }),
    ).toBe("fail");
  });

  it("an endpoint nobody listens on is an input error (exit 2) with the fix", async () => {
    const result = await readiness(["cost", "--live", "--endpoint-url", "http://127.0.0.1:9"], { env: quiet });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: cannot reach http://127.0.0.1:9: ECONNREFUSED\n  hint: start the emulator or fix --endpoint-url / AWS_ENDPOINT_URL\n",
    );
  });
});
