import { describe, expect, it } from "vitest";
import { SmokeConfigError } from "../../kernel/errors";
import { parseConfig } from "./load";
import { resolveSmokeSettings } from "./smoke-settings";

const YAML = `
version: 1
smoke:
  protocol: http
  endpoint: https://api.internal
  timeouts: { requestMs: 2000, completionMs: 20000 }
  tls: { caFile: ca.pem, certFile: client.pem, keyFile: client.key }
services:
  - service: api
    role: api
    smoke:
      protocol: grpc
      endpoint: api.internal:50051
      timeouts: { completionMs: 60000 }
  - service: worker
    role: worker
`;

describe("readiness.yml smoke section", () => {
  it("Compliance: a service's smoke settings are merged over the top level, objects field by field", () => {
    const { target, spec } = resolveSmokeSettings(parseConfig(YAML, "readiness.yml"), "api");
    expect(target).toEqual({
      protocol: "grpc",
      endpoint: "api.internal:50051",
      tls: { caFile: "ca.pem", certFile: "client.pem", keyFile: "client.key" },
    });
    expect(spec.timeouts).toEqual({ requestMs: 2000, completionMs: 60000 });
  });

  it("Compliance: without a service name the top-level settings apply", () => {
    const { target } = resolveSmokeSettings(parseConfig(YAML, "readiness.yml"));
    expect(target.endpoint).toBe("https://api.internal");
  });

  it("Noncompliance 1: an unknown key in the smoke section is reported with its place", () => {
    expect(() => parseConfig("version: 1\nsmoke:\n  protocl: http\n", "readiness.yml")).toThrow(/protocl/);
  });

  it("Noncompliance 2: a negative timeout is rejected", () => {
    expect(() => parseConfig("version: 1\nsmoke:\n  timeouts: { requestMs: -5 }\n", "readiness.yml")).toThrow();
  });

  it("Noncompliance 3: no endpoint says where to add it", () => {
    const error = (() => {
      try {
        resolveSmokeSettings(parseConfig("version: 1\nsmoke: { protocol: http }\n", "readiness.yml"));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SmokeConfigError);
    expect((error as SmokeConfigError).describe()).toContain("set smoke.endpoint");
  });

  it("Noncompliance 4: an unknown service is named with the known ones", () => {
    expect(() => resolveSmokeSettings(parseConfig(YAML, "readiness.yml"), "billing")).toThrow(
      expect.objectContaining({ hint: "name one of: api, worker" }),
    );
  });
});
