import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readiness } from "./helpers";

const JUDGING = "test/fixtures/templates/judging";

interface Finding {
  readonly resource: string;
  readonly status: string;
  readonly reason: string;
}

/** Every finding of the selected items, through the real bin's JSON report. */
const findingsOf = async (template: string, items: string, extra: string[] = []): Promise<Finding[]> => {
  const result = await readiness([
    "check",
    "--template",
    `${JUDGING}/${template}`,
    "--only",
    items,
    "--format",
    "json",
    ...extra,
  ]);
  expect(result.code, result.stderr).toBeLessThan(2);
  const report = JSON.parse(result.stdout) as { items: { findings: Finding[] }[] };
  return report.items.flatMap((item) =>
    item.findings.map(({ resource, status, reason }) => ({ resource, status, reason })),
  );
};

describe("values nobody can know are unknown (issue 8.5)", () => {
  it("Unknown 1: a desired count and an image from custom resources are unknown, not literal strings", async () => {
    expect(await findingsOf("custom-resource-values.yaml", "ecs-multi-az,image-provenance")).toEqual([
      {
        resource: "Service",
        status: "unknown",
        reason:
          "desired count unknown: DesiredCount of DynamicDesiredCountAction (custom resource) is only known after deploy",
      },
      {
        resource: "TaskDefinition",
        status: "unknown",
        reason: "image orders: unknown (ImageUri of ResolveImage (custom resource) is only known after deploy)",
      },
    ]);
  });

  it("judges a container under an undecidable Fn::If in both branches: pass, fail or unknown", async () => {
    const findings = await findingsOf("conditional-sidecar.yaml", "container-hardening");
    expect(findings.map(({ resource, status }) => [resource, status])).toEqual([
      ["BothBranchesFail", "fail"],
      ["BranchesDisagree", "unknown"],
      ["BothBranchesPass", "pass"],
    ]);
    expect(findings.find((f) => f.resource === "BranchesDisagree")?.reason).toBe(
      "depends on a condition that cannot be decided before deploy: when UseLogRouter is true, fails (container log-router: user is root (not set)); when UseLogRouter is false, passes (1 container: read-only root, non-root user, drop ALL, not privileged)",
    );
  });

  it("Compliance: a decided condition makes no branches", async () => {
    const findings = await findingsOf("conditional-sidecar.yaml", "container-hardening", [
      "--parameter",
      "EnableLogRouter=no",
    ]);
    expect(findings.map(({ resource, status }) => [resource, status]).sort()).toEqual([
      ["BothBranchesFail", "fail"],
      ["BothBranchesPass", "pass"],
      ["BranchesDisagree", "pass"],
    ]);
  });
});

describe("ecs-multi-az and auto scaling (issue 8.6)", () => {
  it("judges the count auto scaling may scale in to, not the desired count", async () => {
    expect(await findingsOf("service-auto-scaling.yaml", "ecs-multi-az")).toEqual([
      {
        resource: "Orders",
        status: "fail",
        reason: "desired count 2, auto scaling may scale in to 1 (MinCapacity), need ≥ 2",
      },
      {
        resource: "Payments",
        status: "pass",
        reason:
          "subnets span 2 AZs (us-east-1a, us-east-1b), desired count 1, auto scaling may scale in to 2 (MinCapacity)",
      },
    ]);
  });
});

describe("no-env-secrets (issue 8.7)", () => {
  it("fails values set at deploy under a credential's name or declared secret, and passes structured values", async () => {
    const findings = await findingsOf("environment-secrets.yaml", "no-env-secrets");
    const byResource = Object.fromEntries(findings.map((f) => [f.resource, [f.status, f.reason]]));
    expect(byResource).toEqual({
      DbPasswordFromParameter: [
        "fail",
        "container app: env DB_PASSWORD: name looks like a credential; its value, set at deploy (parameter DBPassword has no Default and no value was given), is stored in plain text in the task definition",
      ],
      NoEchoUnderAnyName: [
        "fail",
        "container app: env UPSTREAM: value comes from the NoEcho parameter UpstreamCredentials and is stored in plain text in the task definition",
      ],
      StripeKeyFromSsm: [
        "fail",
        "container app: env STRIPE_API_KEY: name looks like a credential; its value, set at deploy (parameter StripeKey is read from the SSM parameter /shop/prod/stripe-key at deploy time), is stored in plain text in the task definition",
      ],
      StructuredValues: ["pass", "no credentials in the environment of 1 container; 0 secrets injected from Secrets"],
    });
  });
});

describe("image-provenance and repositories outside the template (issue 8.8)", () => {
  it("Unknown: scan on push of a repository the template does not declare cannot be known", async () => {
    expect(await findingsOf("image-outside-template.yaml", "image-provenance")).toEqual([
      {
        resource: "TaskDefinition",
        status: "unknown",
        reason:
          "image orders: scan on push of ECR repository shop/orders unknown: the repository is not in the template (a live check reads it)",
      },
    ]);
  });
});

describe("roles inferred from structure (issue 8.9)", () => {
  const TEMPLATE = `${JUDGING}/roles-from-structure.yaml`;

  it("judges a load balancer target and a queue reader whose names say nothing, and prints their roles", async () => {
    expect(await findingsOf("roles-from-structure.yaml", "traces-exported")).toEqual([
      {
        resource: "Checkout",
        status: "fail",
        reason: "no OTLP exporter: no collector sidecar and no OTEL_EXPORTER_OTLP_ENDPOINT",
      },
      {
        resource: "Fulfilment",
        status: "fail",
        reason: "no OTLP exporter: no collector sidecar and no OTEL_EXPORTER_OTLP_ENDPOINT",
      },
    ]);
    const table = await readiness(["check", "--template", TEMPLATE, "--only", "traces-exported"]);
    expect(table.stdout.split("\n").slice(0, 3)).toEqual([
      `readiness: ${TEMPLATE}`,
      "scope: whole template",
      "roles: checkout → api (load balancer target: target group checkout); fulfilment → worker (SQS consumer: queue orders)",
    ]);
  });

  it("readiness.yml overrides an inferred role, and the report says where each role comes from", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roles-"));
    const config = join(dir, "readiness.yml");
    writeFileSync(
      config,
      "version: 1\nservices:\n  - service: checkout\n    role: worker\n  - service: fulfilment\n    role: worker\n",
    );
    const result = await readiness([
      "check",
      "--template",
      TEMPLATE,
      "--config",
      config,
      "--format",
      "json",
      "--only",
      "traces-exported",
    ]);
    expect(JSON.parse(result.stdout).scope.roles).toEqual([
      { service: "checkout", role: "worker", source: "readiness.yml", evidence: "declared" },
      { service: "fulfilment", role: "worker", source: "readiness.yml", evidence: "declared" },
    ]);
  });
});
