import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKLIST } from "../catalogue/items";
import { sampleReport, scopedReport } from "@readiness/devkit/fixtures/report";
import { formatSarif } from "./sarif";

type Json = Record<string, unknown>;

/** The SARIF 2.1.0 required properties this output relies on (§3.13, 3.14, 3.19, 3.27, 3.28, 3.49). */
const sarifProblems = (log: Json): string[] => {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(what);
  };
  need(log.version === "2.1.0", "version must be 2.1.0");
  need(Array.isArray(log.runs), "runs must be an array");
  for (const run of (log.runs as Json[]) ?? []) {
    const driver = (run.tool as Json)?.driver as Json;
    need(typeof driver?.name === "string", "tool.driver.name is required");
    const rules = (driver?.rules as Json[]) ?? [];
    for (const rule of rules) need(typeof rule.id === "string", "rule.id is required");
    need(Array.isArray(run.results), "run.results must be an array");
    for (const result of (run.results as Json[]) ?? []) {
      const message = result.message as Json;
      need(typeof message?.text === "string" || typeof message?.id === "string", "result.message needs text or id");
      need(["none", "note", "warning", "error"].includes(result.level as string), `bad level ${String(result.level)}`);
      if (result.ruleIndex !== undefined)
        need(rules[result.ruleIndex as number]?.id === result.ruleId, "ruleIndex must point at ruleId");
      for (const location of (result.locations as Json[]) ?? []) {
        const physical = location.physicalLocation as Json | undefined;
        if (physical) {
          const uri = (physical.artifactLocation as Json)?.uri;
          need(typeof uri === "string" && !uri.startsWith("/"), "artifactLocation.uri must be a relative URI");
          const region = physical.region as Json | undefined;
          if (region)
            need(Number.isInteger(region.startLine) && (region.startLine as number) >= 1, "region.startLine ≥ 1");
        }
      }
    }
  }
  return problems;
};

describe("formatSarif", () => {
  const cwd = "/repo";
  const log = JSON.parse(
    formatSarif(sampleReport(join(cwd, "stacks", "template.yaml")), { baseDir: cwd, artifact: "stacks/template.yaml" }),
  );
  const run = log.runs[0];
  const results: Json[] = run.results;

  it("satisfies the SARIF 2.1.0 required fields", () => {
    expect(sarifProblems(log)).toEqual([]);
    expect(log.$schema).toContain("sarif-schema-2.1.0.json");
  });

  it("declares every checklist item as a rule: id, name, title, remediation, section tag", () => {
    const rules = run.tool.driver.rules;
    expect(rules.map((r: Json) => r.id)).toEqual(CHECKLIST.map((i) => i.id));
    const dlq = rules.find((r: Json) => r.id === "dlq-coverage");
    expect(dlq.name).toBe("DlqCoverage");
    expect(dlq.shortDescription.text).toBe("DLQ exists for all SQS queues; DLQ processor deployed");
    expect(dlq.help.text).toBe(CHECKLIST.find((i) => i.id === "dlq-coverage")!.remediation);
    expect(dlq.properties.tags[0]).toBe("Reliability");
  });

  it("reports a failed finding at its template file (relative) and line, and its logical id", () => {
    const [result] = results.filter((r) => r.ruleId === "dlq-coverage");
    expect(result.level).toBe("error");
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "stacks/template.yaml" },
          region: { startLine: 4, startColumn: 3 },
        },
        logicalLocations: [
          { name: "OrdersQueue", kind: "resource", fullyQualifiedName: "AWS::SQS::Queue/OrdersQueue" },
        ],
      },
    ]);
    expect((result.message as Json).text).toContain("OrdersQueue (AWS::SQS::Queue): queue <orders>");
  });

  it("gives unknown findings the note level and passing findings no result", () => {
    const secrets = results.filter((r) => r.ruleId === "no-env-secrets");
    expect(secrets.map((r) => r.level)).toEqual(["note"]);
    expect(results.some((r) => r.ruleId === "container-hardening")).toBe(false);
    expect(results.filter((r) => r.ruleId === "dlq-coverage")).toHaveLength(1);
  });

  it("reports an item with no findings once, at the checked template", () => {
    const [loadTested] = results.filter((r) => r.ruleId === "load-tested");
    expect(loadTested.level).toBe("note");
    expect((loadTested.message as Json).text).toBe(
      "Load tested at 500 req/s; SLOs met: needs evidence: no load test recorded",
    );
    expect(loadTested.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "stacks/template.yaml" } } }]);
  });

  it("keeps only the logical location of a live resource", () => {
    const [multiAz] = results.filter((r) => r.ruleId === "ecs-multi-az");
    expect(multiAz.locations).toEqual([
      {
        logicalLocations: [
          {
            name: "arn:aws:ecs:us-east-1:123456789012:service/prod/api",
            kind: "resource",
            fullyQualifiedName: "AWS::ECS::Service/arn:aws:ecs:us-east-1:123456789012:service/prod/api",
          },
        ],
      },
    ]);
  });

  it("the validator itself catches a broken log", () => {
    expect(
      sarifProblems({ version: "2.0.0", runs: [{ tool: { driver: {} }, results: [{ level: "fatal" }] }] }),
    ).toHaveLength(4);
  });

  it("records the scope that ran in the run's properties", () => {
    const scoped = JSON.parse(formatSarif(scopedReport(join(cwd, "template.yaml")), { baseDir: cwd }));
    expect(scoped.runs[0].properties).toEqual({
      source: "template.yaml",
      scope: "clusters platform",
      roles: [
        { service: "api", role: "api", source: "load-balancer-target", evidence: "target group api-tg" },
        { service: "worker", role: "worker", source: "name", evidence: "worker" },
      ],
    });
    expect(run.properties).toEqual({ source: "template.yaml" });
  });
});
