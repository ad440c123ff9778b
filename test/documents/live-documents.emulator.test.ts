/*
 * The example service's documents on live runs against the compliant example platform, provisioned
 * on moto (examples/task-platform/provision): the real CLI program (`readiness check --live
 * --endpoint-url …`, in process so its clock can be pinned, through the real SDK collectors),
 * reading the files next to --config, and reading the verdicts `readiness publish` stored in the
 * results table (DynamoDB in moto); then the Config evaluator's periodic rules (TESTMODE, which
 * moto's PutEvaluations accepts) from the same verdicts. Last, golden-signals on the platform with
 * its CloudWatch alarms deleted: Prometheus alone covers the queues through the published verdicts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { defaultDeps } from "@readiness/cli/deps";
import { createLiveClients } from "@readiness/core/checklist/adapters/live/index";
import { CHECKLIST } from "@readiness/core/checklist/catalogue/items";
import { loadConfigFile } from "@readiness/core/checklist/config/load";
import { documentVerdictsToPublish } from "@readiness/core/checklist/documents/publish/publish";
import { liveCollector } from "@readiness/core/config-rules/clients";
import { evaluateConfigRuleEvent } from "@readiness/core/config-rules/evaluator";
import { DocumentVerdictStore, publishedDocumentReader } from "@readiness/core/kernel/results/documents";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { CONFIG_SERVICE_VALIDATORS } from "@readiness/devkit/test-support/aws-contracts/config-service";
import { validateBeforeSending } from "@readiness/devkit/test-support/aws-contracts/stub-answers";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { provisionPlatform } from "@readiness/example-task-platform/provision/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { REPO, readiness, readinessInProcess } from "../cli/helpers";
import { scheduledEvent } from "../fixtures/config-events/events";
import { createResultsTable } from "../gate/tables";
import { BROKEN_DOCUMENT_REASONS } from "./broken-document-reasons";

const handle = useEmulator();
const REGION = "us-east-1";
const TABLE = "readiness-results";
const TEMPLATE = "examples/task-platform/compliant.yaml";
const COMPLIANT = "examples/task-service/readiness.yml";
const BROKEN = "examples/task-service/broken-documents/readiness.yml";
/** The platform's readiness.yml: the same services, no documents (the run reads published verdicts). */
const NO_DOCUMENTS = "examples/task-platform/readiness.yml";
/** The day after the example's cost estimate was made (valid 90 days): the runs' clocks are pinned. */
const NOW = new Date("2026-12-07T09:00:00Z");
const PUBLISHED_AT = new Date("2026-12-07T08:00:00Z");
const CI = { GITHUB_REPOSITORY: "example/task-service", GITHUB_SHA: "4f2c1e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e" };
const DOCUMENT_ITEMS = CHECKLIST.filter((item) => item.kinds.includes("document"));
const DOCUMENTS_ONLY = DOCUMENT_ITEMS.filter((item) => item.kinds.every((kind) => kind === "document"));

interface JsonItem {
  id: string;
  status: string;
  kinds: string[];
  parts: { kind: string; status: string; reason: string }[];
  findings: { resource: string; status: string; reason: string; kind?: string }[];
}
const documentPart = (item: JsonItem) => item.parts.find((p) => p.kind === "document")!;
const dynamodb = () => new DynamoDBClient(handle.clientConfig(REGION));
const scratch = mkdtempSync(join(tmpdir(), "readiness-live-documents-"));

/** `readiness check --live` against moto, in process with its clock pinned; the JSON report's items. */
const checkLive = async (config: string, now: Date, extra: readonly string[] = []) => {
  const result = await readinessInProcess(
    [
      "check",
      "--live",
      "--endpoint-url",
      handle.emulator.endpoint,
      "--region",
      REGION,
      "--config",
      config,
      "--format",
      "json",
      ...extra,
    ],
    { ...defaultDeps, checkLive: (input) => defaultDeps.checkLive({ ...input, now }) },
  );
  if (!result.stdout.startsWith("{")) throw new Error(`no report (exit ${result.code}): ${result.stderr}`);
  const items = (JSON.parse(result.stdout) as { items: JsonItem[] }).items;
  return { code: result.code, items, documented: items.filter((item) => item.kinds.includes("document")) };
};

