import { describe, expect, it } from "vitest";
import { unknownValue } from "../../model/value";
import { inventoryOf } from "@readiness/devkit/testing/builders";
import { evaluateRule, hardenedContainer, service, taskDefinition } from "@readiness/devkit/fixtures/ecs";
import { tracesExported } from "./traces-exported";

const COLLECTOR_CONFIG = `
receivers:
  otlp:
    protocols:
      grpc: { endpoint: 0.0.0.0:4317 }
exporters:
  otlp/tempo:
    endpoint: \${env:TEMPO_ENDPOINT}
    tls: { insecure: true }
  debug: {}
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [otlp/tempo]
`;

const TEMPO_VARIABLE = `\${env:TEMPO_ENDPOINT}`;

const env = (variables: Record<string, unknown>) => Object.entries(variables).map(([Name, Value]) => ({ Name, Value }));

const collector = (overrides: Record<string, unknown> = {}) =>
  hardenedContainer("otel-collector", {
    Image: "otel/opentelemetry-collector-contrib:0.104.0",
    Essential: false,
    Command: ["--config=env:OTELCOL_CONFIG"],
    Environment: env({ OTELCOL_CONFIG: COLLECTOR_CONFIG, TEMPO_ENDPOINT: "tempo.observability.local:4317" }),
    ...overrides,
  });

const check = (...containers: Record<string, unknown>[]) => {
  const worker = service("Worker", "WorkerTask");
  const td = taskDefinition("WorkerTask", ...containers);
  return evaluateRule(tracesExported, worker, inventoryOf(worker, td));
};

describe("traces-exported", () => {
  it("Compliance 1: collector sidecar with an otlp exporter to Tempo in the traces pipeline", () => {
    expect(check(hardenedContainer("worker"), collector())).toMatchObject({
      verdict: "compliant",
      reason: "collector otel-collector exports traces to Tempo (otlp/tempo)",
    });
  });

  it("Compliance 2: the app's endpoint points straight at Tempo", () => {
    const app = hardenedContainer("worker", {
      Environment: env({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://tempo-distributor.monitoring:4318/v1/traces" }),
    });
    expect(check(app).verdict).toBe("compliant");
  });

  it("Compliance 3: ADOT collector configured through AOT_CONFIG_CONTENT", () => {
    const adot = hardenedContainer("adot-collector", {
      Image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
      Command: undefined,
      Environment: env({
        AOT_CONFIG_CONTENT: COLLECTOR_CONFIG.replace(TEMPO_VARIABLE, "https://tempo.example.com:443"),
      }),
    });
    expect(check(hardenedContainer("worker"), adot).verdict).toBe("compliant");
  });

  it("Noncompliance 1: no collector and no OTLP endpoint", () => {
    expect(check(hardenedContainer("worker", { Environment: [] }))).toMatchObject({
      verdict: "non_compliant",
      reason: "no OTLP exporter: no collector sidecar and no OTEL_EXPORTER_OTLP_ENDPOINT",
    });
  });

  it("Noncompliance 2: a localhost endpoint with no collector listening", () => {
    expect(check(hardenedContainer("worker")).reason).toBe(
      "container worker: OTLP endpoint http://localhost:4317 but no collector sidecar",
    );
  });

  it("Noncompliance 3: the collector exports elsewhere", () => {
    const config = COLLECTOR_CONFIG.replace(TEMPO_VARIABLE, "jaeger:4317");
    expect(
      check(hardenedContainer("worker"), collector({ Environment: env({ OTELCOL_CONFIG: config }) })),
    ).toMatchObject({
      verdict: "non_compliant",
      reason: 'collector otel-collector: no otlp exporter with an endpoint matching "tempo"',
    });
  });

  it("Noncompliance 4: the Tempo exporter is not in a traces pipeline", () => {
    const config = COLLECTOR_CONFIG.replace("exporters: [otlp/tempo]", "exporters: [debug]");
    expect(
      check(
        hardenedContainer("worker"),
        collector({ Environment: env({ OTELCOL_CONFIG: config, TEMPO_ENDPOINT: "tempo:4317" }) }),
      ).reason,
    ).toBe("collector otel-collector: exporter otlp/tempo is in no traces pipeline");
  });

  it("Noncompliance 5: ADOT with its built-in ECS config exports to X-Ray", () => {
    const adot = collector({
      Image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
      Command: ["--config=/etc/ecs/ecs-default-config.yaml"],
    });
    expect(check(hardenedContainer("worker"), adot).verdict).toBe("non_compliant");
  });

  it("Unknown 1: the collector reads a config file baked into its image", () => {
    const custom = collector({ Image: "acme/otel-collector:3", Command: ["--config=/etc/otel/config.yaml"] });
    expect(check(hardenedContainer("worker"), custom)).toMatchObject({
      verdict: "unknown",
      reason: "collector otel-collector: config /etc/otel/config.yaml not in the task definition",
    });
  });

  it("Unknown 2: a custom collector image with no visible config", () => {
    const custom = collector({ Image: "acme/collector:3", Command: undefined, Environment: [] });
    expect(check(hardenedContainer("worker"), custom).reason).toBe(
      "collector otel-collector: collector config not in the task definition",
    );
  });

  it("Unknown 3: the config variable is unknown", () => {
    const hidden = collector({
      Environment: env({ OTELCOL_CONFIG: unknownValue("parameter CollectorConfig has no default") }),
    });
    expect(check(hardenedContainer("worker"), hidden).verdict).toBe("unknown");
  });

  it("Unknown 4: the endpoint is a collector outside the task definition", () => {
    const app = hardenedContainer("worker", {
      Environment: env({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://otel-gateway.internal:4317" }),
    });
    expect(check(app).verdict).toBe("unknown");
  });

  it("NotApplicable: a service without a role", () => {
    const batch = service("Reporting", "ReportTask");
    const td = taskDefinition("ReportTask", hardenedContainer("report"));
    expect(evaluateRule(tracesExported, batch, inventoryOf(batch, td))).toMatchObject({
      verdict: "not_applicable",
      reason: "role unknown: declare it in readiness.yml",
    });
  });
});
