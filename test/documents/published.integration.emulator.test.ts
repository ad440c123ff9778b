/*
 * `readiness publish` and what reads its verdicts: CI decides the document items from the team's
 * files and stores one verdict per item × service in the results table (real DynamoDB, in the
 * emulator), with provenance; a live run whose readiness.yml names no documents, and the Config
 * evaluator, decide the document items per service from the newest verdict, and a stale one fails
 * with its age. AWS Config is stubbed (moto lacks PutEvaluations outside test mode), as in
 * test/evaluator.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { itemById } from "@readiness/core/checklist/catalogue/items";
import { gatherLiveParts } from "@readiness/core/checklist/check/live-probes";
import { loadConfigFile } from "@readiness/core/checklist/config/load";
import { documentVerdictsToPublish } from "@readiness/core/checklist/documents/publish/publish";
import { buildScope } from "@readiness/core/checklist/engine/scope";
import { ECS_SERVICE } from "@readiness/core/checklist/inventory/relations/ecs";
import { DocumentVerdictStore, publishedDocumentReader } from "@readiness/core/kernel/results/documents";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { inventoryOf, resource } from "@readiness/devkit/testing/builders";
import { beforeAll, describe, expect, it } from "vitest";
import { collectorOf, evaluate, postedEvaluations, resourcesOf, stubConfigService } from "../evaluator/support";
import { scheduledEvent } from "../fixtures/config-events/events";
import { SERVICE_ARN, serviceItem } from "../fixtures/config-events/platform";
import { createResultsTable } from "../gate/tables";

const emulator = useEmulator();
const TABLE = "readiness-results";
const config = stubConfigService();
const REPO = join(import.meta.dirname, "..", "..");
const EXAMPLE = join(REPO, "examples/task-service/readiness.yml");
const TEMPLATE = join(REPO, "examples/task-platform/compliant.yaml");
const PUBLISHED_AT = new Date("2026-12-07T09:00:00Z");
const CI = {
  GITHUB_REPOSITORY: "example/task-service",
  GITHUB_SHA: "4f2c1e0d9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_RUN_ID: "1234567890",
};

const dynamodb = () => new DynamoDBClient(emulator.clientConfig());
const store = () => new DocumentVerdictStore(ResultsTable.on(dynamodb(), TABLE));
beforeAll(async () => createResultsTable(dynamodb(), TABLE));

const publishExample = async (configFile = EXAMPLE, now = PUBLISHED_AT) => {
  const { config: readiness, file } = await loadConfigFile(configFile);
  const outcome = await documentVerdictsToPublish({
    template: TEMPLATE,
    config: readiness,
    configDir: join(file!, ".."),
    validityDays: 30,
    now,
    env: CI,
  });
  await store().publish(outcome.records);
  return outcome;
};

const liveService = (name: string) =>
  resource(ECS_SERVICE, `arn:aws:ecs:us-east-1:111111111111:service/task-platform/${name}`, { ServiceName: name });

/** A live run whose readiness.yml lists the services but names no documents: it reads published verdicts. */
const liveDecision = async (itemId: "oncall" | "slo-defined", now: Date) => {
  const services = ["task-api", "task-worker", "task-dlq-processor"];
  const readiness = (await loadConfigFile(join(REPO, "examples/task-platform/readiness.yml"))).config;
  const inventory = inventoryOf(...services.map(liveService));
  const deciders = await gatherLiveParts(
    { iam: {} as never, logs: {} as never, dynamodb: dynamodb(), resultsTable: TABLE },
    inventory,
    {
      config: readiness,
      only: [itemId],
      now,
    },
  );
  const scope = buildScope(inventory, readiness);
  return deciders.map((decide) => decide(itemById(itemId), "document", scope)).find(Boolean);
};

