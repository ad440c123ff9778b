import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { latestEvidence } from "@readiness/core/kernel/results/evidence";
import { ResultsTable } from "@readiness/core/kernel/results/table";
import { createResultsTable } from "../gate/tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { freeLoopbackPort } from "@readiness/devkit/emulator/moto";
import { makeThrowawayPki, mutualTlsServerEnv, type ThrowawayPki } from "@readiness/devkit/smoke/throwaway-certs";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { readiness } from "./helpers";

/**
 * `readiness smoke` (the real bin, in a child process) against the real example task service on
 * the moto emulator. The SLO is generous so a busy machine cannot turn a healthy run into a FAIL.
 */
const emulator = useEmulator();
const LENIENT = ["--slo-ms", "5000", "--retries", "1"];

let service: RunningTaskService;
let scratch: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "readiness-smoke-cli-"));
  service = await startTaskService({
    endpoint: emulator.emulator.endpoint,
    revision: "cli-1",
    env: { WORKER_WAIT_SECONDS: "1" },
  });
});
afterAll(async () => {
  await service?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("readiness smoke against the example task service", () => {
  it("Compliance: a healthy revision passes over HTTP (exit 0) with the per-step timeline", async () => {
    const result = await readiness(["smoke", "--endpoint", service.httpUrl, ...LENIENT]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^smoke test of ${service.httpUrl} \\(http\\), trace [0-9a-f]{32}$`));
    expect(lines.slice(1, 5).map((line) => line.trim().split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "✓ submit",
      "✓ complete",
      "✓ verify",
      "✓ replay",
    ]);
    expect(result.stdout).toContain("\nPASS  all checks passed\n");
    expect(result.stdout).toContain("idempotent replay: same-task");
  });

  it("Compliance: a healthy revision passes over gRPC, as JSON; the protocol follows from host:port", async () => {
    const result = await readiness(["smoke", "--endpoint", service.grpcTarget, "--format", "json", ...LENIENT]);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ verdict: "PASS", reason: "all checks passed", idempotentReplay: "same-task" });
    expect(run.target).toEqual({ protocol: "grpc", endpoint: service.grpcTarget });
    expect(run.steps.map((s: { name: string }) => s.name)).toEqual(["submit", "complete", "verify", "replay"]);
  });

  it("Compliance: readiness.yml's smoke section, with a service's override picked by --service", async () => {
    const config = join(scratch, "readiness.yml");
    writeFileSync(
      config,
      [
        "version: 1",
        "smoke:",
        "  protocol: http",
        "  endpoint: http://127.0.0.1:9",
        "  sloSubmitMs: 5000",
        "services:",
        "  - name: api",
        "    service: task-api",
        "    role: api",
        "    smoke:",
        `      endpoint: ${service.httpUrl}`,
        "      expect:",
        "        output: not-what-the-service-answers",
        "",
      ].join("\n"),
    );
    // The service's expectation is deliberately wrong: the FAIL proves the merged settings were used.
    const result = await readiness(["smoke", "--config", config, "--service", "api", "--format", "json"]);
    const run = JSON.parse(result.stdout);
    expect(run.target.endpoint).toBe(service.httpUrl);
    expect(run.sloSubmitMs).toBe(5000);
    expect(run.reason).toMatch(/^result\.output mismatch: expected "not-what-the-service-answers", got/);
    expect(result.code).toBe(1);
  });

  it("Noncompliance 1: a revision whose tasks never complete fails (exit 1) with the reason", async () => {
    await service.restart({ revision: "cli-never-complete", fault: "never-complete" });
    const result = await readiness(["smoke", "--endpoint", service.httpUrl, "--timeout", "3000", ...LENIENT]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\nFAIL {2}task [0-9a-f-]{36} did not complete within 3 s\n/);
    expect(result.stdout).toMatch(/ {2}✗ complete /);
  });

  it("Noncompliance 2: a revision with a wrong result fails (exit 1) with the mismatch", async () => {
    await service.restart({ revision: "cli-wrong-result", fault: "wrong-result" });
    const result = await readiness([
      "smoke",
      "--protocol",
      "http",
      "--endpoint",
      service.httpUrl,
      "--input",
      "abc-123",
      ...LENIENT,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\nFAIL {2}result\.output mismatch: expected "321-cba", got "(.+)"\n/);
    await service.restart({ revision: "cli-2", fault: "none" });
  });

  it("Inconclusive: an endpoint nobody listens on exits 3 with the reason", async () => {
    const port = await freeLoopbackPort();
    const result = await readiness(["smoke", "--endpoint", `http://127.0.0.1:${port}`, "--retries", "1"]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/\nINCONCLUSIVE {2}target unreachable: connection refused .* after 2 attempts\n/);
  });

  it("Noncompliance 3: --mtls-probe on a plain-HTTP endpoint fails the command even when the run passes", async () => {
    const result = await readiness(["smoke", "--endpoint", service.httpUrl, "--mtls-probe", ...LENIENT]);
    expect(result.stdout).toContain("\nPASS  all checks passed\n");
    expect(result.stdout).toContain(`mTLS probe: fail (${service.httpUrl} is plain http: no TLS, so no mTLS)`);
    expect(result.code).toBe(1);
  });
});

describe("readiness smoke --help", () => {
  it("lists every flag, examples and the exit codes", async () => {
    const result = await readiness(["smoke", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: readiness smoke \[options\]/);
    for (const flag of [
      "--protocol <protocol>",
      "--endpoint <url>",
      "--config <file>",
      "--service <name>",
      "--cert <file>",
      "--key <file>",
      "--ca <file>",
      "--tls-secret <id>",
      "--region <region>",
      "--timeout <ms>",
      "--retries <n>",
      "--slo-ms <ms>",
      "--input <text>",
      "--format <format>",
      "--mtls-probe",
      "--results-table <name>",
      "--cluster <name>",
    ])
      expect(result.stdout).toContain(flag);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ readiness smoke /);
    expect(result.stdout).toContain("Exit codes: 0 PASS, 1 FAIL, 2 usage or input error, 3 INCONCLUSIVE");
  });
});

describe("readiness smoke: bad input exits 2 with what, where and the fix", () => {
  it("no endpoint anywhere", async () => {
    const empty = mkdtempSync(join(tmpdir(), "readiness-smoke-empty-"));
    const result = await readiness(["smoke"], { cwd: empty });
    rmSync(empty, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: pass --endpoint (no readiness.yml found)\n  hint: e.g. readiness smoke --endpoint http://127.0.0.1:8080, or write a readiness.yml with a smoke section (docs/smoke.md)\n",
    );
  });

  it("a readiness.yml without a smoke endpoint: the file and the key to set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "readiness-smoke-config-"));
    writeFileSync(join(dir, "readiness.yml"), "version: 1\n");
    const result = await readiness(["smoke"], { cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: readiness.yml: the smoke test needs an endpoint (at smoke)\n  hint: set smoke.endpoint (or pass --endpoint)\n",
    );
  });

  it("a timeout that is not a number", async () => {
    const result = await readiness(["smoke", "--endpoint", "http://127.0.0.1:9", "--timeout", "soon"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --timeout must be a positive whole number, got "soon"');
  });

  it("a certificate without its key", async () => {
    const result = await readiness(["smoke", "--endpoint", "https://127.0.0.1:9", "--cert", "client.pem"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("a client certificate needs both a certificate and a key file");
  });

  it("an unknown protocol", async () => {
    const result = await readiness(["smoke", "--endpoint", "http://127.0.0.1:9", "--protocol", "ftp"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: invalid --protocol "ftp": not one of http, grpc\n  hint: pass --protocol http|grpc\n',
    );
  });
});

describe("readiness smoke with mutual TLS", () => {
  let pki: ThrowawayPki;
  let secured: RunningTaskService;
  beforeAll(async () => {
    pki = makeThrowawayPki();
    secured = await startTaskService({
      endpoint: emulator.emulator.endpoint,
      revision: "cli-mtls",
      names: { table: "tasks-mtls", queue: "tasks-mtls-queue", dlq: "tasks-mtls-dlq" },
      env: {
        ...mutualTlsServerEnv(pki),
        WORKER_WAIT_SECONDS: "1",
      },
    });
  });
  afterAll(async () => {
    await secured?.stop();
    pki?.remove();
  });
  const https = () => secured.httpUrl.replace(/^http:/, "https:");

  it("Compliance: --cert/--key/--ca pass, and --mtls-probe shows a handshake without a certificate is refused", async () => {
    const result = await readiness([
      "smoke",
      "--endpoint",
      https(),
      "--cert",
      pki.clientCertFile,
      "--key",
      pki.clientKeyFile,
      "--ca",
      pki.caFile,
      "--mtls-probe",
      ...LENIENT,
    ]);
    expect(result.stdout).toContain("\nPASS  all checks passed\n");
    expect(result.stdout).toMatch(/mTLS probe: pass \(a handshake without a client certificate is refused/);
    expect(result.code).toBe(0);
  });

  it("Compliance: --tls-secret reads the client certificate from Secrets Manager (the emulator)", async () => {
    const secrets = new SecretsManagerClient(emulator.clientConfig());
    await secrets.send(
      new CreateSecretCommand({
        Name: "smoke/client",
        SecretString: JSON.stringify({
          cert: readFileSync(pki.clientCertFile, "utf8"),
          key: readFileSync(pki.clientKeyFile, "utf8"),
          ca: readFileSync(pki.caFile, "utf8"),
        }),
      }),
    );
    secrets.destroy();
    const { credentials } = emulator.clientConfig();
    const result = await readiness(["smoke", "--endpoint", https(), "--tls-secret", "smoke/client", ...LENIENT], {
      env: {
        AWS_ENDPOINT_URL: emulator.emulator.endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("\nPASS  all checks passed\n");
    expect(result.code).toBe(0);
  });

  it("Compliance: --results-table records the probe as the mtls evidence of the service and the revision it runs", async () => {
    const config = emulator.clientConfig();
    const ecs = new ECSClient(config);
    const dynamodb = new DynamoDBClient(config);
    await ecs.send(new CreateClusterCommand({ clusterName: "cli-mtls" }));
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "task-api",
        containerDefinitions: [{ name: "api", image: "example/task-service:1", memory: 512 }],
      }),
    );
    const revision = registered.taskDefinition!.taskDefinitionArn!;
    const created = await ecs.send(
      new CreateServiceCommand({ cluster: "cli-mtls", serviceName: "api", taskDefinition: revision, desiredCount: 1 }),
    );
    await createResultsTable(dynamodb, "smoke-results");
    const file = join(scratch, "mtls-readiness.yml");
    writeFileSync(
      file,
      [
        "version: 1",
        "services:",
        "  - name: api",
        "    cluster: cli-mtls",
        "    service: api",
        "    role: api",
        "    smoke:",
        "      protocol: http",
        `      endpoint: ${https()}`,
        "      tls:",
        `        certFile: ${pki.clientCertFile}`,
        `        keyFile: ${pki.clientKeyFile}`,
        `        caFile: ${pki.caFile}`,
        "",
      ].join("\n"),
    );
    const { credentials } = config;
    const result = await readiness(
      ["smoke", "--config", file, "--service", "api", "--mtls-probe", "--results-table", "smoke-results", ...LENIENT],
      {
        env: {
          AWS_ENDPOINT_URL: emulator.emulator.endpoint,
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          GITHUB_SHA: "0123abc",
        },
      },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/mTLS probe: pass /);
    const serviceArn = created.service!.serviceArn!;
    expect(result.stdout).toContain(`recorded as mtls evidence of ${serviceArn} (task-api:1) in smoke-results`);
    expect(result.code).toBe(0);
    expect(await latestEvidence(ResultsTable.on(dynamodb, "smoke-results"), serviceArn, "mtls")).toMatchObject({
      revision,
      verdict: "pass",
      provenance: { source: "readiness smoke", gitCommit: "0123abc" },
      figures: { clientCertificateRequired: true, certificateAccepted: true },
    });
    ecs.destroy();
    dynamodb.destroy();
  });

  it("Usage error: --results-table without --mtls-probe and --service (exit 2)", async () => {
    const result = await readiness(["smoke", "--endpoint", https(), "--results-table", "smoke-results"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--results-table records the mTLS probe of a service");
  });

  it("Inconclusive: without a client certificate the handshake is refused, so the run cannot decide (exit 3)", async () => {
    const result = await readiness(["smoke", "--endpoint", https(), "--ca", pki.caFile, ...LENIENT]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(
      /\nINCONCLUSIVE {2}target unreachable: TLS handshake failed: ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED .* after 2 attempts\n/,
    );
  });
});
