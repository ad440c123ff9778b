import { DOCUMENT_KEYS, type DocumentKey } from "./documents-schema";

/** Where teams usually keep each document, in the order `readiness init` looks (paths relative to readiness.yml). */
export const CONVENTIONAL_PATHS: Readonly<Record<Exclude<DocumentKey, "runbookBaseUrl">, readonly string[]>> = {
  slo: ["ops/slo.yaml", "ops/slo.yml", "slo.yaml", "slos/*.yaml"],
  failureModes: ["ops/failure-modes.yaml", "ops/failure-modes.yml", "failure-modes.yaml"],
  prometheusRules: ["monitoring/rules/*.yaml", "monitoring/rules/*.yml", "prometheus/rules/*.yaml", "rules/*.yaml"],
  alertmanager: ["monitoring/alertmanager.yml", "monitoring/alertmanager.yaml", "alertmanager.yml"],
  dashboards: ["monitoring/dashboards/*.json", "dashboards/*.json", "grafana/*.json"],
  runbooks: ["ops/runbooks/", "runbooks/", "docs/runbooks/"],
  ciWorkflows: [".github/workflows/*.yml", ".github/workflows/*.yaml"],
  oncall: ["ops/oncall.json", "ops/oncall.yaml", "oncall.yaml"],
  costEstimate: ["ops/cost-estimate.json", "cost-estimate.json"],
};

const COMMENTS: Readonly<Record<DocumentKey, string>> = {
  slo: "OpenSLO v1 or Sloth (prometheus/v1)",
  failureModes: "the architecture review's failure modes: id, description, alerts",
  prometheusRules: "Prometheus alerting and recording rules",
  alertmanager: "Alertmanager configuration",
  dashboards: "Grafana dashboards (JSON)",
  runbooks: "Markdown; runbook_url values resolve here",
  runbookBaseUrl: "optional: the URL prefix that maps to the runbooks folder",
  ciWorkflows: "GitHub Actions workflows",
  oncall: "PagerDuty schedule JSON, or readiness's own rotation YAML",
  costEstimate: "written by `readiness cost --output`",
};

const EXAMPLE_VALUES: Readonly<Record<DocumentKey, string>> = {
  slo: "ops/slo.yaml",
  failureModes: "ops/failure-modes.yaml",
  prometheusRules: "[monitoring/rules/*.yaml]",
  alertmanager: "monitoring/alertmanager.yml",
  dashboards: "[monitoring/dashboards/*.json]",
  runbooks: "ops/runbooks/",
  runbookBaseUrl: "https://runbooks.example.com/",
  ciWorkflows: "[.github/workflows/*.yml]",
  oncall: "ops/oncall.json",
  costEstimate: "ops/cost-estimate.json",
};

/** A glob is written as a list, as the example writes them. */
const asYamlValue = (found: string): string => (found.includes("*") ? `[${found}]` : found);

/**
 * The commented starter readiness.yml `readiness init` writes. Documents found at their usual
 * places (`found`, relative to the file) are written as keys; the others are commented out, so their
 * items stay undecided (?) until the team names them, rather than failing on files that do not exist.
 */
export const starterConfig = (found: Partial<Record<DocumentKey, string>>): string => {
  const width = Math.max(
    ...DOCUMENT_KEYS.map((key) => `${key}: ${found[key] ? asYamlValue(found[key]) : EXAMPLE_VALUES[key]}`.length),
  );
  const documentLines = DOCUMENT_KEYS.map((key) => {
    const path = found[key];
    const line = `${key}: ${path ? asYamlValue(path) : EXAMPLE_VALUES[key]}`;
    return `${path ? "  " : "  # "}${line.padEnd(width)}  # ${COMMENTS[key]}`;
  });
  const anyFound = DOCUMENT_KEYS.some((key) => found[key]);
  return [
    "# readiness.yml, written by `readiness init`: what `readiness check` checks and with which parameters",
    "# (docs/readiness-yml.md).",
    "# Validate it with `readiness config validate`; `readiness config schema > readiness.schema.json`",
    "# gives editors its JSON Schema (add `# yaml-language-server: $schema=./readiness.schema.json`).",
    "version: 1",
    "",
    "# The ECS services in scope, each with its role. Left empty, every ECS service found is in scope",
    "# and roles are inferred from what each service is (a load balancer target is an api, ...).",
    "services: []",
    "#  - service: task-api          # ECS service name, ARN or template logical id",
    "#    role: api                  # api | worker | dlq-processor",
    "#    cluster: prod              # live runs: the cluster to look in",
    '#    team: payments             # alert-routing: its alerts carry team="payments" and are routed on it',
    "#    metricsJob: task-api       # golden-signals: the job label of its Prometheus series (default: its name)",
    "#  - service: task-worker",
    "#    role: worker",
    "#    consumes: [tasks]          # the queues it consumes",
    "",
    "# Where the team's documents are: paths or globs relative to this file's folder (docs/documents.md).",
    "# A key left out leaves the items that need it undecided (?); a key that matches no file fails them.",
    anyFound ? "documents:" : "# documents:",
    ...documentLines,
    "",
    "# Launch day: the on-call rotation must name a primary for every moment of it.",
    "# launchDate: 2026-12-15",
    "",
    "# Rule parameters per checklist item (`readiness items --params` lists them with their defaults).",
    "# rules:",
    "#   ecs-multi-az:",
    "#     minDesiredCount: 3",
    "#   slo-defined:",
    "#     minAvailabilityPercent: 99.9",
    "",
  ].join("\n");
};
