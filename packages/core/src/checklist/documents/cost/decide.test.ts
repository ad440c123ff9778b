import { describe, expect, it } from "vitest";
import { type EstimateDocument, type MadeFrom, toEstimateDocument } from "../../cost/document";
import { estimateCost } from "../../cost/estimate";
import { inventoryOf, resource, scopeOf } from "@readiness/devkit/testing/builders";
import type { DocumentFile } from "../types";
import { decideCostEstimate, type EstimateSource } from "./decide";

const NOW = new Date("2026-12-06T12:00:00.000Z");
const DAY = 86_400_000;
const DIGEST = `sha256:${"ab".repeat(32)}`;
const OTHER_DIGEST = `sha256:${"cd".repeat(32)}`;
const TEMPLATE: EstimateSource = { kind: "template", digest: DIGEST };
const PARAMS = { validityDays: 90 };

const estimateDocument = (
  options: { madeFrom?: MadeFrom; createdAt?: Date } = {},
  edit: (document: Record<string, unknown>) => void = () => {},
): EstimateDocument => {
  const inventory = inventoryOf(
    resource("AWS::DynamoDB::Table", "Tasks", { TableName: "tasks", BillingMode: "PAY_PER_REQUEST" }),
  );
  const estimate = estimateCost({ inventory, scope: scopeOf(inventory), region: "us-east-1" });
  const document = toEstimateDocument(estimate, {
    madeFrom: options.madeFrom ?? { kind: "template", digest: DIGEST, files: ["template.yaml"] },
    createdAt: options.createdAt ?? new Date(NOW.getTime() - 10 * DAY),
    scope: "whole template",
  });
  const copy = structuredClone(document) as unknown as Record<string, unknown>;
  edit(copy);
  return copy as unknown as EstimateDocument;
};

const file = (document: unknown, path = "ops/cost-estimate.json"): DocumentFile => ({
  path,
  text: typeof document === "string" ? document : JSON.stringify(document, null, 2),
});

