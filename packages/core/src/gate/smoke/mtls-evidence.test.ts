import { describe, expect, it } from "vitest";
import { mtlsEvidenceOf } from "./mtls-evidence";

const target = { protocol: "grpc" as const, endpoint: "grpcs://api.internal:443", tls: { secretId: "smoke/client" } };
const context = {
  service: "arn:aws:ecs:us-east-1:111111111111:service/platform/api",
  revision: "arn:aws:ecs:us-east-1:111111111111:task-definition/api:7",
  at: new Date("2026-12-06T16:00:00.000Z"),
  evidenceId: "e-1",
  provenance: { source: "deployment-gate", gitCommit: "abc123" },
};

describe("mtlsEvidenceOf", () => {
  it("Compliance: a refused bare handshake and an accepted certificate are recorded with their figures", () => {
    const record = mtlsEvidenceOf(
      {
        verdict: "pass",
        reason: "a handshake without a client certificate is refused (alert); the configured certificate is accepted",
        observed: {
          endpoint: "api.internal:443",
          withCertificate: "accepted",
          withoutCertificate: "refused",
          protocol: "TLSv1.3",
        },
      },
      target,
      context,
    );
    expect(record).toEqual({
      itemId: "mtls",
      service: context.service,
      revision: context.revision,
      recordedAt: "2026-12-06T16:00:00.000Z",
      evidenceId: "e-1",
      provenance: context.provenance,
      figures: {
        endpoint: "api.internal:443",
        protocol: "grpc",
        tlsVersion: "TLSv1.3",
        handshakeWithCertificate: "accepted",
        handshakeWithoutCertificate: "refused",
        certificateAccepted: true,
        clientCertificateRequired: true,
      },
      verdict: "pass",
      reason:
        "mTLS handshake probe of api.internal:443: a handshake without a client certificate is refused (alert); the configured certificate is accepted",
    });
  });

  it("Noncompliance: a server that accepts a bare handshake is recorded as a failure", () => {
    const record = mtlsEvidenceOf(
      {
        verdict: "fail",
        reason: "api.internal:443 accepted a TLS connection without a client certificate",
        observed: { endpoint: "api.internal:443", withCertificate: "accepted", withoutCertificate: "accepted" },
      },
      target,
      context,
    );
    expect(record).toMatchObject({ verdict: "fail", figures: { clientCertificateRequired: false } });
  });

  it("Undecided: an unreachable endpoint is not evidence", () => {
    expect(
      mtlsEvidenceOf({ verdict: "unknown", reason: "cannot reach api.internal:443: ECONNREFUSED" }, target, context),
    ).toBeUndefined();
  });
});
