import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { credentials, status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { type RunningTaskService, startTaskService, TaskServiceStartError } from "../src/runner";
import { generatePki, type TestPki } from "./support/certs";
import { TaskGrpcClient } from "./support/grpc-client";
import { type ClientTls, call, submit, waitForStatus } from "./support/http-client";
import { FAST_ENV } from "./support/service";

const aws = useEmulator();
let pki: TestPki;

beforeAll(() => {
  pki = generatePki();
});
afterAll(() => {
  pki?.remove();
});

const withClientCert = (): ClientTls => ({
  ca: pki.read("caCert"),
  cert: pki.read("clientCert"),
  key: pki.read("clientKey"),
});
const withoutClientCert = (): ClientTls => ({ ca: pki.read("caCert") });

describe("mutual TLS from files (TLS_CERT_FILE, TLS_KEY_FILE, TLS_CLIENT_CA_FILE)", () => {
  let service: RunningTaskService;
  beforeAll(async () => {
    service = await startTaskService({
      endpoint: aws.emulator.endpoint,
      revision: "mtls-files",
      names: { table: "tasks-mtls", queue: "tasks-mtls-queue", dlq: "tasks-mtls-dlq" },
      env: {
        ...FAST_ENV,
        TLS_CERT_FILE: pki.files.serverCert,
        TLS_KEY_FILE: pki.files.serverKey,
        TLS_CLIENT_CA_FILE: pki.files.caCert,
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("Compliance: a client with a certificate from the CA submits and reads over HTTPS", async () => {
    expect(service.httpUrl).toMatch(/^https:\/\//);
    const submitted = await submit(service.httpUrl, "mtls-http", "secure", { tls: withClientCert() });
    expect(submitted.status).toBe(202);
    const done = await waitForStatus(service.httpUrl, String(submitted.body.taskId), "COMPLETED", withClientCert());
    expect(done.result?.output).toBe("eruces");
  });

  it("Noncompliance 1: an HTTPS client without a certificate is refused", async () => {
    await expect(call(service.httpUrl, "GET", "/healthz", { tls: withoutClientCert() })).rejects.toThrow();
  });

  it("Compliance: a gRPC client with a certificate is served", async () => {
    const client = new TaskGrpcClient(
      service.grpcTarget,
      credentials.createSsl(
        Buffer.from(pki.read("caCert")),
        Buffer.from(pki.read("clientKey")),
        Buffer.from(pki.read("clientCert")),
      ),
    );
    const submitted = await client.submit("mtls-grpc", "abc");
    client.close();
    expect(submitted.error).toBeUndefined();
    expect(submitted.task?.status).toBe("PENDING");
  });

  it("Noncompliance 2: a gRPC client without a certificate is refused", async () => {
    const client = new TaskGrpcClient(service.grpcTarget, credentials.createSsl(Buffer.from(pki.read("caCert"))));
    const refused = await client.submit("mtls-grpc-anon", "abc");
    client.close();
    expect(refused.error?.code).toBe(status.UNAVAILABLE);
  });
});

describe("mutual TLS from Secrets Manager (TLS_SECRET_ID)", () => {
  let service: RunningTaskService;
  beforeAll(async () => {
    const secrets = new SecretsManagerClient(aws.clientConfig());
    await secrets.send(
      new CreateSecretCommand({
        Name: "task-service/tls",
        SecretString: JSON.stringify({
          cert: pki.read("serverCert"),
          key: pki.read("serverKey"),
          clientCa: pki.read("caCert"),
        }),
      }),
    );
    secrets.destroy();
    service = await startTaskService({
      endpoint: aws.emulator.endpoint,
      revision: "mtls-secret",
      names: { table: "tasks-secret", queue: "tasks-secret-queue", dlq: "tasks-secret-dlq" },
      env: { ...FAST_ENV, TLS_SECRET_ID: "task-service/tls" },
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("Compliance: the certificate from the secret serves clients with a certificate", async () => {
    const health = await call(service.httpUrl, "GET", "/healthz", { tls: withClientCert() });
    expect(health).toMatchObject({ status: 200, body: { ok: true, revision: "mtls-secret" } });
    const listening = service.processes.api.logs().find((line) => line.msg === "api listening");
    expect(listening?.tls).toEqual({ source: "secret task-service/tls", mutual: true });
  });

  it("Noncompliance: a client without a certificate is refused", async () => {
    await expect(call(service.httpUrl, "GET", "/healthz", { tls: withoutClientCert() })).rejects.toThrow();
  });
});

describe("TLS misconfiguration", () => {
  it("Noncompliance: a client CA without a server certificate stops the API with a clear reason", async () => {
    const started = startTaskService({
      endpoint: aws.emulator.endpoint,
      revision: "mtls-bad",
      names: { table: "tasks-bad", queue: "tasks-bad-queue", dlq: "tasks-bad-dlq" },
      env: { ...FAST_ENV, TLS_CLIENT_CA_FILE: pki.files.caCert },
    });
    await expect(started).rejects.toThrow(TaskServiceStartError);
    await expect(started).rejects.toThrow(/TLS_CLIENT_CA_FILE needs TLS_CERT_FILE and TLS_KEY_FILE/);
  });

  it("Noncompliance: a missing secret stops the API with the secret id in the reason", async () => {
    const started = startTaskService({
      endpoint: aws.emulator.endpoint,
      revision: "mtls-missing",
      names: { table: "tasks-missing", queue: "tasks-missing-queue", dlq: "tasks-missing-dlq" },
      env: { ...FAST_ENV, TLS_SECRET_ID: "task-service/absent" },
    });
    await expect(started).rejects.toThrow(
      /api failed to start.*TLS_SECRET_ID task-service\/absent: cannot read the secret/,
    );
  });
});