/** What `readiness publish` does, with its clock pinned: decide against the template, store in the table. */
const publish = async (config: string, template: string, at: Date) => {
  const { config: readinessYml, file } = await loadConfigFile(resolve(REPO, config));
  const outcome = await documentVerdictsToPublish({
    template: resolve(REPO, template),
    config: readinessYml,
    configDir: join(file!, ".."),
    validityDays: 30,
    now: at,
    env: CI,
  });
  await new DocumentVerdictStore(ResultsTable.on(dynamodb(), TABLE)).publish(outcome.records);
  return outcome;
};

/** The example service's documents copied to a scratch folder, to change one of them. */
const copyOfDocuments = (name: string): string => {
  const folder = join(scratch, name);
  for (const entry of ["readiness.yml", "ops", "monitoring", ".github"])
    cpSync(join(REPO, "examples/task-service", entry), join(folder, entry), { recursive: true });
  return folder;
};

/** One periodic Config evaluation (TESTMODE) of an item: [resource name, compliance, annotation] per evaluation. */
const configEvaluations = async (itemId: string, now: Date): Promise<[string, string, string][]> => {
  const run = await evaluateConfigRuleEvent(
    scheduledEvent({ itemId, resultToken: "TESTMODE", ruleName: `readiness-${itemId}` }),
    {
      config: validateBeforeSending(new ConfigServiceClient(handle.clientConfig(REGION)), CONFIG_SERVICE_VALIDATORS),
      collect: liveCollector(createLiveClients({ endpoint: handle.emulator.endpoint, region: REGION })),
      readPublishedDocument: publishedDocumentReader(ResultsTable.on(dynamodb(), TABLE)),
      now: () => now,
    },
  );
  expect(run.testMode).toBe(true);
  return run.evaluations.map((e) => [e.resourceId.split(/[/:]/).pop()!, e.compliance, e.annotation ?? ""]);
};