/** 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

const decide = (files: DocumentFile[], source: EstimateSource = TEMPLATE, now = NOW) =>
  decideCostEstimate({ files, source, params: PARAMS, now });

describe("decideCostEstimate", () => {
  it("Compliance: an estimate of the same template, covering the five services, 10 days old", () => {
    const verdict = decide([file(estimateDocument())]);
    expect(verdict.status).toBe("pass");
    expect(verdict.reason).toBe(
      `ops/cost-estimate.json: $${estimateDocument().total.toFixed(2)} a month for the five services, made from the template sha256:abababababab…, 10 days old (valid 90 days)`,
    );
  });

  it("Compliance: an estimate of the same account and region, for a live run", () => {
    const live: MadeFrom = { kind: "live", accountId: "123456789012", region: "eu-west-1" };
    const verdict = decide([file(estimateDocument({ madeFrom: live }))], {
      kind: "live",
      accountId: "123456789012",
      region: "eu-west-1",
    });
    expect(verdict.status).toBe("pass");
  });

  it("Noncompliance 1: made from another template: fails at the madeFrom line", () => {
    const f = file(estimateDocument());
    const verdict = decide([f], { kind: "template", digest: OTHER_DIGEST });
    expect(verdict.status).toBe("fail");
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0].place).toMatchObject({
      file: "ops/cost-estimate.json",
      line: lineOf(f.text, '"madeFrom"'),
    });
    expect(verdict.reason).toBe(
      `ops/cost-estimate.json:${lineOf(f.text, '"madeFrom"')}:15: made from the template sha256:abababababab…, but this run reads the template sha256:cdcdcdcdcdcd…; make a new estimate with \`readiness cost\``,
    );
  });

  it("Noncompliance 2: made from another account, another region, or from a template for a live run", () => {
    const madeFrom: MadeFrom = { kind: "live", accountId: "123456789012", region: "eu-west-1" };
    const otherRegion = decide([file(estimateDocument({ madeFrom }))], {
      kind: "live",
      accountId: "123456789012",
      region: "us-east-1",
    });
    expect(otherRegion.reason).toContain(
      "made from account 123456789012 in eu-west-1, but this run reads account 123456789012 in us-east-1",
    );
    const otherKind = decide([file(estimateDocument())], {
      kind: "live",
      accountId: "123456789012",
      region: "us-east-1",
    });
    expect(otherKind.status).toBe("fail");
    expect(otherKind.reason).toContain(
      "made from the template sha256:abababababab…, but this run reads account 123456789012",
    );
  });

  it("Noncompliance 3: older than validityDays: the reason gives the age, at the createdAt line", () => {
    const f = file(estimateDocument({ createdAt: new Date(NOW.getTime() - 120 * DAY) }));
    const verdict = decide([f]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      `ops/cost-estimate.json:${lineOf(f.text, '"createdAt"')}:16: the estimate is 120 days old (made 2026-08-08), older than validityDays 90; make a new one with \`readiness cost\``,
    );
    // The same document passes with a longer window.
    expect(decideCostEstimate({ files: [f], source: TEMPLATE, params: { validityDays: 180 }, now: NOW }).status).toBe(
      "pass",
    );
  });

  it("Noncompliance 4: an estimate that does not cover a service names each missing one", () => {
    const document = estimateDocument({}, (d) => {
      d.lines = (d.lines as { service: string }[]).filter((l) => l.service !== "sqs" && l.service !== "alb");
      delete (d.totals as Record<string, number>).alb;
    });
    const verdict = decide([file(document)]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toMatch(
      /^ops\/cost-estimate\.json:\d+:\d+: the estimate does not cover SQS, ALB \(it needs lines and a total for each of ECS Fargate, DynamoDB, SQS, ALB, CloudWatch\)$/,
    );
  });

  it("Noncompliance 5: createdAt in the future", () => {
    const verdict = decide([file(estimateDocument({ createdAt: new Date(NOW.getTime() + DAY) }))]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toContain("createdAt 2026-12-07T12:00:00.000Z is in the future");
  });

  it("bad JSON is a fail with file:line:column, never a throw", () => {
    const text = '{\n  "schemaVersion": 1,\n  "region": "us-east-1",\n}\n';
    const verdict = decide([file(text)]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toBe(
      "ops/cost-estimate.json:4:1: invalid JSON: expected a property name in double quotes, found '}'; a cost estimate is the JSON `readiness cost --output FILE.json` writes",
    );
    expect(decide([file("")]).reason).toContain(
      "ops/cost-estimate.json:1:1: invalid JSON: expected a value, found the end of the file",
    );
  });

  it("a wrong schema is a fail at the offending field's line", () => {
    const f = file(
      estimateDocument({}, (d) => {
        d.schemaVersion = 2;
      }),
    );
    const verdict = decide([f]);
    expect(verdict.status).toBe("fail");
    expect(verdict.findings[0].place?.line).toBe(lineOf(f.text, '"schemaVersion"'));
    expect(verdict.reason).toMatch(
      /^ops\/cost-estimate\.json:2:20: not a cost estimate of schemaVersion 1: schemaVersion: /,
    );

    const notAnEstimate = decide([file({ hello: "world" })]);
    expect(notAnEstimate.status).toBe("fail");
    expect(notAnEstimate.findings.length).toBeGreaterThan(1);
    expect(
      notAnEstimate.findings.every((finding) =>
        finding.reason.startsWith("ops/cost-estimate.json:1:1: not a cost estimate"),
      ),
    ).toBe(true);
  });

  it("a line of an unknown service is a schema failure naming the line's path", () => {
    const f = file(
      estimateDocument({}, (d) => {
        (d.lines as { service: string }[])[1].service = "ecs";
      }),
    );
    const verdict = decide([f]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toContain("not a cost estimate of schemaVersion 1: lines[1].service: ");
  });

  it("several estimates: another account's is no failure when one of this source passes; the newest of this source decides", () => {
    const staging = file(
      estimateDocument({ madeFrom: { kind: "live", accountId: "210987654321", region: "us-east-1" } }),
      "ops/cost-staging.json",
    );
    const old = file(estimateDocument({ createdAt: new Date(NOW.getTime() - 200 * DAY) }), "ops/cost-2026-05.json");
    const fresh = file(estimateDocument(), "ops/cost-2026-11.json");
    expect(decide([staging, old, fresh]).status).toBe("pass");
    expect(decide([staging, old, fresh]).reason).toMatch(/^ops\/cost-2026-11\.json: /);
    expect(decide([staging, old]).reason).toMatch(/^ops\/cost-2026-05\.json:\d+:\d+: the estimate is 200 days old/);
  });

  it("an unreadable file fails the item even when another estimate passes", () => {
    const verdict = decide([file(estimateDocument()), file("not json", "ops/broken.json")]);
    expect(verdict.status).toBe("fail");
    expect(verdict.reason).toContain("ops/broken.json:1:1: invalid JSON");
  });

  it("no file: unknown when nothing is configured, fail when the configured path matched nothing", () => {
    expect(decide([])).toMatchObject({
      status: "unknown",
      reason: "needs document: no cost estimate configured (documents.costEstimate in readiness.yml)",
    });
    const missing = decideCostEstimate({
      files: [],
      source: TEMPLATE,
      params: PARAMS,
      now: NOW,
      configured: "ops/cost.json",
    });
    expect(missing).toMatchObject({
      status: "fail",
      reason: "ops/cost.json: no such file; write it with `readiness cost ... --output ops/cost.json`",
    });
  });
});