describe("readiness publish, then live runs and the Config rules", () => {
  it("Compliance: publishes one verdict per document item and service, with the CI provenance and file digests", async () => {
    const outcome = await publishExample();
    expect(outcome.warnings).toEqual([]);
    const latest = await store().latest("task-platform/task-api", "slo-defined");
    expect(latest).toMatchObject({
      service: "task-platform/task-api",
      itemId: "slo-defined",
      status: "pass",
      publishedAt: PUBLISHED_AT.toISOString(),
      validUntil: "2027-01-06T09:00:00.000Z",
      provenance: {
        publishedBy: "readiness publish",
        repository: CI.GITHUB_REPOSITORY,
        commit: CI.GITHUB_SHA,
        runUrl: "https://github.com/example/task-service/actions/runs/1234567890",
      },
    });
    const slo = readFileSync(join(REPO, "examples/task-service/ops/slo.yaml"));
    expect(latest?.provenance.files).toContainEqual({
      path: "ops/slo.yaml",
      digest: `sha256:${createHash("sha256").update(slo).digest("hex")}`,
    });
    // golden-signals has no signals to judge on a DLQ processor: it is published as not applicable.
    expect(await store().latest("task-platform/task-dlq-processor", "golden-signals")).toMatchObject({
      notApplicable: true,
      reason: "not applicable: the documents judge nothing of golden-signals on this service (role dlq-processor)",
    });
    // The worker's verdict carries its signals and each queue's depth as the documents alone cover them.
    expect(await store().latest("task-platform/task-worker", "golden-signals")).toMatchObject({
      weighsConfig: true,
      signals: ["latency", "traffic", "errors", "saturation"].map((signal) => ({
        signal,
        what: `${signal} of worker (job "task-worker")`,
        coveredBy: expect.stringMatching(/^recording rule |^dashboard panel /),
      })),
      queueDepth: [
        {
          queue: "task-queue",
          dlq: false,
          coveredBy: expect.stringMatching(
            /^recording rule queue_name:aws_sqs_messages_visible:max \(monitoring\/rules\/golden-signals\.yaml:\d+/,
          ),
        },
        { queue: "task-dlq", dlq: true, coveredBy: expect.stringMatching(/^recording rule /) },
      ],
    });
  });

  it("Compliance: a live run without documents decides each service from the newest published verdict", async () => {
    const decision = await liveDecision("oncall", new Date("2026-12-08T09:00:00Z"));
    expect(decision?.status).toBe("pass");
    expect(decision?.findings?.map((f) => [f.resource.split("/").pop(), f.status])).toEqual([
      ["task-api", "pass"],
      ["task-worker", "pass"],
      ["task-dlq-processor", "pass"],
    ]);
    expect(decision?.reason).toContain(
      "published 2026-12-07T09:00:00.000Z (1 day ago) from example/task-service@4f2c1e0d9b8a",
    );
  });

  it("Noncompliance: a verdict older than its validity is stale, with its age", async () => {
    const decision = await liveDecision("slo-defined", new Date("2027-01-20T09:00:00Z"));
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toContain(
      "stale: published 2026-12-07T09:00:00.000Z (44 days ago) from example/task-service@4f2c1e0d9b8a",
    );
  });

  it("Noncompliance: the newest verdict decides (the broken documents published after the good ones)", async () => {
    await publishExample(
      join(REPO, "examples/task-service/broken-documents/readiness.yml"),
      new Date("2026-12-07T10:00:00Z"),
    );
    const decision = await liveDecision("oncall", new Date("2026-12-08T09:00:00Z"));
    expect(decision?.status).toBe("fail");
    expect(decision?.reason).toContain("launch day 2026-12-15 (Europe/Berlin): no primary 10:00–24:00");
  });

  it("Undecided: a service with no verdict published says how to publish one", async () => {
    const readiness = (await loadConfigFile(join(REPO, "examples/task-platform/readiness.yml"))).config;
    const inventory = inventoryOf(liveService("task-api"), liveService("billing-api"));
    const deciders = await gatherLiveParts(
      { iam: {} as never, logs: {} as never, dynamodb: dynamodb(), resultsTable: TABLE },
      inventory,
      {
        config: { ...readiness, services: [] },
        only: ["oncall"],
        now: new Date("2026-12-08T09:00:00Z"),
      },
    );
    const decision = deciders
      .map((decide) => decide(itemById("oncall"), "document", buildScope(inventory, { ...readiness, services: [] })))
      .find(Boolean);
    expect(decision?.findings?.find((f) => f.resource.endsWith("billing-api"))).toMatchObject({
      status: "unknown",
      reason: "no document verdict published for this service (run `readiness publish` in CI)",
    });
  });

  describe("the Config evaluator", () => {
    const evaluateOncall = async (now: Date) => {
      config.resetHistory();
      await evaluate(scheduledEvent({ itemId: "oncall" }), {
        collect: collectorOf(resourcesOf(serviceItem())),
        readPublishedDocument: publishedDocumentReader(ResultsTable.on(dynamodb(), TABLE)),
        now: () => now,
      });
      return postedEvaluations(config);
    };
    const publishFor = (status: "pass" | "fail", reason: string, at: string) =>
      store().publish([
        {
          service: "tasks/api",
          itemId: "oncall",
          status,
          reason,
          publishedAt: at,
          validUntil: new Date(Date.parse(at) + 30 * 86_400_000).toISOString(),
          provenance: { publishedBy: "readiness publish", repository: CI.GITHUB_REPOSITORY, files: [] },
        },
      ]);

    it("Compliance: the newest published verdict of the service is posted", async () => {
      await publishFor("pass", "primary all day", "2026-12-01T00:00:00.000Z");
      expect(await evaluateOncall(new Date("2026-12-02T00:00:00Z"))).toMatchObject([
        {
          ComplianceResourceId: SERVICE_ARN,
          ComplianceType: "COMPLIANT",
          Annotation: expect.stringContaining("primary all day"),
        },
      ]);
    });

    it("Noncompliance: stale is non-compliant, with the age", async () => {
      expect(await evaluateOncall(new Date("2027-01-15T00:00:00Z"))).toMatchObject([
        {
          ComplianceResourceId: SERVICE_ARN,
          ComplianceType: "NON_COMPLIANT",
          Annotation: expect.stringContaining("stale: published 2026-12-01T00:00:00.000Z (45 days ago)"),
        },
      ]);
    });

    it("Noncompliance: a failing verdict fails the service", async () => {
      await publishFor("fail", "ops/oncall.json:2:3: launch day: no primary 10:00–24:00", "2026-12-03T00:00:00.000Z");
      expect(await evaluateOncall(new Date("2026-12-04T00:00:00Z"))).toMatchObject([
        { ComplianceType: "NON_COMPLIANT", Annotation: expect.stringContaining("no primary 10:00–24:00") },
      ]);
    });
  });
});