beforeAll(async () => {
  await provisionPlatform({ variant: "compliant", endpoint: handle.emulator.endpoint, region: REGION });
  await createResultsTable(dynamodb(), TABLE);
}, 300_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("readiness check --live --config with the example service's documents (files)", () => {
  it("Compliance: every document item and part is decided from the files; the estimate made from the template is not this account's", async () => {
    const { documented } = await checkLive(COMPLIANT, NOW);
    expect(documented.map((item) => item.id).sort()).toEqual(DOCUMENT_ITEMS.map((item) => item.id).sort());
    const parts = Object.fromEntries(documented.map((item) => [item.id, documentPart(item).status]));
    expect(parts).toEqual({
      ...Object.fromEntries(DOCUMENT_ITEMS.map((item) => [item.id, "pass"])),
      "cost-estimate": "fail",
    });
    // The example's estimate was made from compliant.yaml: a live run counts only one made from its account.
    expect(documentPart(documented.find((item) => item.id === "cost-estimate")!).reason).toMatch(
      /^ops\/cost-estimate\.json:7:15: made from the template sha256:cf57c2a8afa0…, but this run reads account \d{12} in us-east-1/,
    );
    for (const item of documented.filter((i) => i.id !== "cost-estimate" && DOCUMENTS_ONLY.some((d) => d.id === i.id)))
      expect([item.id, item.status]).toEqual([item.id, "pass"]);
  });

  it("Compliance: with an estimate made from this account (readiness cost --live), every document item and part passes", async () => {
    const folder = copyOfDocuments("live-estimate");
    const estimate = join(folder, "ops/cost-estimate.json");
    const cost = await readiness(
      [
        "cost",
        "--live",
        "--endpoint-url",
        handle.emulator.endpoint,
        "--region",
        REGION,
        "--config",
        join(folder, "readiness.yml"),
        "--output",
        estimate,
      ],
      { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
    );
    expect(cost.code, cost.stderr).toBe(0);
    const madeAt = new Date((JSON.parse(readFileSync(estimate, "utf8")) as { createdAt: string }).createdAt);
    const { documented } = await checkLive(join(folder, "readiness.yml"), new Date(madeAt.getTime() + 3_600_000));
    expect(documented.map((item) => [item.id, documentPart(item).status])).toEqual(
      documented.map((item) => [item.id, "pass"]),
    );
    expect(documented).toHaveLength(DOCUMENT_ITEMS.length);
    for (const item of documented.filter((i) => DOCUMENTS_ONLY.some((d) => d.id === i.id)))
      expect([item.id, item.status]).toEqual([item.id, "pass"]);
  });

  it("Noncompliance: the broken documents fail each document item with a reason naming the file and line", async () => {
    const { code, documented } = await checkLive(BROKEN, NOW);
    expect(code).toBe(1);
    const reasons = Object.fromEntries(
      documented
        .filter((item) => item.id !== "golden-signals")
        .map((item) => [item.id, `${documentPart(item).status}: ${documentPart(item).reason}`]),
    );
    const expected: Record<string, RegExp> = {
      ...BROKEN_DOCUMENT_REASONS,
      "cost-estimate":
        /^fail: ops\/cost-estimate\.json:7:15: made from the template sha256:b479d56f82c3…, but this run reads account/,
    };
    for (const [id, reason] of Object.entries(reasons))
      expect([id, reason]).toEqual([id, expect.stringMatching(expected[id] ?? /^never$/)]);
    expect(Object.keys(reasons).sort()).toEqual(Object.keys(expected).sort());
    // golden-signals' broken document leaves the DLQ to CloudWatch, whose alarm on it the platform has.
    const golden = documented.find((item) => item.id === "golden-signals")!;
    expect(golden.findings).toContainEqual(
      expect.objectContaining({
        status: "pass",
        reason: expect.stringMatching(
          /^DLQ depth of task-dlq: CloudWatch alarm .*\(ApproximateNumberOfMessagesVisible\)/,
        ),
      }),
    );
  });
});

describe("after readiness publish: live runs without documents, and the Config evaluator", () => {
  const AFTER = new Date("2026-12-08T09:00:00Z");
  beforeAll(async () => {
    const outcome = await publish(COMPLIANT, TEMPLATE, PUBLISHED_AT);
    expect(outcome.warnings).toEqual([]);
  });

  it("Compliance: a live run ticks every document item and part from the published verdicts", async () => {
    const { documented } = await checkLive(NO_DOCUMENTS, AFTER, ["--results-table", TABLE]);
    expect(documented.map((item) => [item.id, documentPart(item).status])).toEqual(
      DOCUMENT_ITEMS.map((item) => [item.id, "pass"]),
    );
    for (const item of documented.filter((i) => DOCUMENTS_ONLY.some((d) => d.id === i.id))) {
      expect([item.id, item.status]).toEqual([item.id, "pass"]);
      expect(documentPart(item).reason).toContain(
        "published 2026-12-07T08:00:00.000Z (1 day ago) from example/task-service@4f2c1e0d9b8a",
      );
    }
    const golden = documented.find((item) => item.id === "golden-signals")!;
    expect(golden.status).toBe("pass");
    expect(golden.parts.find((p) => p.kind === "config")?.reason).toMatch(/^decided with the document part/);
  });

  it("Compliance: the Config evaluator's periodic rules (TESTMODE) post every document item's part compliant from the verdicts (rollback-tested waits only for its evidence)", async () => {
    const posted: Record<string, [string, string, string][]> = {};
    for (const item of DOCUMENT_ITEMS) posted[item.id] = await configEvaluations(item.id, AFTER);
    const services = ["task-api", "task-dlq-processor", "task-worker"];
    for (const item of DOCUMENTS_ONLY) {
      const verdicts = posted[item.id]!.filter(([id]) => services.includes(id));
      expect(verdicts.map(([id, compliance]) => [item.id, id, compliance]).sort()).toEqual(
        services.map((id) => [item.id, id, "COMPLIANT"]),
      );
    }
    // golden-signals: the API and Worker from their verdicts, every queue by either source.
    const golden = Object.fromEntries(posted["golden-signals"]!.map(([id, compliance]) => [id, compliance]));
    expect(golden).toMatchObject({
      "task-api": "COMPLIANT",
      "task-worker": "COMPLIANT",
      "task-queue": "COMPLIANT",
      "task-dlq": "COMPLIANT",
    });
    // cicd-gate: its configuration (the circuit breaker) and its document both pass.
    for (const [id, compliance, annotation] of posted["cicd-gate"]!.filter(([id]) => services.includes(id)))
      expect([id, compliance, annotation]).toEqual([id, "COMPLIANT", annotation]);
    // rollback-tested: its document part passes (a failing one would post NON_COMPLIANT); all it still
    // waits for is its evidence part, a recorded rollback.
    expect(posted["rollback-tested"]!.filter(([id]) => services.includes(id)).sort()).toEqual(
      services.map((id) => [id, "INSUFFICIENT_DATA", "needs evidence: no rollback recorded"]),
    );
    expect(golden["task-dlq-processor"]).toBe("NOT_APPLICABLE");
  });
});

describe("golden-signals on a platform monitored through Prometheus alone, after readiness publish", () => {
  /** The compliant template with its CloudWatch alarms removed, as the account now runs. */
  const withoutAlarms = (): string => {
    const doc = parseDocument(readFileSync(join(REPO, TEMPLATE), "utf8"));
    const resources = doc.get("Resources") as {
      items: { key: { value: string }; value: { get(k: string): unknown } }[];
    };
    for (const pair of [...resources.items])
      if (pair.value.get("Type") === "AWS::CloudWatch::Alarm") doc.deleteIn(["Resources", pair.key.value]);
    const path = join(scratch, "prometheus-only.yaml");
    writeFileSync(path, doc.toString());
    return path;
  };
  const goldenSignals = async (now: Date) =>
    (await checkLive(NO_DOCUMENTS, now, ["--results-table", TABLE, "--only", "golden-signals"])).items[0]!;

  beforeAll(async () => {
    const cloudwatch = new CloudWatchClient(handle.clientConfig(REGION));
    const names = ((await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => a.AlarmName!);
    expect(names.length).toBeGreaterThan(0);
    await cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: names }));
  });

  it("Compliance: every queue's depth is covered by the published recording rules, with no CloudWatch alarm", async () => {
    await publish(COMPLIANT, withoutAlarms(), new Date("2026-12-09T08:00:00Z"));
    const item = await goldenSignals(new Date("2026-12-09T09:00:00Z"));
    expect(item.status).toBe("pass");
    for (const queue of ["queue depth of task-queue", "DLQ depth of task-dlq"])
      expect(item.findings).toContainEqual(
        expect.objectContaining({
          status: "pass",
          reason: expect.stringMatching(
            new RegExp(`^${queue}: recording rule queue_name:aws_sqs_messages_visible:max`),
          ),
        }),
      );
  });

  it("Noncompliance: with the DLQ's coverage removed from the documents, it fails naming the queue", async () => {
    const folder = copyOfDocuments("no-dlq-coverage");
    const rules = join(folder, "monitoring/rules/golden-signals.yaml");
    writeFileSync(
      rules,
      readFileSync(rules, "utf8").replaceAll('queue_name=~"task-queue|task-dlq"', 'queue_name="task-queue"'),
    );
    const board = join(folder, "monitoring/dashboards/task-service.json");
    writeFileSync(
      board,
      readFileSync(board, "utf8").replaceAll('queue_name=\\"task-dlq\\"', 'queue_name=\\"task-queue\\"'),
    );
    await publish(join(folder, "readiness.yml"), withoutAlarms(), new Date("2026-12-10T08:00:00Z"));
    const item = await goldenSignals(new Date("2026-12-10T09:00:00Z"));
    expect(item.status).toBe("fail");
    expect(item.findings).toContainEqual(
      expect.objectContaining({
        status: "fail",
        reason: expect.stringMatching(
          /^DLQ depth of task-dlq: no CloudWatch alarm, and no recording rule or dashboard query of the published documents covers it \(published 2026-12-10T08:00:00\.000Z/,
        ),
      }),
    );
    expect(item.findings).toContainEqual(
      expect.objectContaining({
        status: "pass",
        reason: expect.stringMatching(/^queue depth of task-queue: recording rule/),
      }),
    );

    // The Config evaluator's periodic rule reads the same verdict.
    const posted = await configEvaluations("golden-signals", new Date("2026-12-10T09:00:00Z"));
    expect(posted).toEqual(
      expect.arrayContaining([
        ["task-queue", "COMPLIANT", expect.stringMatching(/^queue depth of task-queue: recording rule/)],
        [
          "task-dlq",
          "NON_COMPLIANT",
          expect.stringMatching(/^DLQ depth of task-dlq: no CloudWatch alarm, and no recording rule/),
        ],
      ]),
    );
  });
});
