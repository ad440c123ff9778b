import { UsageError } from "@readiness/core/kernel/errors";
import { describe, expect, it } from "vitest";
import { clientTlsOf } from "./command-io";

describe("clientTlsOf: the client certificate smoke, load and the drills read from their TLS flags", () => {
  it("maps --cert, --key and --ca to the files of the smoke settings' tls", () => {
    expect(clientTlsOf({ cert: "client.pem", key: "client.key", ca: "ca.pem" })).toEqual({
      certFile: "client.pem",
      keyFile: "client.key",
      caFile: "ca.pem",
    });
  });

  it("maps --tls-secret (with a CA file) to the secret id", () => {
    expect(clientTlsOf({ tlsSecret: "readiness/client-cert", ca: "ca.pem" })).toEqual({
      secretId: "readiness/client-cert",
      caFile: "ca.pem",
    });
  });

  it("gives no tls when no TLS flag is set", () => {
    expect(clientTlsOf({})).toBeUndefined();
  });

  it("refuses a secret and certificate files at once, saying which to pass", () => {
    const call = () => clientTlsOf({ tlsSecret: "readiness/client-cert", cert: "client.pem", key: "client.key" });
    expect(call).toThrow(UsageError);
    expect(call).toThrow("--tls-secret and --cert/--key both give a client certificate");
  });
});
