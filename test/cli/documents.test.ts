import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDeps } from "@readiness/cli/deps";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { BROKEN_DOCUMENT_REASONS } from "../documents/broken-document-reasons";
import { REPO, readiness, readinessInProcess } from "./helpers";

// The example service's documents through `readiness check --template … --config …`: the compliant
// set ticks every document item and part; the broken set fails each for its one realistic defect,
// naming the file and the line. The documents sit in examples/task-service (the service team's
// repository); the platform they describe is examples/task-platform/compliant.yaml.
const TEMPLATE = "examples/task-platform/compliant.yaml";
const COMPLIANT = "examples/task-service/readiness.yml";
const BROKEN = "examples/task-service/broken-documents/readiness.yml";
/** The day the example's cost estimate was made: it is valid 90 days, so the run's clock is pinned. */
const NOW = new Date("2026-12-07T09:00:00Z");
const pinnedClock = {
  ...defaultDeps,
  checkTemplate: (input: Parameters<typeof defaultDeps.checkTemplate>[0]) =>
    defaultDeps.checkTemplate({ ...input, now: NOW }),
};

interface JsonItem {
  id: string;
  status: string;
  kinds: string[];
  parts: { kind: string; status: string; reason: string }[];
}
const itemsOf = (stdout: string): JsonItem[] => (JSON.parse(stdout) as { items: JsonItem[] }).items;
const documentPart = (item: JsonItem) => item.parts.find((p) => p.kind === "document")!;

/** The compliant template with its CloudWatch alarms removed: a platform monitored through Prometheus alone. */
const withoutAlarms = (): string => {
  const doc = parseDocument(readFileSync(join(REPO, TEMPLATE), "utf8"));
  const resources = doc.get("Resources") as { items: { key: { value: string }; value: { get(k: string): unknown } }[] };
  for (const pair of [...resources.items])
    if (pair.value.get("Type") === "AWS::CloudWatch::Alarm") doc.deleteIn(["Resources", pair.key.value]);
  const path = join(mkdtempSync(join(tmpdir(), "readiness-no-alarms-")), "prometheus-only.yaml");
  writeFileSync(path, doc.toString());
  return path;
};

describe("readiness check with the example service's documents", () => {
  it("Compliance: the compliant documents tick every document item and every document part", async () => {
    const result = await readinessInProcess(
      ["check", "--template", TEMPLATE, "--config", COMPLIANT, "--format", "json"],
      pinnedClock,
    );
    const documented = itemsOf(result.stdout).filter((item) => item.kinds.includes("document"));
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.map((item) => [item.id, documentPart(item).status])).toEqual(
      documented.map((item) => [item.id, "pass"]),
    );
    // Items made of documents alone pass whole; a mixed item's other part may still wait for evidence.
    for (const item of documented.filter((i) => i.kinds.every((k) => k === "document")))
      expect([item.id, item.status]).toEqual([item.id, "pass"]);
  });

  it("Noncompliance: the broken documents fail each document item with its defect, naming file and line", async () => {
    const result = await readiness(["check", "--template", TEMPLATE, "--config", BROKEN, "--format", "json"]);
    expect(result.code).toBe(1);
    const reasons = Object.fromEntries(
      itemsOf(result.stdout)
        .filter((item) => item.kinds.includes("document") && item.id !== "golden-signals")
        .map((item) => [item.id, `${documentPart(item).status}: ${documentPart(item).reason}`]),
    );
    expect(Object.keys(reasons).length).toBeGreaterThan(0);
    const expected: Record<string, RegExp> = {
      ...BROKEN_DOCUMENT_REASONS,
      "cost-estimate":
        /^fail: ops\/cost-estimate\.json:7:15: made from the template sha256:b479d56f82c3…, but this run reads the template sha256:cf57c2a8afa0…/,
    };
    for (const [id, reason] of Object.entries(reasons))
      expect([id, reason]).toEqual([id, expect.stringMatching(expected[id] ?? /^never$/)]);
    expect(Object.keys(reasons).sort()).toEqual(Object.keys(expected).sort());
  });

  it("golden-signals: a platform without CloudWatch alarms passes on Prometheus alone, and fails where neither covers", async () => {
    const template = withoutAlarms();
    const goldenSignals = async (config: string) =>
      itemsOf(
        (
          await readinessInProcess(
            ["check", "--template", template, "--config", config, "--format", "json", "--only", "golden-signals"],
            pinnedClock,
          )
        ).stdout,
      )[0];
    const compliant = await goldenSignals(COMPLIANT);
    expect(compliant.status).toBe("pass");
    expect(compliant.parts.find((p) => p.kind === "config")?.reason).toMatch(
      /^decided with the document part \(either source counts\); configuration alone: .* fail/,
    );
    const broken = await goldenSignals(BROKEN);
    expect(broken.status).toBe("fail");
    expect(documentPart(broken).reason).toBe(
      "DLQ depth of task-dlq: no CloudWatch alarm, recording rule or dashboard query covers it",
    );
  });

  it("Undecided: without a documents section each document item stays ? and names the key to set", async () => {
    const result = await readinessInProcess(
      [
        "check",
        "--template",
        TEMPLATE,
        "--config",
        "examples/task-platform/readiness.yml",
        "--format",
        "json",
        "--only",
        "slo-defined",
        "--only",
        "oncall",
      ],
      pinnedClock,
    );
    expect(itemsOf(result.stdout).map((item) => [item.id, item.status, documentPart(item).reason])).toEqual([
      ["slo-defined", "unknown", "no SLO file configured (documents.slo)"],
      ["oncall", "unknown", "no on-call rotation configured (documents.oncall)"],
    ]);
  });
});

describe("readiness publish (dry run; storing is tested against DynamoDB in test/documents)", () => {
  it("decides every document item per service and exits 1 when a verdict fails, storing nothing", async () => {
    const result = await readinessInProcess(
      ["publish", "--template", TEMPLATE, "--config", BROKEN, "--dry-run"],
      pinnedClock,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✗ oncall task-platform\/task-api: ops\/oncall\.json:2:3: /m);
    expect(result.stderr).toMatch(/dry run: \d+ document verdicts decided, none stored/);
  });

  it("refuses to run without a results table (unless --dry-run) and without documents", async () => {
    const noTable = await readinessInProcess(["publish", "--template", TEMPLATE, "--config", COMPLIANT], pinnedClock);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toContain("--results-table is required");
    const noDocuments = await readinessInProcess(
      ["publish", "--template", TEMPLATE, "--config", "examples/task-platform/readiness.yml", "--dry-run"],
      pinnedClock,
    );
    expect(noDocuments.code).toBe(2);
    expect(noDocuments.stderr).toContain("readiness.yml names no documents");
  });
});
