import { configProblemsOf as problemsOf, yaml } from "@readiness/devkit/fixtures/readiness-yml";
import { describe, expect, it } from "vitest";
import { readinessConfigJsonSchema } from "./json-schema";
import { parseConfig } from "./load";
import { DOCUMENT_KEYS, documentsOfService } from "./documents-schema";

describe("readiness.yml documents, launchDate, team, metricsJob", () => {
  it("Compliance: the issue's example parses, with per-service overrides, team and metricsJob", () => {
    const config = parseConfig(
      yaml(
        "version: 1",
        "services:",
        "  - service: task-api",
        "    role: api",
        "    team: tasks",
        "    metricsJob: task-api",
        "    documents:",
        "      alertmanager: api/alertmanager.yml",
        "documents:",
        "  slo: ops/slo.yaml",
        "  failureModes: ops/failure-modes.yaml",
        "  prometheusRules: [monitoring/rules/*.yaml]",
        "  alertmanager: monitoring/alertmanager.yml",
        "  dashboards: [monitoring/dashboards/*.json]",
        "  runbooks: ops/runbooks/",
        "  runbookBaseUrl: https://runbooks.example.com/",
        "  ciWorkflows: [.github/workflows/*.yml]",
        "  oncall: ops/oncall.json",
        "  costEstimate: ops/cost-estimate.json",
        "launchDate: 2026-12-15",
      ),
      "readiness.yml",
    );
    expect(Object.keys(config.documents ?? {})).toEqual([...DOCUMENT_KEYS]);
    expect(config.launchDate).toBe("2026-12-15");
    expect(config.services[0]).toMatchObject({ team: "tasks", metricsJob: "task-api" });
    const effective = documentsOfService(config.documents, config.services[0]);
    expect(effective.alertmanager).toBe("api/alertmanager.yml");
    expect(effective.slo).toBe("ops/slo.yaml");
  });

  it("Noncompliance 1: a misspelt document key is refused, with the place and the closest key", () => {
    const [problem] = problemsOf(yaml("version: 1", "documents:", "  prometheusRule: rules.yaml"));
    expect(problem.message).toBe('unknown field "prometheusRule"');
    expect(problem.place).toMatchObject({ line: 3, column: 3, path: "documents.prometheusRule" });
    expect(problem.hint).toContain('did you mean "prometheusRules"?');
  });

  it("Noncompliance 2: a path that is neither a string nor a list says what is accepted", () => {
    const [problem] = problemsOf(yaml("version: 1", "documents:", "  slo: 42"));
    expect(problem.message).toBe("expected a string or a list, got number 42");
    expect(problem.place).toMatchObject({ line: 3, path: "documents.slo" });
  });

  it("Noncompliance 3: an empty list of globs and an empty path are refused", () => {
    const problems = problemsOf(yaml("version: 1", "documents:", "  dashboards: []", '  oncall: ""'));
    expect(problems.map((p) => p.place?.path)).toEqual(["documents.dashboards", "documents.oncall"]);
  });

  it("Noncompliance 4: a launch date that is no calendar day, and a base URL that is not http(s)", () => {
    const problems = problemsOf(
      yaml("version: 1", "documents:", "  runbookBaseUrl: runbooks.example.com", "launchDate: 2026-02-30"),
    );
    expect(problems.map((p) => `${p.place?.path}: ${p.message}`)).toEqual([
      "documents.runbookBaseUrl: expected an http or https URL, e.g. https://runbooks.example.com/",
      "launchDate: expected a date as YYYY-MM-DD, e.g. 2026-12-15",
    ]);
  });

  it("Noncompliance 5: an empty team is refused", () => {
    const [problem] = problemsOf(yaml("version: 1", "services:", "  - service: a", "    role: api", '    team: ""'));
    expect(problem.place?.path).toBe("services[0].team");
  });

  it("the JSON Schema describes every document key, at the top level and per service, and launchDate", () => {
    type Node = { description?: string; properties?: Record<string, Node>; items?: Node };
    const schema = readinessConfigJsonSchema() as Node;
    const top = schema.properties?.documents;
    const perService = schema.properties?.services?.items?.properties?.documents;
    for (const node of [top, perService]) {
      expect(Object.keys(node?.properties ?? {})).toEqual([...DOCUMENT_KEYS]);
      for (const key of DOCUMENT_KEYS) expect(node?.properties?.[key]?.description).toBeTruthy();
    }
    expect(schema.properties?.launchDate?.description).toContain("YYYY-MM-DD");
    expect(schema.properties?.services?.items?.properties?.team?.description).toContain("alert-routing");
    expect(schema.properties?.services?.items?.properties?.metricsJob?.description).toContain("job label");
  });
});
