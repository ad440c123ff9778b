import { readFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import type { AddressInfo } from "node:net";
import * as grpc from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freeLoopbackPort } from "@readiness/devkit/emulator/moto";
import { probeMtls } from "./mtls-probe";
import { makeThrowawayPki, type ThrowawayPki } from "@readiness/devkit/smoke/throwaway-certs";

let pki: ThrowawayPki;
beforeAll(() => {
  pki = makeThrowawayPki();
});
afterAll(() => pki?.remove());

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const serverTls = (requireClientCert: boolean, extra: { maxVersion?: "TLSv1.2" } = {}) => ({
  cert: readFileSync(pki.serverCertFile),
  key: readFileSync(pki.serverKeyFile),
  ca: readFileSync(pki.caFile),
  requestCert: requireClientCert,
  rejectUnauthorized: requireClientCert,
  ...extra,
});

/** Starts a server on a loopback port and registers its shutdown. */
const listen = async (server: http.Server | https.Server | http2.Http2SecureServer): Promise<number> => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
};

const answer = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end("ok");

const clientTls = () => ({ caFile: pki.caFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile });

describe("probeMtls over HTTPS", () => {
  it("Compliance: a server that requires client certificates refuses the bare handshake and accepts the configured one", async () => {
    const port = await listen(https.createServer(serverTls(true), answer));
    const result = await probeMtls({ protocol: "http", endpoint: `https://127.0.0.1:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("pass");
    expect(result.reason).toBe(
      "a handshake without a client certificate is refused (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED (tlsv13 alert certificate required)); the configured certificate is accepted",
    );
    expect(result.observed).toEqual({
      endpoint: `127.0.0.1:${port}`,
      withCertificate: "accepted",
      withoutCertificate: "refused",
      protocol: "TLSv1.3",
    });
  });

  it("Compliance: also with TLS 1.2, where the refusal comes inside the handshake", async () => {
    const port = await listen(https.createServer(serverTls(true, { maxVersion: "TLSv1.2" }), answer));
    const result = await probeMtls({ protocol: "http", endpoint: `https://localhost:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("pass");
  });

  it("Noncompliance 1: a server that does not ask for a client certificate fails", async () => {
    const port = await listen(https.createServer(serverTls(false), answer));
    const result = await probeMtls({ protocol: "http", endpoint: `https://127.0.0.1:${port}`, tls: clientTls() });
    expect(result).toEqual({
      verdict: "fail",
      reason: `127.0.0.1:${port} accepted a TLS connection without a client certificate`,
      observed: {
        endpoint: `127.0.0.1:${port}`,
        withCertificate: "accepted",
        withoutCertificate: "accepted",
        protocol: "TLSv1.3",
      },
    });
  });

  it("Noncompliance 2: a certificate from another CA is refused, so the configured certificate is wrong", async () => {
    const port = await listen(https.createServer(serverTls(true), answer));
    const result = await probeMtls({
      protocol: "http",
      endpoint: `https://127.0.0.1:${port}`,
      tls: { caFile: pki.caFile, certFile: pki.strangerCertFile, keyFile: pki.strangerKeyFile },
    });
    expect(result.verdict).toBe("fail");
    expect(result.reason).toMatch(/^the configured client certificate was refused: /);
  });

  it("Noncompliance 3: a plain http:// endpoint has no TLS at all", async () => {
    const port = await listen(http.createServer(answer));
    const result = await probeMtls({ protocol: "http", endpoint: `http://127.0.0.1:${port}`, tls: clientTls() });
    expect(result).toEqual({ verdict: "fail", reason: `http://127.0.0.1:${port} is plain http: no TLS, so no mTLS` });
  });

  it("Unknown 1: without a configured client certificate the probe cannot decide", async () => {
    const port = await listen(https.createServer(serverTls(true), answer));
    const result = await probeMtls({
      protocol: "http",
      endpoint: `https://127.0.0.1:${port}`,
      tls: { caFile: pki.caFile },
    });
    expect(result.verdict).toBe("unknown");
    expect(result.reason).toMatch(/^no client certificate configured/);
  });

  it("Unknown 2: a closed port is unknown, not fail", async () => {
    const port = await freeLoopbackPort();
    const result = await probeMtls({ protocol: "http", endpoint: `https://127.0.0.1:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("unknown");
    expect(result.reason).toMatch(/^cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED \(connect ECONNREFUSED/);
  });

  it("Unknown 3: a server certificate the configured CA does not trust is unknown", async () => {
    const port = await listen(https.createServer(serverTls(true), answer));
    const result = await probeMtls({
      protocol: "http",
      endpoint: `https://127.0.0.1:${port}`,
      tls: { caFile: pki.strangerCertFile, certFile: pki.clientCertFile, keyFile: pki.clientKeyFile },
    });
    expect(result.verdict).toBe("unknown");
    expect(result.reason).toMatch(/^cannot verify the server's certificate: /);
  });
});

describe("probeMtls over gRPC (HTTP/2)", () => {
  it("Compliance: a grpc-js server with client certificates required passes", async () => {
    const server = new grpc.Server();
    const credentials = grpc.ServerCredentials.createSsl(
      readFileSync(pki.caFile),
      [{ private_key: readFileSync(pki.serverKeyFile), cert_chain: readFileSync(pki.serverCertFile) }],
      true,
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    closers.push(() => new Promise((resolve) => server.tryShutdown(() => resolve())));
    const result = await probeMtls({ protocol: "grpc", endpoint: `127.0.0.1:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("pass");
  });

  it("Noncompliance 1: an HTTP/2 server that does not ask for client certificates fails", async () => {
    const port = await listen(http2.createSecureServer(serverTls(false)));
    const result = await probeMtls({ protocol: "grpc", endpoint: `grpcs://127.0.0.1:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("fail");
  });

  it("Noncompliance 2: a plaintext gRPC port does not speak TLS", async () => {
    const port = await listen(http.createServer(answer));
    const result = await probeMtls({ protocol: "grpc", endpoint: `127.0.0.1:${port}`, tls: clientTls() });
    expect(result.verdict).toBe("fail");
    expect(result.reason).toMatch(/does not speak TLS/);
  });
});
