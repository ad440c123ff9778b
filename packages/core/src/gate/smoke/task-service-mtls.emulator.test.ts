import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The real example service and the emulator harness: integration only, core's code never imports them.
import { type RunningTaskService, startTaskService } from "@readiness/example-task-service/runner";
import { useEmulator } from "@readiness/devkit/test-support/emulator";
import { EXAMPLE_SERVICE_SMOKE_SPEC as SPEC } from "@readiness/devkit/smoke/example-service-spec";
import { probeMtls } from "./mtls-probe";
import { runSmokeTest } from "./runner";
import { makeThrowawayPki, mutualTlsServerEnv, type ThrowawayPki } from "@readiness/devkit/smoke/throwaway-certs";

/** The example service with mutual TLS on (TLS_CLIENT_CA_FILE), certificates made by openssl at test time. */
const emulator = useEmulator();

let pki: ThrowawayPki;
let service: RunningTaskService;
beforeAll(async () => {
  pki = makeThrowawayPki();
  service = await startTaskService({
    endpoint: emulator.emulator.endpoint,
    revision: "mtls-1",
    env: {
      ...mutualTlsServerEnv(pki),
      WORKER_WAIT_SECONDS: "1",
    },
  });
});
afterAll(async () => {
  await service?.stop();
  pki?.remove();
});

const httpsEndpoint = () => service.httpUrl.replace(/^http:/, "https:");
const clientTls = () => ({ caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile });

describe("smoke test and mTLS probe against the example service with mTLS", () => {
  it("Compliance: the smoke test passes over HTTPS with the client certificate", async () => {
    const run = await runSmokeTest({ protocol: "http", endpoint: httpsEndpoint(), tls: clientTls() }, SPEC);
    expect(run.reason).toBe("all checks passed");
    expect(run.verdict).toBe("PASS");
  });

  it("Compliance: the smoke test passes over gRPC with TLS and the client certificate", async () => {
    const run = await runSmokeTest({ protocol: "grpc", endpoint: service.grpcTarget, tls: clientTls() }, SPEC);
    expect(run.reason).toBe("all checks passed");
    expect(run.verdict).toBe("PASS");
  });

  it("Compliance: the mTLS probe passes on both listeners", async () => {
    const overHttp = await probeMtls({ protocol: "http", endpoint: httpsEndpoint(), tls: clientTls() });
    expect(overHttp).toMatchObject({ verdict: "pass" });
    const overGrpc = await probeMtls({ protocol: "grpc", endpoint: service.grpcTarget, tls: clientTls() });
    expect(overGrpc).toMatchObject({ verdict: "pass" });
  });

  it("Inconclusive: without a client certificate the smoke test cannot get in, and says why", async () => {
    const run = await runSmokeTest({ protocol: "http", endpoint: httpsEndpoint(), tls: { caFile: pki.caFile } }, SPEC);
    expect(run.verdict).toBe("INCONCLUSIVE");
    expect(run.reason).toMatch(/^target unreachable: (TLS handshake failed|connection reset)/);
  });

  it("Noncompliance: a certificate from another CA is refused by the probe", async () => {
    const result = await probeMtls({
      protocol: "grpc",
      endpoint: service.grpcTarget,
      tls: { caFile: pki.caFile, certFile: pki.strangerCertFile, keyFile: pki.strangerKeyFile },
    });
    expect(result.verdict).toBe("fail");
    expect(result.reason).toMatch(/^the configured client certificate was refused/);
  });
});
